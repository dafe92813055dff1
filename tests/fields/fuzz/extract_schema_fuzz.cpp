// libFuzzer target: the schema a /v1/extract request or the CLI gives: the "fields" list
// ("total:amount,paid:boolean") and a JSON Schema (the "schema" part). Reading must fail cleanly or give a
// schema whose JSON Schema (what the LLM engine asks for) compiles to a grammar.
#include "fields/schema.h"
#include "fuzz/fuzz_input.h"
#include "llm/grammar/json_schema_grammar.h"

namespace {

void check(const textra::Result<textra::fields::Schema>& schema) {
  using namespace textra;
  if (!schema.is_ok()) return;
  (void)fields::leaf_paths(*schema);
  for (auto style : {fields::ValueStyle::kTyped, fields::ValueStyle::kPrinted}) {
    auto grammar = llm::JsonGrammar::compile(fields::to_json_schema(*schema, style));
    if (!grammar.is_ok()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace textra;
  const std::string_view text = fuzz::as_text(data, size);
  check(fields::schema_from_field_list(text));
  const fields::Json j = fuzz::parse_json<fields::Json>(text);
  if (!j.is_discarded()) check(fields::schema_from_json_schema(j, "fuzz"));
  return 0;
}
