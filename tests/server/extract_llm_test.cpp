// POST /v1/extract with engine=llm against a real `textra serve --models DIR` holding a tiny chat fixture
// (random weights: its text is gibberish, but the schema's grammar holds it to the schema). A field whose
// only allowed value is a word of the page gets that word and its place on the page (provenance).
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <thread>
#include <nlohmann/json.hpp>

#include "base/files.h"
#include "serve_process.h"
#include "test_support.h"

namespace textra::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kModel = "tiny-phi3-chat-q8_0";

class ExtractLlm : public ::testing::Test {
 protected:
  void SetUp() override {
    TEXTRA_REQUIRE_SHARED();
    const std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::path models = temp_dir("extract-llm-models-" + name);
    fs::create_symlink(fs::path(shared_dir()) / "fixtures/llm" / (std::string(kModel) + ".gguf"),
                       models / (std::string(kModel) + ".gguf"));
    serve_ = std::make_unique<ServeProcess>(
        temp_dir("extract-llm-data-" + name),
        std::vector<std::string>{"--models", models.string(), "--allow-remote", "http://127.0.0.1:1/"});
    ASSERT_TRUE(serve_->started());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", serve_->port());
    client_->set_read_timeout(120, 0);
    auto page = read_file(source_dir() + "/samples/facture-fr.png");
    ASSERT_TRUE(page.is_ok());
    page_ = *page;
  }

  // POSTs the invoice page with the given fields; returns the status and the parsed answer.
  std::pair<int, json> extract(httplib::MultipartFormDataItems fields) {
    fields.push_back({"file", page_, "facture-fr.png", "image/png"});
    auto r = client_->Post("/v1/extract", fields);
    if (!r) return {0, json()};
    return {r->status, json::parse(r->body, nullptr, false)};
  }

  std::unique_ptr<ServeProcess> serve_;
  std::unique_ptr<httplib::Client> client_;
  std::string page_;
};

TEST_F(ExtractLlm, EmbeddedModelGivesTheSchemaFieldsWithTheirPlaceOnThePage) {
  auto [status, result] = extract({{"engine", "llm", "", ""},
                                   {"model", kModel, "", ""},
                                   {"schema", kCityMustBeLyon, "", ""},
                                   {"max_tokens", "64", "", ""}});
  ASSERT_EQ(status, 200) << result.dump();
  EXPECT_EQ(result["engine"]["name"], "llm");
  EXPECT_NE(result["engine"]["model"].get<std::string>().find(kModel), std::string::npos) << result["engine"];
  ASSERT_TRUE(result["fields"].is_object());
  EXPECT_EQ(result["fields"].size(), 1u) << result["fields"];
  const json& city = result["fields"]["city"];
  EXPECT_EQ(city["value"], "Lyon");
  ASSERT_TRUE(city["source"].is_object()) << city;
  EXPECT_EQ(city["source"]["page"], 1);
  ASSERT_EQ(city["source"]["boxes"].size(), 1u);
  EXPECT_GT(city["source"]["boxes"][0][2].get<int>(), city["source"]["boxes"][0][0].get<int>());
  for (const char* stage : {"ocr", "llm_generation", "extract"}) EXPECT_TRUE(result["timings_ms"].contains(stage));
  EXPECT_TRUE(result["document_id"].is_number_integer());
}

TEST_F(ExtractLlm, TheInvoiceSchemaGivesEachOfItsFieldsWithValueAndSource) {
  auto [status, result] = extract({{"engine", "llm", "", ""}, {"model", kModel, "", ""}, {"max_tokens", "400", "", ""}});
  ASSERT_EQ(status, 200) << result.dump();
  EXPECT_EQ(result["schema"], "invoice");
  auto schema = client_->Get("/v1/schemas/invoice");
  ASSERT_TRUE(schema && schema->status == 200);
  const json properties = json::parse(schema->body)["properties"];
  ASSERT_TRUE(result["fields"].is_object()) << result.dump();
  int values = 0;  // fields with one value (the others are objects or arrays of such fields)
  for (const auto& [name, property] : properties.items()) {
    ASSERT_TRUE(result["fields"].contains(name)) << name << " missing: " << result["fields"].dump();
    const json& field = result["fields"][name];
    if (!field.is_object() || !field.contains("value")) continue;
    ++values;
    EXPECT_TRUE(field.contains("raw") && field.contains("source")) << name << ": " << field.dump();
  }
  EXPECT_GE(values, 5);
  EXPECT_EQ(result["fields"].size(), properties.size()) << result["fields"].dump();
}

