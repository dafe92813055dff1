// ExtractParams: what a job stores comes back the same, and an llm request names only what the server allows.
#include "pipeline/extract_params.h"

#include <gtest/gtest.h>

namespace textra::pipeline {
namespace {

TEST(ExtractParams, AJobsParamsComeBackFromTheirJson) {
  ExtractParams params{"llm", "invoice", "a:string", "fra", "{}", "ppocr", "m", "http://h:1", "", "en", 64};
  ExtractParams back = extract_params_from_json(extract_params_json(params));
  EXPECT_EQ(extract_params_json(back), extract_params_json(params));
  EXPECT_EQ(back.max_tokens, 64);
  EXPECT_EQ(back.ollama, "http://h:1");
}

TEST(ExtractParams, AnOlderJobWithoutTheLlmMembersReadsAsNer) {
  ExtractParams back = extract_params_from_json({{"engine", "ner"}, {"max_tokens", "lots"}});
  EXPECT_EQ(back.engine, "ner");
  EXPECT_EQ(back.model, "");
  EXPECT_EQ(back.max_tokens, 0);
}

// An llm request for `model`, the other members set by the test.
ExtractParams llm(const std::string& model) {
  ExtractParams params;
  params.engine = "llm";
  params.model = model;
  return params;
}

TEST(ExtractParams, RemoteServersMustBeAllowedAndAreNamedWhenNot) {
  const std::vector<std::string> allowed{"http://127.0.0.1:11434/"};
  ExtractParams ok = llm("llama3");
  ok.ollama = "http://127.0.0.1:11434";
  EXPECT_TRUE(check_engine_params(ok, allowed).is_ok());
  ExtractParams other = ok;
  other.ollama = "http://evil.example:11434";
  Status refused = check_engine_params(other, allowed);
  EXPECT_EQ(refused.code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(refused.message().find("http://evil.example:11434"), std::string::npos) << refused.message();
  other.ollama = "";
  other.openai = "http://127.0.0.1:11434";  // allowed URLs are not tied to a protocol
  EXPECT_TRUE(check_engine_params(other, allowed).is_ok());
  other.ollama = "http://127.0.0.1:11434";
  EXPECT_FALSE(check_engine_params(other, allowed).is_ok());  // both
}

TEST(ExtractParams, EngineFieldsAreChecked) {
  EXPECT_TRUE(check_engine_params({}, {}).is_ok());
  ExtractParams params;
  params.engine = "gpt";
  EXPECT_FALSE(check_engine_params(params, {}).is_ok());
  EXPECT_FALSE(check_engine_params(llm(""), {}).is_ok());  // no model
  params = llm("m");
  params.engine = "ner";
  EXPECT_FALSE(check_engine_params(params, {}).is_ok());  // an llm field with ner
  params = llm("m");
  params.max_tokens = 8;
  EXPECT_FALSE(check_engine_params(params, {}).is_ok());
  params.max_tokens = 16;
  EXPECT_TRUE(check_engine_params(params, {}).is_ok());
  params.language = "de";
  EXPECT_FALSE(check_engine_params(params, {}).is_ok());
  params.language = "en";
  EXPECT_TRUE(check_engine_params(params, {}).is_ok());
}

}  // namespace
}  // namespace textra::pipeline
