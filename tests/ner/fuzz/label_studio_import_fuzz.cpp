// libFuzzer target: the Label Studio JSON export reader (`textra label import`, `textra train`). Reading
// must fail cleanly or give pages whose label lists match their words.
#include "fuzz/fuzz_input.h"
#include "ner/label_studio.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace textra;
  const nlohmann::json j = fuzz::parse_json(fuzz::as_text(data, size));
  if (j.is_discarded()) return 0;
  (void)ner::is_label_studio_export(j);
  auto pages = ner::parse_label_studio_export(j, "fuzz.json");
  if (!pages.is_ok()) return 0;
  for (const ner::LabelledPage& page : *pages) {
    if (page.labels.size() != page.page.word_count()) __builtin_trap();
  }
  return 0;
}
