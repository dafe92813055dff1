// The Ollama- and OpenAI-compatible endpoints against a real `textra serve --models DIR`, DIR holding the
// two tiny chat fixtures (random weights, real vocabularies and chat templates: the text is gibberish, but
// a constrained answer must parse and fit its schema).
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "fields/json_schema_check.h"
#include "serve_process.h"
#include "test_support.h"

namespace textra::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

constexpr const char* kPhi3 = "tiny-phi3-chat-q8_0";
constexpr const char* kLlama3 = "tiny-llama3-chat-q8_0";

// A models folder of symlinks to the shared fixtures (nothing is copied).
std::string models_dir(const std::string& name) {
  fs::path dir = temp_dir(name);
  for (const char* model : {kPhi3, kLlama3}) {
    std::string file = std::string(model) + ".gguf";
    fs::create_symlink(fs::path(shared_dir()) / "fixtures/llm" / file, dir / file);
  }
  return dir.string();
}

class LlmApi : public ::testing::Test {
 protected:
  void SetUp() override {
    if (shared_dir().empty()) return;
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    serve_ = std::make_unique<ServeProcess>(temp_dir("llm-api-data-" + name),
                                            std::vector<std::string>{"--models", models_dir("llm-api-models-" + name)});
    ASSERT_TRUE(serve_->started());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", serve_->port());
    client_->set_read_timeout(60, 0);
  }

  json post(const std::string& path, const json& body, int expected_status = 200) {
    auto r = client_->Post(path, body.dump(), "application/json");
    EXPECT_TRUE(r) << path << ": no answer";
    if (!r) return json();
    EXPECT_EQ(r->status, expected_status) << path << " " << body.dump() << " -> " << r->body;
    return json::parse(r->body, nullptr, false);
  }
  json get(const std::string& path) {
    auto r = client_->Get(path);
    EXPECT_TRUE(r && r->status == 200) << path;
    return r ? json::parse(r->body, nullptr, false) : json();
  }
  // The lines of a streamed answer, each parsed.
  std::vector<json> post_ndjson(const std::string& path, const json& body) {
    auto r = client_->Post(path, body.dump(), "application/json");
    EXPECT_TRUE(r && r->status == 200) << path;
    std::vector<json> lines;
    if (!r) return lines;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/x-ndjson");
    std::istringstream in(r->body);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) lines.push_back(json::parse(line, nullptr, false));
    }
    return lines;
  }

  std::unique_ptr<ServeProcess> serve_;
  std::unique_ptr<httplib::Client> client_;
};

json user(const std::string& text) { return json::array({{{"role", "user"}, {"content", text}}}); }

TEST_F(LlmApi, ListsAndDescribesTheModelsOfTheFolder) {
  TEXTRA_REQUIRE_SHARED();
  json tags = get("/api/tags");
  ASSERT_EQ(tags["models"].size(), 2u) << tags.dump();
  std::set<std::string> names;
  for (const json& m : tags["models"]) {
    names.insert(m["name"].get<std::string>());
    EXPECT_EQ(m["details"]["format"], "gguf");
    EXPECT_GT(m["size"].get<std::uint64_t>(), 1000000u);
    EXPECT_EQ(m["digest"].get<std::string>().size(), 64u);
  }
  EXPECT_EQ(names, (std::set<std::string>{kPhi3, kLlama3}));

  json show = post("/api/show", {{"model", std::string(kLlama3) + ":latest"}});
  EXPECT_EQ(show["details"]["family"], "llama");
  EXPECT_EQ(show["model_info"]["general.architecture"], "llama");
  EXPECT_NE(show["template"].get<std::string>().find("start_header_id"), std::string::npos);
  json missing = post("/api/show", {{"model", "no-such-model"}}, 404);
  EXPECT_TRUE(missing["error"].is_string());

  json models = get("/v1/models");
  EXPECT_EQ(models["object"], "list");
  ASSERT_EQ(models["data"].size(), 2u);
  EXPECT_EQ(models["data"][0]["object"], "model");
  EXPECT_TRUE(get("/api/version")["version"].is_string());

  // Nothing is loaded until used; an empty prompt loads a model (Ollama's preload) and /api/ps shows it.
  EXPECT_EQ(get("/api/ps")["models"], json::array());
  json loaded = post("/api/generate", {{"model", kPhi3}});
  EXPECT_EQ(loaded["done_reason"], "load");
  json ps = get("/api/ps");
  ASSERT_EQ(ps["models"].size(), 1u);
  EXPECT_EQ(ps["models"][0]["name"], kPhi3);
}

