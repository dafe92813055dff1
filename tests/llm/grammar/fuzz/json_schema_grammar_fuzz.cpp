// libFuzzer target: JSON Schema -> grammar (the "format" of /api/chat, "response_format" of
// /v1/chat/completions, the LLM engine's schemas). Input: a schema, optionally followed by a NUL byte and
// an output to walk through the compiled grammar byte by byte. Compiling must fail cleanly or give a
// grammar whose parser accepts or rejects every byte without leaving its bounds.
#include "fuzz/fuzz_input.h"
#include "llm/grammar/json_schema_grammar.h"
#include "llm/grammar/pushdown_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace textra;
  const std::vector<std::string_view> parts = fuzz::split(fuzz::as_text(data, size), '\0');
  auto schema = fuzz::parse_json<nlohmann::ordered_json>(parts[0]);
  if (schema.is_discarded()) return 0;
  auto grammar = llm::JsonGrammar::compile(schema);
  if (!grammar.is_ok()) return 0;
  if (grammar->root() >= grammar->node_count()) __builtin_trap();

  llm::PushdownParser parser(*grammar);
  llm::Cursor cursor{parser.initial_frame(grammar->root()), -1, 0};
  llm::StackArena arena;
  (void)parser.min_completion(cursor, arena);
  for (char c : parts.size() > 1 ? parts[1] : std::string_view()) {
    if (!parser.step(cursor, arena, static_cast<std::uint8_t>(c))) break;
    (void)parser.min_completion(cursor, arena);
    (void)parser.can_end(cursor, arena);
  }
  return 0;
}
