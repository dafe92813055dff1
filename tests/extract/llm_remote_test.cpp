// The Ollama and OpenAI backends against a real HTTP server on loopback that checks the exact request
// body and answers with responses recorded from the public API documentation.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "extract/llm_backend.h"

namespace textra::extract {
namespace {

using nlohmann::json;

// Ollama API docs, "Chat request (No streaming)" response, with our JSON as the content.
const char* kOllamaAnswer = R"({"model":"llama3","created_at":"2023-12-12T14:13:43.416799Z",
  "message":{"role":"assistant","content":"{\"total\": \"9.00\"}"},"done":true,"total_duration":5191566416,
  "load_duration":2154458,"prompt_eval_count":26,"prompt_eval_duration":383809000,"eval_count":298,
  "eval_duration":4799921000})";
// OpenAI API reference, chat completion object.
const char* kOpenAiAnswer = R"({"id":"chatcmpl-123","object":"chat.completion","created":1677652288,
  "model":"gpt-4o-mini","choices":[{"index":0,"message":{"role":"assistant","content":"{\"total\": \"9.00\"}"},
  "logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21}})";

class FakeLlmServer {
 public:
  FakeLlmServer() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeLlmServer() {
    server_.stop();
    thread_.join();
  }
  httplib::Server& http() { return server_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

LlmRequest receipt_request() {
  LlmRequest r;
  r.messages = {{"system", "Extract."}, {"user", "TOTAL 9.00"}};
  r.json_schema = {{"type", "object"}, {"properties", {{"total", {{"type", "string"}}}}}, {"required", {"total"}}};
  r.seed = 7;
  r.max_tokens = 256;
  return r;
}

TEST(OllamaBackend, SendsTheDocumentedChatRequestAndReadsTheAnswer) {
  FakeLlmServer fake;
  json seen;
  fake.http().Post("/api/chat", [&](const httplib::Request& req, httplib::Response& res) {
    seen = json::parse(req.body);
    res.set_content(kOllamaAnswer, "application/json");
  });
  auto backend = make_ollama_backend(fake.url(), "llama3");
  ASSERT_TRUE(backend.is_ok());
  auto answer = (*backend)->complete(receipt_request());
  ASSERT_TRUE(answer.is_ok()) << answer.status().message();
  EXPECT_EQ(answer->text, R"({"total": "9.00"})");
  EXPECT_EQ(answer->prompt_tokens, 26);
  EXPECT_NEAR(answer->generation_ms, 4799.921, 1e-6);
  EXPECT_EQ(seen["model"], "llama3");
  EXPECT_EQ(seen["stream"], false);
  EXPECT_EQ(seen["format"], receipt_request().json_schema);
  EXPECT_EQ(seen["messages"], json::parse(R"([{"role":"system","content":"Extract."},
                                              {"role":"user","content":"TOTAL 9.00"}])"));
  EXPECT_EQ(seen["options"]["temperature"], 0);
  EXPECT_EQ(seen["options"]["seed"], 7);
  EXPECT_TRUE(seen["options"].contains("num_ctx"));
}

TEST(OllamaBackend, ExplainsMissingModelsAndUnreachableServers) {
  FakeLlmServer fake;
  fake.http().Post("/api/chat", [](const httplib::Request&, httplib::Response& res) {
    res.status = 404;
    res.set_content(R"({"error":"model \"llama9\" not found, try pulling it first"})", "application/json");
  });
  auto missing = (*make_ollama_backend(fake.url(), "llama9"))->complete(receipt_request());
  ASSERT_FALSE(missing.is_ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_NE(missing.status().message().find("ollama pull llama9"), std::string::npos);

  RemoteOptions quick;
  quick.retries = 0;
  auto down = (*make_ollama_backend("http://127.0.0.1:9", "llama3", quick))->complete(receipt_request());
  ASSERT_FALSE(down.is_ok());
  EXPECT_EQ(down.status().code(), ErrorCode::kUnavailable);
  EXPECT_NE(down.status().message().find("http://127.0.0.1:9"), std::string::npos);
  EXPECT_NE(down.status().message().find("ollama serve"), std::string::npos);
  EXPECT_FALSE(make_ollama_backend("localhost:11434", "llama3").is_ok());  // no scheme
}

TEST(OllamaBackend, RetriesTransientFailures) {
  FakeLlmServer fake;
  std::atomic<int> calls{0};
  fake.http().Post("/api/chat", [&](const httplib::Request&, httplib::Response& res) {
    if (calls++ == 0) {
      res.status = 503;
      res.set_content(R"({"error":"server busy"})", "application/json");
      return;
    }
    res.set_content(kOllamaAnswer, "application/json");
  });
  auto answer = (*make_ollama_backend(fake.url(), "llama3"))->complete(receipt_request());
  ASSERT_TRUE(answer.is_ok()) << answer.status().message();
  EXPECT_EQ(calls.load(), 2);
}

TEST(OpenAiBackend, SendsStructuredOutputRequestWithTheKey) {
  FakeLlmServer fake;
  json seen;
  std::string authorization;
  fake.http().Post("/v1/chat/completions", [&](const httplib::Request& req, httplib::Response& res) {
    seen = json::parse(req.body);
    authorization = req.get_header_value("Authorization");
    res.set_content(kOpenAiAnswer, "application/json");
  });
  setenv("TEXTRA_OPENAI_API_KEY", "sk-test", 1);
  // Both base URL spellings reach /v1/chat/completions.
  for (const std::string& url : {fake.url(), fake.url() + "/v1"}) {
    auto backend = make_openai_backend(url, "gpt-4o-mini");
    ASSERT_TRUE(backend.is_ok());
    auto answer = (*backend)->complete(receipt_request());
    ASSERT_TRUE(answer.is_ok()) << answer.status().message();
    EXPECT_EQ(answer->text, R"({"total": "9.00"})");
    EXPECT_EQ(answer->generated_tokens, 12);
  }
  unsetenv("TEXTRA_OPENAI_API_KEY");
  EXPECT_EQ(authorization, "Bearer sk-test");
  EXPECT_EQ(seen["model"], "gpt-4o-mini");
  EXPECT_EQ(seen["temperature"], 0);
  EXPECT_EQ(seen["response_format"]["type"], "json_schema");
  EXPECT_EQ(seen["response_format"]["json_schema"]["schema"], receipt_request().json_schema);
  EXPECT_EQ(seen["messages"][1]["content"], "TOTAL 9.00");
}

TEST(OpenAiBackend, ReportsAnswersWithoutContent) {
  FakeLlmServer fake;
  fake.http().Post("/v1/chat/completions", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"choices":[]})", "application/json");
  });
  auto answer = (*make_openai_backend(fake.url(), "m"))->complete(receipt_request());
  ASSERT_FALSE(answer.is_ok());
  EXPECT_EQ(answer.status().code(), ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace textra::extract