TEST_F(LlmApi, OllamaChatIsReproducibleWithASeedAndBoundedByNumPredict) {
  TEXTRA_REQUIRE_SHARED();
  json request = {{"model", kPhi3}, {"messages", user("Bonjour")}, {"stream", false},
                  {"options", {{"seed", 42}, {"num_predict", 12}, {"temperature", 0.9}}}};
  json first = post("/api/chat", request);
  json second = post("/api/chat", request);
  EXPECT_EQ(first["model"], kPhi3);
  EXPECT_EQ(first["message"]["role"], "assistant");
  EXPECT_EQ(first["message"]["content"], second["message"]["content"]);
  EXPECT_FALSE(first["message"]["content"].get<std::string>().empty());
  EXPECT_EQ(first["done"], true);
  EXPECT_LE(first["eval_count"].get<int>(), 12);
  EXPECT_GT(first["prompt_eval_count"].get<int>(), 0);
  for (const char* key : {"total_duration", "load_duration", "prompt_eval_duration", "eval_duration"}) {
    EXPECT_TRUE(first[key].is_number_integer()) << key;
  }
  EXPECT_TRUE(first["created_at"].get<std::string>().ends_with("Z"));
  // The budget of 12 ends the answer with "length"; an end-of-generation token before it with "stop".
  EXPECT_EQ(first["done_reason"], first["eval_count"] == 12 ? "length" : "stop");
}

TEST_F(LlmApi, OllamaStreamsNdjsonThatAddsUpToTheSameAnswer) {
  TEXTRA_REQUIRE_SHARED();
  json request = {{"model", kLlama3}, {"prompt", "Facture"}, {"options", {{"seed", 7}, {"num_predict", 10}}}};
  std::vector<json> lines = post_ndjson("/api/generate", request);
  ASSERT_GE(lines.size(), 2u);
  std::string streamed;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    EXPECT_EQ(lines[i]["done"], false) << lines[i].dump();
    streamed += lines[i]["response"].get<std::string>();
  }
  const json& last = lines.back();
  EXPECT_EQ(last["done"], true);
  EXPECT_EQ(last["response"], "");
  EXPECT_LE(last["eval_count"].get<int>(), 10);
  request["stream"] = false;
  json whole = post("/api/generate", request);
  EXPECT_EQ(whole["response"].get<std::string>(), streamed);
  EXPECT_EQ(whole["eval_count"], last["eval_count"]);

  // Chat streams message pieces the same way.
  std::vector<json> chat = post_ndjson("/api/chat", {{"model", kPhi3}, {"messages", user("hi")},
                                                     {"options", {{"num_predict", 4}}}});
  ASSERT_FALSE(chat.empty());
  EXPECT_EQ(chat.back()["done"], true);
  EXPECT_EQ(chat.front()["message"]["role"], "assistant");
}

const ordered_json& invoice_schema() {
  static const ordered_json schema = ordered_json::parse(R"({
    "type": "object",
    "properties": {
      "supplier": {"type": "string", "maxLength": 20},
      "date": {"type": ["string", "null"], "format": "date"},
      "currency": {"enum": ["EUR", "USD"]},
      "total": {"type": "number"},
      "lines": {"type": "array", "items": {"type": "integer"}, "maxItems": 3}
    },
    "required": ["supplier", "date", "currency", "total", "lines"]})");
  return schema;
}