TEST_F(ExtractLlm, TheStoredJobKeepsItsEngineAndRunsAgainTheSameWay) {
  auto [status, accepted] = extract({{"engine", "llm", "", ""},
                                     {"model", kModel, "", ""},
                                     {"schema", kCityMustBeLyon, "", ""},
                                     {"async", "1", "", ""}});
  ASSERT_EQ(status, 202) << accepted.dump();
  json job = json::object();
  for (int i = 0; i < 600 && job.value("state", "") != "done"; ++i) {
    auto r = client_->Get("/v1/jobs/" + std::to_string(accepted["job_id"].get<long long>()));
    ASSERT_TRUE(r && r->status == 200);
    job = json::parse(r->body);
    ASSERT_NE(job["state"], "failed") << job.dump();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(job["state"], "done") << job.dump();
  EXPECT_EQ(job["result"]["engine"]["name"], "llm");
  EXPECT_EQ(job["result"]["fields"]["city"]["value"], "Lyon");
}

TEST_F(ExtractLlm, ARemoteServerNotAllowedIsRefusedByItsUrl) {
  auto [status, answer] = extract({{"engine", "llm", "", ""},
                                   {"model", "llama3", "", ""},
                                   {"ollama", "http://10.1.2.3:11434", "", ""}});
  EXPECT_EQ(status, 400);
  EXPECT_NE(answer.dump().find("http://10.1.2.3:11434"), std::string::npos) << answer.dump();
  EXPECT_NE(answer.dump().find("--allow-remote"), std::string::npos) << answer.dump();
}

TEST_F(ExtractLlm, AnAllowedRemoteServerThatDoesNotAnswerFailsTheJobNotTheServer) {
  // Allowed (trailing slash or not), but nothing listens on port 1: the job fails, the server goes on.
  auto [status, answer] = extract({{"engine", "llm", "", ""},
                                   {"model", "llama3", "", ""},
                                   {"openai", "http://127.0.0.1:1", "", ""},
                                   {"async", "1", "", ""}});
  ASSERT_EQ(status, 202) << answer.dump();
  json job = json::object();
  for (int i = 0; i < 600 && (job.value("state", "queued") == "queued" || job["state"] == "running"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto r = client_->Get("/v1/jobs/" + std::to_string(answer["job_id"].get<long long>()));
    ASSERT_TRUE(r && r->status == 200);
    job = json::parse(r->body);
  }
  EXPECT_EQ(job["state"], "retrying") << job.dump();  // a server that does not answer may answer later
  EXPECT_NE(job["error"]["message"].get<std::string>().find("127.0.0.1:1"), std::string::npos) << job.dump();
  auto health = client_->Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

TEST_F(ExtractLlm, UnknownModelsAndMissingModelsAreRefusedBeforeAnythingIsStored) {
  auto [unknown, answer] = extract({{"engine", "llm", "", ""}, {"model", "no-such-model", "", ""}});
  EXPECT_EQ(unknown, 404) << answer.dump();
  EXPECT_NE(answer.dump().find("no-such-model"), std::string::npos);
  auto [missing, answer2] = extract({{"engine", "llm", "", ""}});
  EXPECT_EQ(missing, 400) << answer2.dump();
  auto [ner_with_model, answer3] = extract({{"engine", "ner", "", ""}, {"model", kModel, "", ""}});
  EXPECT_EQ(ner_with_model, 400) << answer3.dump();
  auto [bad_engine, answer4] = extract({{"engine", "gpt", "", ""}});
  EXPECT_EQ(bad_engine, 400) << answer4.dump();
  auto listed = client_->Get("/v1/documents");
  ASSERT_TRUE(listed && listed->status == 200);
  EXPECT_EQ(json::parse(listed->body)["documents"].size(), 0u) << listed->body;
}

}  // namespace
}  // namespace textra::testing
