// The embedded backend with the tiny chat fixtures (random weights, real Llama 3 and Phi-3 vocabularies):
// gibberish text, but the grammar alone guarantees JSON that parses and matches the schema.
#include <gtest/gtest.h>

#include <thread>

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
  auto backend = make_embedded_backend(testing::shared_dir() + "/fixtures/llm/" + GetParam(),
                                       {.threads = 2, .prompt_cache_dir = testing::temp_dir("llm_prompt_cache")});
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
  auto backend = make_embedded_backend(testing::shared_dir() + "/fixtures/llm/" + GetParam(),
                                       {.threads = 2, .prompt_cache_dir = testing::temp_dir("llm_prompt_cache")});
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
  auto backend = make_embedded_backend(testing::shared_dir() + "/fixtures/llm/" + GetParam(),
                                       {.threads = 2, .prompt_cache = false});
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
  EXPECT_EQ(stats["cached_tokens"].get<int>(), 0);    // the cache is off
  EXPECT_GE(stats["generated_tokens"].get<int>(), 1);
  EXPECT_LE(stats["generated_tokens"].get<int>(), 60);
  Json timings = fields::to_json(*result)["timings_ms"];
  EXPECT_TRUE(timings.contains("llm_prompt"));
  EXPECT_TRUE(timings.contains("llm_generation"));
}

// Greedy answers are the same bytes whether the instructions and schema come from the prompt cache (memory,
// then a file read by a fresh backend, as a new process would) or are computed with the document.
TEST_P(EmbeddedExtraction, PromptCacheGivesTheSameAnswers) {
  TEXTRA_REQUIRE_SHARED();
  const std::string model = testing::shared_dir() + "/fixtures/llm/" + GetParam();
  const std::string dir = testing::temp_dir("llm_prompt_cache");
  auto plain = make_embedded_backend(model, {.threads = 2, .prompt_cache = false});
  auto cached = make_embedded_backend(model, {.threads = 2, .prompt_cache_dir = dir});
  ASSERT_TRUE(plain.is_ok() && cached.is_ok());
  auto schema = fields::schema_from_field_list("company:text,total:amount");
  ASSERT_TRUE(schema.is_ok());
  auto request_for = [&](const std::string& id) {
    LlmRequest request = build_llm_request(*schema, fit_document_text(doc::layout_text(sroie_document(id)), 1500), "en");
    request.max_tokens = 40;
    return request;
  };
  const std::vector<std::string> ids = {"000", "347", "104"};
  std::int64_t fixed_tokens = 0;  // the instructions and schema: the same for every document
  for (std::size_t i = 0; i < ids.size(); ++i) {
    LlmRequest request = request_for(ids[i]);
    auto expected = (*plain)->complete(request);
    auto answer = (*cached)->complete(request);
    ASSERT_TRUE(expected.is_ok()) << expected.status().message();
    ASSERT_TRUE(answer.is_ok()) << answer.status().message();
    EXPECT_EQ(answer->text, expected->text) << ids[i];
    EXPECT_EQ(answer->prompt_tokens, expected->prompt_tokens);
    EXPECT_EQ(expected->cached_tokens, 0);
    if (i == 0) {
      EXPECT_EQ(answer->cached_tokens, 0) << "the first document fills the cache";
    } else {
      EXPECT_GT(answer->cached_tokens, 60) << "the instructions alone are longer";
      EXPECT_LT(answer->cached_tokens, answer->prompt_tokens);
      if (fixed_tokens != 0) EXPECT_EQ(answer->cached_tokens, fixed_tokens);
      fixed_tokens = answer->cached_tokens;
    }
  }
  auto next_process = make_embedded_backend(model, {.threads = 2, .prompt_cache_dir = dir});
  ASSERT_TRUE(next_process.is_ok());
  LlmRequest request = request_for("000");
  auto expected = (*plain)->complete(request);
  auto answer = (*next_process)->complete(request);
  ASSERT_TRUE(expected.is_ok() && answer.is_ok());
  EXPECT_EQ(answer->text, expected->text);
  EXPECT_EQ(answer->cached_tokens, fixed_tokens) << "the cache file is used";
}