TEST_F(LlmApi, FormatSchemaGivesJsonThatFitsTheSchemaForBothModels) {
  TEXTRA_REQUIRE_SHARED();
  for (const char* model : {kPhi3, kLlama3}) {
    for (int seed : {1, 2}) {
      json answer = post("/api/chat", {{"model", model}, {"messages", user("Give the invoice as JSON")},
                                       {"stream", false}, {"format", invoice_schema()},
                                       {"options", {{"seed", seed}, {"num_predict", 120}}}});
      std::string content = answer["message"]["content"].get<std::string>();
      ordered_json value = ordered_json::parse(content, nullptr, false);
      ASSERT_FALSE(value.is_discarded()) << model << ": " << content;
      EXPECT_EQ(fields::json_schema_violation(value, invoice_schema()), "") << model << ": " << content;
      EXPECT_LE(answer["eval_count"].get<int>(), 120);
    }
  }
  // "json": a JSON object (any keys), complete within the budget, for both models.
  for (const char* model : {kPhi3, kLlama3}) {
    for (int seed : {3, 4}) {
      json any = post("/api/generate", {{"model", model}, {"prompt", "JSON please"}, {"stream", false},
                                        {"format", "json"}, {"options", {{"seed", seed}, {"num_predict", 30}}}});
      json value = json::parse(any["response"].get<std::string>(), nullptr, false);
      EXPECT_TRUE(value.is_object()) << model << ": " << any.dump();
      EXPECT_LE(any["eval_count"].get<int>(), 30);
    }
  }
  // OpenAI's json_object is the same.
  json completion = post("/v1/chat/completions", {{"model", kLlama3}, {"messages", user("JSON please")}, {"max_tokens", 30},
                                                  {"seed", 6}, {"response_format", {{"type", "json_object"}}}});
  std::string content = completion["choices"][0]["message"]["content"].get<std::string>();
  EXPECT_TRUE(json::parse(content, nullptr, false).is_object()) << completion.dump();
}

TEST_F(LlmApi, OpenAiChatCompletionsWithJsonSchemaAndStreaming) {
  TEXTRA_REQUIRE_SHARED();
  json request = {{"model", kLlama3}, {"messages", user("Extract the invoice")}, {"max_tokens", 120}, {"seed", 5},
                  {"response_format", {{"type", "json_schema"},
                                       {"json_schema", {{"name", "invoice"}, {"schema", invoice_schema()}, {"strict", true}}}}}};
  json completion = post("/v1/chat/completions", request);
  EXPECT_EQ(completion["object"], "chat.completion");
  EXPECT_TRUE(completion["id"].get<std::string>().starts_with("chatcmpl-"));
  ASSERT_EQ(completion["choices"].size(), 1u);
  const json& choice = completion["choices"][0];
  EXPECT_EQ(choice["index"], 0);
  EXPECT_EQ(choice["message"]["role"], "assistant");
  ordered_json value = ordered_json::parse(choice["message"]["content"].get<std::string>(), nullptr, false);
  EXPECT_EQ(fields::json_schema_violation(value, invoice_schema()), "") << choice.dump();
  const json& usage = completion["usage"];
  EXPECT_EQ(usage["total_tokens"], usage["prompt_tokens"].get<int>() + usage["completion_tokens"].get<int>());
  EXPECT_LE(usage["completion_tokens"].get<int>(), 120);

  request["stream"] = true;
  auto r = client_->Post("/v1/chat/completions", request.dump(), "application/json");
  ASSERT_TRUE(r && r->status == 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/event-stream");
  std::vector<std::string> events;
  std::istringstream in(r->body);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("data: ", 0) == 0) events.push_back(line.substr(6));
  }
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events.back(), "[DONE]");
  std::string streamed;
  for (std::size_t i = 0; i + 1 < events.size(); ++i) {
    json chunk = json::parse(events[i]);
    EXPECT_EQ(chunk["object"], "chat.completion.chunk");
    streamed += chunk["choices"][0]["delta"].value("content", "");
  }
  json last = json::parse(events[events.size() - 2]);
  EXPECT_TRUE(last["choices"][0]["finish_reason"].is_string());
  EXPECT_EQ(streamed, choice["message"]["content"].get<std::string>());  // same seed, same answer
}

