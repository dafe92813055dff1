// libFuzzer target: the document JSON reader (docs/formats.md; documents come from files and requests).
// Reading must fail cleanly or give a document that writes back to JSON and reads again unchanged.
#include "doc/json.h"
#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace textra;
  const nlohmann::json j = fuzz::parse_json(fuzz::as_text(data, size));
  if (j.is_discarded()) return 0;
  (void)doc::page_from_json(j);
  auto document = doc::document_from_json(j);
  if (!document.is_ok()) return 0;
  auto again = doc::document_from_json(doc::to_json(*document));
  if (!again.is_ok() || !(*again == *document)) __builtin_trap();
  return 0;
}
