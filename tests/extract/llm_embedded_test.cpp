// The embedded backend with the tiny chat fixtures (random weights, real Llama 3 and Phi-3 vocabularies):
// gibberish text, but the grammar alone guarantees JSON that parses and matches the schema.
#include <gtest/gtest.h>

#include "base/files.h"
#include "doc/layout_text.h"
#include "extract/llm_engine.h"
#include "extract/llm_prompt.h"
#include "ner/sroie.h"
#include "test_support.h"

namespace textra::extract {
namespace {

using fields::FieldSpec;
using fields::FieldType;
using fields::Json;

// Structural validation of a value against a schema field: what to_json_schema() asks for.
void expect_valid(const Json& v, const FieldSpec& spec, const std::string& path) {
  if (v.is_null()) {
    EXPECT_TRUE(spec.nullable) << path << " is null but not nullable";
    return;
  }
  switch (spec.type) {
    case FieldType::kString: EXPECT_TRUE(v.is_string()) << path; break;
    case FieldType::kDate: {
      ASSERT_TRUE(v.is_string()) << path;
      std::string s = v.get<std::string>();
      EXPECT_TRUE(s.size() == 10 && s[4] == '-' && s[7] == '-') << path << " = " << s;
      break;
    }
    case FieldType::kNumber: EXPECT_TRUE(v.is_number()) << path; break;
    case FieldType::kInteger: EXPECT_TRUE(v.is_number_integer()) << path; break;
    case FieldType::kBoolean: EXPECT_TRUE(v.is_boolean()) << path; break;
    case FieldType::kEnum:
      EXPECT_NE(std::find(spec.enum_values.begin(), spec.enum_values.end(), v.get<std::string>()),
                spec.enum_values.end()) << path;
      break;
    case FieldType::kArray:
      ASSERT_TRUE(v.is_array()) << path;
      for (std::size_t i = 0; i < v.size(); ++i) expect_valid(v[i], *spec.items, path + "." + std::to_string(i));
      break;
    case FieldType::kObject:
      ASSERT_TRUE(v.is_object()) << path;
      for (const FieldSpec& member : spec.properties) {
        if (member.required) EXPECT_TRUE(v.contains(member.name)) << path << "." << member.name << " missing";
        if (v.contains(member.name)) expect_valid(v[member.name], member, path + "." + member.name);
      }
      for (const auto& [key, value] : v.items()) {
        if (spec.property(key) != nullptr) continue;
        ASSERT_NE(spec.open_values, nullptr) << path << "." << key << " is not in the schema";
        expect_valid(value, *spec.open_values, path + "." + key);
      }
      break;
  }
}

doc::Document sroie_document(const std::string& id) {
  auto csv = read_file(testing::shared_dir() + "/data/sroie/box/" + id + ".csv");
  EXPECT_TRUE(csv.is_ok());
  auto page = ner::parse_sroie_boxes(*csv, id + ".csv");
  EXPECT_TRUE(page.is_ok());
  doc::Document d;
  d.file = id + ".csv";
  d.pages.push_back(*page);
  return d;
}

class EmbeddedExtraction : public ::testing::TestWithParam<std::string> {};

TEST_P(EmbeddedExtraction, AnswersAlwaysParseAndMatchTheSchema) {
  TEXTRA_REQUIRE_SHARED();
  auto backend = make_embedded_backend(testing::shared_dir() + "/fixtures/llm/" + GetParam(), {.threads = 2});
  ASSERT_TRUE(backend.is_ok()) << backend.status().message();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"receipt", "000"}, {"invoice", "104"}, {"receipt", "347"}};
  for (const auto& [schema_name, id] : cases) {
    auto schema = fields::builtin_schema(schema_name);
    ASSERT_TRUE(schema.is_ok());
    doc::Document document = sroie_document(id);
    LlmRequest request = build_llm_request(*schema, fit_document_text(doc::layout_text(document), 1500), "en");
    request.max_tokens = schema_name == "invoice" ? 420 : 120;  // small budgets: the grammar must close in time
    auto answer = (*backend)->complete(request);
    ASSERT_TRUE(answer.is_ok()) << answer.status().message();
    Json values = Json::parse(answer->text, nullptr, false);
    ASSERT_FALSE(values.is_discarded()) << answer->text;
    expect_valid(values, schema->root, schema_name);
    EXPECT_LE(answer->generated_tokens, request.max_tokens);
  }
}

TEST_P(EmbeddedExtraction, EngineGivesAResultWithEngineIdentity) {
  TEXTRA_REQUIRE_SHARED();
  auto backend = make_embedded_backend(testing::shared_dir() + "/fixtures/llm/" + GetParam(), {.threads = 2});
  ASSERT_TRUE(backend.is_ok());
  LlmEngine engine(std::move(*backend), {.language = "en", .max_tokens = 120});
  auto schema = fields::schema_from_field_list("total:amount,paid:boolean");
  ASSERT_TRUE(schema.is_ok()) << schema.status().message();
  auto result = engine.extract(sroie_document("000"), *schema);
  ASSERT_TRUE(result.is_ok()) << result.status().message();
  EXPECT_EQ(result->engine.name, "llm");
  EXPECT_NE(result->engine.model.find(GetParam()), std::string::npos);
  EXPECT_NE(result->fields.member("total"), nullptr);
  EXPECT_NE(result->fields.member("paid"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(ChatFixtures, EmbeddedExtraction,
                         ::testing::Values("tiny-llama3-chat-q8_0.gguf", "tiny-phi3-chat-q8_0.gguf"));

}  // namespace
}  // namespace textra::extract