TEST_F(LlmApi, MalformedRequestsAndUnknownModelsGetJsonErrors) {
  TEXTRA_REQUIRE_SHARED();
  auto raw_post = [&](const std::string& path, const std::string& body, int status) {
    auto r = client_->Post(path, body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, status) << path << " " << body << " -> " << r->body;
    json error = json::parse(r->body, nullptr, false);
    ASSERT_TRUE(error.is_object() && error.contains("error")) << r->body;
    // Ollama: {"error": "text"}; OpenAI: {"error": {"message": "text", ...}}.
    if (path.rfind("/api/", 0) == 0) {
      EXPECT_TRUE(error["error"].is_string()) << r->body;
    } else {
      EXPECT_TRUE(error["error"]["message"].is_string()) << r->body;
    }
  };
  const std::string phi3 = std::string("\"") + kPhi3 + "\"";
  raw_post("/api/chat", R"({"model": "no-such-model", "messages": [{"role": "user", "content": "x"}]})", 404);
  raw_post("/api/generate", R"({"model": "no-such-model", "prompt": "x"})", 404);
  raw_post("/v1/chat/completions", R"({"model": "no-such-model", "messages": [{"role": "user", "content": "x"}]})", 404);
  raw_post("/api/chat", "{not json", 400);
  raw_post("/api/chat", "[1, 2]", 400);
  raw_post("/api/chat", R"({"messages": []})", 400);
  raw_post("/api/chat", R"({"model": )" + phi3 + R"(, "messages": {"role": "user"}})", 400);
  raw_post("/api/chat", R"({"model": )" + phi3 + R"(, "messages": [{"content": "x"}]})", 400);
  raw_post("/api/generate", R"({"model": )" + phi3 + R"(, "prompt": "x", "options": {"temperature": "hot"}})", 400);
  raw_post("/api/generate", R"({"model": )" + phi3 + R"(, "prompt": "x", "format": "yaml"})", 400);
  raw_post("/api/generate", R"({"model": )" + phi3 + R"(, "prompt": "x", "format": {"type": "string", "pattern": "a+"}})", 400);
  raw_post("/api/generate", R"({"model": )" + phi3 + R"(, "prompt": "x", "images": ["aGk="]})", 400);
  // A budget below the schema's shortest answer cannot be met.
  raw_post("/api/generate", R"({"model": )" + phi3 + R"(, "prompt": "x", "format": {"type": "object", "properties":
           {"a_long_property_name": {"type": "string"}}}, "options": {"num_predict": 3}})", 400);
  raw_post("/v1/chat/completions", "{", 400);
  raw_post("/v1/chat/completions", R"({"model": )" + phi3 + R"(, "messages": []})", 400);
  raw_post("/v1/chat/completions", R"({"model": )" + phi3 + R"(, "messages": [{"role": "user", "content": "x"}], "n": 2})", 400);
  raw_post("/v1/chat/completions", R"({"model": )" + phi3 + R"(, "messages": [{"role": "user", "content": "x"}],
           "response_format": {"type": "json_schema"}})", 400);
  auto missing = client_->Get("/v1/models/no-such-model");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(LlmApi, ConcurrentRequestsAreServedOneAtATimeAndCounted) {
  TEXTRA_REQUIRE_SHARED();
  std::vector<std::thread> threads;
  std::vector<int> statuses(4, 0);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", serve_->port());
      c.set_read_timeout(60, 0);
      json body = {{"model", kPhi3}, {"prompt", "x"}, {"stream", false}, {"options", {{"num_predict", 6}, {"seed", i}}}};
      auto r = c.Post("/api/generate", body.dump(), "application/json");
      statuses[static_cast<std::size_t>(i)] = r ? r->status : -1;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(statuses, std::vector<int>(4, 200));
  auto metrics = client_->Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("textra_llm_generated_tokens_total"), std::string::npos);
  EXPECT_NE(metrics->body.find("textra_llm_prompt_tokens_total"), std::string::npos);
}

