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

using fields::Json;

// Validation against the JSON Schema the backend was given (the subset fields::to_json_schema writes:
// type or type lists, properties, required, additionalProperties, items, enum, format "date", anyOf).
// Returns "" when valid, else where and why not.
std::string violation(const Json& v, const Json& s, const std::string& path) {
  if (s.contains("anyOf")) {
    for (const Json& alternative : s["anyOf"]) {
      if (violation(v, alternative, path).empty()) return "";
    }
    return path + ": matches no anyOf alternative";
  }
  if (s.contains("type")) {
    std::vector<std::string> types;
    if (s["type"].is_array()) {
      for (const Json& t : s["type"]) types.push_back(t.get<std::string>());
    } else {
      types.push_back(s["type"].get<std::string>());
    }
    auto is = [&](const std::string& t) {
      return (t == "null" && v.is_null()) || (t == "string" && v.is_string()) || (t == "number" && v.is_number()) ||
             (t == "integer" && v.is_number_integer()) || (t == "boolean" && v.is_boolean()) ||
             (t == "object" && v.is_object()) || (t == "array" && v.is_array());
    };
    if (std::none_of(types.begin(), types.end(), is)) return path + ": wrong type " + v.dump();
  }
  if (s.contains("enum") && !v.is_null() &&
      std::find(s["enum"].begin(), s["enum"].end(), v) == s["enum"].end()) {
    return path + ": not one of the enum values";
  }
  if (s.value("format", "") == "date" && v.is_string()) {
    std::string d = v.get<std::string>();
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return path + ": not a date " + d;
  }
  if (v.is_object()) {
    for (const Json& key : s.value("required", Json::array())) {
      if (!v.contains(key.get<std::string>())) return path + "." + key.get<std::string>() + ": missing";
    }
    for (const auto& [key, value] : v.items()) {
      if (s.contains("properties") && s["properties"].contains(key)) {
        std::string why = violation(value, s["properties"][key], path + "." + key);
        if (!why.empty()) return why;
      } else if (s.contains("additionalProperties") && s["additionalProperties"].is_object()) {
        std::string why = violation(value, s["additionalProperties"], path + "." + key);
        if (!why.empty()) return why;
      } else {
        return path + "." + key + ": not in the schema";
      }
    }
  }
  if (v.is_array() && s.contains("items")) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::string why = violation(v[i], s["items"], path + "." + std::to_string(i));
      if (!why.empty()) return why;
    }
  }
  return "";
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
    EXPECT_EQ(violation(values, request.json_schema, schema_name), "") << answer->text;
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
