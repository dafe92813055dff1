// The embedded backend with the tiny chat fixtures (random weights, real Llama 3 and Phi-3 vocabularies):
// gibberish text, but the grammar alone guarantees JSON that parses and matches the schema.
#include <gtest/gtest.h>

#include "base/files.h"
#include "doc/layout_text.h"
#include "extract/llm_engine.h"
#include "fields/json_schema_check.h"
#include "extract/llm_prompt.h"
#include "ner/sroie.h"
#include "test_support.h"

namespace textra::extract {
namespace {

using fields::Json;

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
    EXPECT_EQ(fields::json_schema_violation(values, request.json_schema), "") << answer->text;
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

TEST_P(EmbeddedExtraction, ResultCountsTheTokens) {
  TEXTRA_REQUIRE_SHARED();
  auto backend = make_embedded_backend(testing::shared_dir() + "/fixtures/llm/" + GetParam(), {.threads = 2});
  ASSERT_TRUE(backend.is_ok());
  LlmEngine engine(std::move(*backend), {.language = "en", .max_tokens = 60});
  auto schema = fields::schema_from_field_list("total:amount");
  ASSERT_TRUE(schema.is_ok());
  auto result = engine.extract(sroie_document("000"), *schema);
  ASSERT_TRUE(result.is_ok()) << result.status().message();
  Json stats = fields::to_json(*result)["stats"];
  ASSERT_TRUE(stats.is_object()) << fields::to_json(*result).dump();
  for (const char* name : {"prompt_tokens", "cached_tokens", "forced_tokens", "drafted_tokens", "accepted_tokens",
                           "generated_tokens"}) {
    EXPECT_TRUE(stats.contains(name)) << name;
  }
  EXPECT_GT(stats["prompt_tokens"].get<int>(), 100);  // the instructions and the schema alone are longer
  EXPECT_GE(stats["generated_tokens"].get<int>(), 1);
  EXPECT_LE(stats["generated_tokens"].get<int>(), 60);
  Json timings = fields::to_json(*result)["timings_ms"];
  EXPECT_TRUE(timings.contains("llm_prompt"));
  EXPECT_TRUE(timings.contains("llm_generation"));
}

INSTANTIATE_TEST_SUITE_P(ChatFixtures, EmbeddedExtraction,
                         ::testing::Values("tiny-llama3-chat-q8_0.gguf", "tiny-phi3-chat-q8_0.gguf"));

}  // namespace
}  // namespace textra::extract