// A streaming client that goes away stops its generation and frees the slot: the next request does not wait
// for the abandoned one (which alone would run for minutes).
TEST(LlmApiDisconnect, AClientThatLeavesFreesTheGenerationSlot) {
  TEXTRA_REQUIRE_SHARED();
  ServeProcess serve(temp_dir("llm-api-disconnect-data"),
                     {"--models", models_dir("llm-api-disconnect-models"), "--timeout", "300"});
  ASSERT_TRUE(serve.started());
  httplib::Client leaving("127.0.0.1", serve.port());
  httplib::Request request;
  request.method = "POST";
  request.path = "/api/generate";
  request.set_header("Content-Type", "application/json");
  request.body = json{{"model", kLlama3}, {"prompt", "x"},
                      {"options", {{"num_predict", -1}, {"num_ctx", 8192}}}}.dump();  // until the context is full
  int chunks = 0;
  request.content_receiver = [&](const char*, std::size_t, std::uint64_t, std::uint64_t) { return ++chunks < 3; };
  (void)leaving.send(request);  // the receiver stops after three chunks: the connection closes
  EXPECT_GE(chunks, 3);
  leaving.stop();

  httplib::Client next("127.0.0.1", serve.port());
  next.set_read_timeout(30, 0);  // far less than the abandoned generation would take
  json body = {{"model", kPhi3}, {"prompt", "x"}, {"stream", false}, {"options", {{"num_predict", 3}}}};
  auto r = next.Post("/api/generate", body.dump(), "application/json");
  ASSERT_TRUE(r) << "no answer: the abandoned generation still holds the slot";
  EXPECT_EQ(r->status, 200) << r->body;
}

// An Ollama models folder (manifests/ + blobs/, as `ollama pull` leaves it) is served under Ollama's names.
TEST(LlmApiOllamaFolder, ServesPulledModelsUnderTheirOllamaNames) {
  TEXTRA_REQUIRE_SHARED();
  fs::path dir = temp_dir("llm-api-ollama-folder");
  const std::string hex(64, 'e');  // the digest is not checked against the bytes, so any will do here
  fs::create_directories(dir / "blobs");
  fs::create_symlink(fs::path(shared_dir()) / "fixtures/llm" / (std::string(kPhi3) + ".gguf"),
                     dir / "blobs" / ("sha256-" + hex));
  fs::create_directories(dir / "manifests/registry.ollama.ai/library/tinyphi");
  std::ofstream(dir / "manifests/registry.ollama.ai/library/tinyphi/latest")
      << R"({"schemaVersion":2,"layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:)" << hex
      << R"("}]})";
  ServeProcess serve(temp_dir("llm-api-ollama-folder-data"), {"--models", dir.string()});
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  auto tags = client.Get("/api/tags");
  ASSERT_TRUE(tags);
  json models = json::parse(tags->body)["models"];
  ASSERT_EQ(models.size(), 1u) << tags->body;
  EXPECT_EQ(models[0]["name"], "tinyphi:latest");
  EXPECT_EQ(models[0]["digest"], hex);
  json request = {{"model", "tinyphi"}, {"prompt", "x"}, {"stream", false}, {"options", {{"num_predict", 4}}}};
  auto answer = client.Post("/api/generate", request.dump(), "application/json");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200) << answer->body;
  EXPECT_EQ(json::parse(answer->body)["done"], true);
}

}  // namespace
}  // namespace textra::testing
