// libFuzzer target: the original Textra training format reader (`textra train`). Reading must fail cleanly
// or give pages whose label lists match their words and that write back to the format.
#include "fuzz/fuzz_input.h"
#include "ner/textra_format.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace textra;
  static const ner::LabelSet labels = *ner::builtin_label_set("invoice");
  const nlohmann::json j = fuzz::parse_json(fuzz::as_text(data, size));
  if (j.is_discarded() || !ner::is_textra_format(j)) return 0;
  auto pages = ner::parse_textra_format(j, labels, "fuzz.json");
  if (!pages.is_ok()) return 0;
  for (const ner::LabelledPage& page : *pages) {
    if (page.labels.size() != page.page.word_count()) __builtin_trap();
  }
  if (!ner::to_textra_format(*pages, labels).is_ok()) __builtin_trap();
  return 0;
}
