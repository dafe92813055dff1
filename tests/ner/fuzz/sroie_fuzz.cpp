// libFuzzer target: SROIE box CSV and key JSON (`textra train`, `textra eval`). Input: a box CSV, optionally
// a NUL byte and a key JSON. Parsing must fail cleanly; labelling a parsed page gives one label per word.
#include "fuzz/fuzz_input.h"
#include "ner/sroie.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace textra;
  const std::vector<std::string_view> parts = fuzz::split(fuzz::as_text(data, size), '\0');
  auto page = ner::parse_sroie_boxes(parts[0], "fuzz.csv");
  auto key = ner::parse_sroie_key(parts.size() > 1 ? parts[1] : std::string_view("{}"), "fuzz.json");
  if (!page.is_ok() || !key.is_ok()) return 0;
  if (ner::sroie_word_labels(*page, *key).size() != page->word_count()) __builtin_trap();
  return 0;
}