// Two documents of a batch asked at the same time (two workers of `textra extract` or the server): the
// engine answers one after the other, so the second finds the prefix the first cached, and the answers are
// those of one at a time.
TEST_P(EmbeddedExtraction, ConcurrentRequestsShareTheCachedPrefix) {
  TEXTRA_REQUIRE_SHARED();
  const std::string model = testing::shared_dir() + "/fixtures/llm/" + GetParam();
  auto backend = make_embedded_backend(model, {.threads = 2, .prompt_cache_dir = testing::temp_dir("llm_concurrent")});
  auto plain = make_embedded_backend(model, {.threads = 2, .prompt_cache = false});
  ASSERT_TRUE(backend.is_ok() && plain.is_ok());
  auto schema = fields::schema_from_field_list("company:text,total:amount");
  ASSERT_TRUE(schema.is_ok());
  std::vector<LlmRequest> requests;
  for (const char* id : {"000", "347"}) {
    requests.push_back(build_llm_request(*schema, fit_document_text(doc::layout_text(sroie_document(id)), 1500), "en"));
    requests.back().max_tokens = 40;
  }
  std::vector<Result<LlmAnswer>> answers(2, Status(ErrorCode::kInternal, "not run"));
  std::vector<std::thread> workers;
  for (std::size_t i = 0; i < 2; ++i) workers.emplace_back([&, i] { answers[i] = (*backend)->complete(requests[i]); });
  for (std::thread& worker : workers) worker.join();
  ASSERT_TRUE(answers[0].is_ok() && answers[1].is_ok());
  EXPECT_GT(answers[0]->cached_tokens + answers[1]->cached_tokens, 0) << "neither reused the prefix";
  EXPECT_TRUE(answers[0]->cached_tokens == 0 || answers[1]->cached_tokens == 0) << "one of them filled it";
  for (std::size_t i = 0; i < 2; ++i) {
    auto alone = (*plain)->complete(requests[i]);
    ASSERT_TRUE(alone.is_ok());
    EXPECT_EQ(answers[i]->text, alone->text);
  }
}

// Jump-forward appends the keys, quotes and punctuation the schema fixes without sampling them: fewer
// forward passes than answer tokens, and the answers still parse and match the schema. Phi-3's
// SentencePiece vocabulary puts a space in front of any text it encodes, so it decodes plainly.
TEST_P(EmbeddedExtraction, JumpForwardSavesPassesAndStaysValid) {
  TEXTRA_REQUIRE_SHARED();
  auto backend = make_embedded_backend(testing::shared_dir() + "/fixtures/llm/" + GetParam(),
                                       {.threads = 2, .prompt_cache = false});
  ASSERT_TRUE(backend.is_ok());
  auto schema = fields::builtin_schema("receipt");
  ASSERT_TRUE(schema.is_ok());
  LlmRequest request = build_llm_request(*schema, fit_document_text(doc::layout_text(sroie_document("000")), 1500), "en");
  request.max_tokens = 120;
  auto answer = (*backend)->complete(request);
  ASSERT_TRUE(answer.is_ok()) << answer.status().message();
  Json values = Json::parse(answer->text, nullptr, false);
  ASSERT_FALSE(values.is_discarded()) << answer->text;
  EXPECT_EQ(fields::json_schema_violation(values, request.json_schema), "") << answer->text;
  if (GetParam().find("phi3") != std::string::npos) {
    EXPECT_EQ(answer->forced_tokens, 0);
    return;
  }
  EXPECT_GT(answer->forced_tokens, 0) << answer->text;
  EXPECT_LT(answer->generation_passes, answer->generated_tokens - 1) << answer->text;
}

// Two backends of a fixture model decoding token by token (no jump-forward, no cache), without and with
// prompt-lookup drafts.
std::pair<std::unique_ptr<LlmBackend>, std::unique_ptr<LlmBackend>> plain_and_drafted(const std::string& name,
                                                                                      int draft_tokens) {
  const std::string model = testing::shared_dir() + "/fixtures/llm/" + name;
  auto plain = make_embedded_backend(model, {.threads = 2, .prompt_cache = false, .jump_forward = false});
  auto drafted = make_embedded_backend(
      model, {.threads = 2, .prompt_cache = false, .jump_forward = false, .draft_tokens = draft_tokens});
  EXPECT_TRUE(plain.is_ok() && drafted.is_ok());
  if (!plain.is_ok() || !drafted.is_ok()) return {};
  return {std::move(*plain), std::move(*drafted)};
}

// Prompt-lookup drafts (jump-forward off, as plain decoding): the answers are the same bytes as without
// drafts, on receipts and an invoice.
TEST_P(EmbeddedExtraction, DraftsGiveTheSameAnswersAsPlainGreedy) {
  TEXTRA_REQUIRE_SHARED();
  auto [plain, drafted] = plain_and_drafted(GetParam(), 8);
  ASSERT_TRUE(plain != nullptr && drafted != nullptr);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"receipt", "000"}, {"receipt", "347"}, {"invoice", "104"}};
  for (const auto& [schema_name, id] : cases) {
    auto schema = fields::builtin_schema(schema_name);
    ASSERT_TRUE(schema.is_ok());
    LlmRequest request = build_llm_request(*schema, fit_document_text(doc::layout_text(sroie_document(id)), 1500), "en");
    request.max_tokens = schema_name == "invoice" ? 300 : 120;
    auto expected = plain->complete(request);
    auto answer = drafted->complete(request);
    ASSERT_TRUE(expected.is_ok() && answer.is_ok());
    EXPECT_EQ(answer->text, expected->text) << id;
    EXPECT_EQ(answer->generated_tokens, expected->generated_tokens);
    EXPECT_EQ(expected->drafted_tokens, 0);
    EXPECT_LE(answer->accepted_tokens, answer->drafted_tokens);
    EXPECT_EQ(answer->generation_passes + answer->accepted_tokens, answer->generated_tokens - 1)
        << "each pass yields one token of its own, the confirmed drafts come free";
  }
}

// A crafted copy: the schema allows one value, which the document prints, so the answer must spell the
// document's text. The grammar leaves the model a choice of how to split the value into tokens (a long
// token or its pieces); wherever its greedy choice is the document's own token, the draft copied from the
// document is confirmed.
TEST_P(EmbeddedExtraction, DraftsAreAcceptedWhereTheAnswerCopiesTheDocument) {
  TEXTRA_REQUIRE_SHARED();
  auto [plain, drafted] = plain_and_drafted(GetParam(), 4);
  ASSERT_TRUE(plain != nullptr && drafted != nullptr);
  const std::string value = "Facture FA-2024-00042 du 12/03/2024, SARL Dupont et Fils, 12 rue de la Paix, 75002 Paris";
  LlmRequest request;
  request.messages = {{"system", "Copy the supplier line."}, {"user", "Document:\n" + value + "\nTotal 42,00 EUR\n"}};
  request.json_schema = Json::parse(R"({"type":"object","properties":{"supplier":{"enum":[")" + value +
                                    R"("]}},"required":["supplier"]})");
  request.max_tokens = 120;
  auto expected = plain->complete(request);
  auto answer = drafted->complete(request);
  ASSERT_TRUE(expected.is_ok()) << expected.status().message();
  ASSERT_TRUE(answer.is_ok()) << answer.status().message();
  EXPECT_EQ(answer->text, expected->text);
  EXPECT_EQ(answer->text, R"({"supplier":")" + value + R"("})");
  EXPECT_GT(answer->accepted_tokens, 0) << answer->drafted_tokens << " drafted";
  std::printf("%s: %lld of %lld drafted tokens accepted, %lld passes for %lld tokens\n", GetParam().c_str(),
              static_cast<long long>(answer->accepted_tokens), static_cast<long long>(answer->drafted_tokens),
              static_cast<long long>(answer->generation_passes), static_cast<long long>(answer->generated_tokens));
}

INSTANTIATE_TEST_SUITE_P(ChatFixtures, EmbeddedExtraction,
                         ::testing::Values("tiny-llama3-chat-q8_0.gguf", "tiny-phi3-chat-q8_0.gguf"));

}  // namespace
}  // namespace textra::extract
