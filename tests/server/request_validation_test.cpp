// Issue 16, case 4: requests that should be refused are, in the error shape of their API: answer budgets,
// corrections that do not fit the schema, httplib's own refusals; and JSON bodies are read whatever their
// Content-Type, as Ollama reads them.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "raw_http.h"
#include "serve_process.h"
#include "test_support.h"

namespace textra::testing {
namespace {

using nlohmann::json;

json parse(const httplib::Result& r) { return r ? json::parse(r->body, nullptr, false) : json(); }

// {"error": {"code", "message"}} with a message that says more than the status.
void expect_our_error(const httplib::Result& r, int status) {
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, status) << r->body;
  json j = parse(r);
  ASSERT_TRUE(j.is_object() && j.contains("error") && j["error"].is_object()) << r->body;
  EXPECT_TRUE(j["error"]["code"].is_string()) << r->body;
  EXPECT_EQ(j["error"]["message"].get<std::string>().rfind("HTTP ", 0), std::string::npos) << r->body;
}

TEST(RequestValidation, AnswerBudgetsOutOfRangeAreRefusedNamingTheLimit) {
  ServeProcess serve(temp_dir("budgets"));
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  const json messages = json::array({{{"role", "user"}, {"content", "hi"}}});
  for (const json& budget : {json(-5), json(1e12), json(1000000000000LL), json(2.5), json("10"),
                             json(18446744073709551615ULL)}) {
    auto openai = client.Post("/v1/chat/completions",
                              json{{"model", "m"}, {"messages", messages}, {"max_tokens", budget}}.dump(), "application/json");
    ASSERT_TRUE(openai);
    EXPECT_EQ(openai->status, 400) << budget << ": " << openai->body;
    json error = parse(openai)["error"];
    EXPECT_EQ(error["type"], "invalid_request_error") << openai->body;
    EXPECT_NE(error["message"].get<std::string>().find("1048576"), std::string::npos) << openai->body;

    auto ollama = client.Post("/api/chat",
                              json{{"model", "m"}, {"messages", messages}, {"options", {{"num_predict", budget}}}}.dump(),
                              "application/json");
    ASSERT_TRUE(ollama);
    EXPECT_EQ(ollama->status, 400) << budget << ": " << ollama->body;
    ASSERT_TRUE(parse(ollama)["error"].is_string()) << ollama->body;
    EXPECT_NE(parse(ollama)["error"].get<std::string>().find("num_predict"), std::string::npos) << ollama->body;
  }
  // Ollama's -1 (no limit) is a budget: the unknown model is what is wrong then.
  auto unbounded = client.Post("/api/chat", json{{"model", "m"}, {"messages", messages},
                                                 {"options", {{"num_predict", -1}}}}.dump(), "application/json");
  ASSERT_TRUE(unbounded);
  EXPECT_EQ(unbounded->status, 404) << unbounded->body;
}

TEST(RequestValidation, CorrectionsMustNameSchemaFieldsWithValuesOfTheirType) {
  ServeProcess serve(temp_dir("corrections"));
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  auto upload = client.Post("/v1/extract?async=1", "not a document at all", "application/octet-stream");
  ASSERT_TRUE(upload);
  const std::string fields = "/v1/documents/" + std::to_string(parse(upload)["document_id"].get<int>()) + "/fields";
  for (const char* bad : {R"({"bogus.field": 1})", R"({"total_ttc": {"a": 1}})", R"({"invoice_date": "not a date"})",
                          R"({"invoice_date": "2024-02-30"})", R"({"total_ttc": "12,50"})", R"({"supplier": 5})",
                          R"({"line_items.x.amount": 3})", R"({})",
                          R"({"bogus.field": 1, "total_ttc": {"a": 1}, "invoice_date": "not a date"})"}) {
    expect_our_error(client.Put(fields, bad, "application/json"), 400);
  }
  auto document = parse(client.Get(fields.substr(0, fields.size() - 7)));
  EXPECT_EQ(document["corrections"], json::object()) << document.dump();
  auto good = client.Put(fields, R"({"total_ttc": 12.5, "invoice_date": "2024-02-29", "supplier.name": "ACME",
                                     "supplier.other_ids.ICE": "0015", "line_items.0.amount": 3, "due_date": null})",
                         "application/json");
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 200) << good->body;
}

TEST(RequestValidation, HttplibRefusalsUseTheRouteErrorShape) {
  ServeProcess serve(temp_dir("error-shapes"), {"--max-upload-mb", "1"});
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  const std::string big(2u << 20, 'x');
  expect_our_error(client.Post("/v1/extract", big, "image/png"), 413);
  expect_our_error(client.Get("/v1/no-such-route"), 404);
  expect_our_error(client.Get("/no-such-page.html"), 404);
  auto ollama = client.Post("/api/chat", big, "application/json");
  ASSERT_TRUE(ollama);
  EXPECT_EQ(ollama->status, 413);
  EXPECT_TRUE(parse(ollama)["error"].is_string()) << ollama->body;
  auto openai = client.Post("/v1/chat/completions", big, "application/json");
  ASSERT_TRUE(openai);
  EXPECT_EQ(openai->status, 413);
  EXPECT_TRUE(parse(openai)["error"]["message"].is_string()) << openai->body;
  // A request httplib cannot parse.
  std::string answer = raw_exchange(serve.port(), "GARBAGE\r\n\r\n", 2000);
  EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer;
  EXPECT_NE(answer.find("{\"error\":{\"code\":\"bad_request\""), std::string::npos) << answer;
}

TEST(RequestValidation, LargeJsonBodiesAreReadWhateverTheirContentType) {
  ServeProcess serve(temp_dir("json-content-type"));
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  json body = {{"model", "no-such-model"},
               {"messages", json::array({{{"role", "user"}, {"content", std::string(20000, 'a')}}})},
               {"stream", false}};
  // As `curl -d` sends it (form-encoded), as text, and with no Content-Type at all: all read as JSON.
  for (const char* type : {"application/x-www-form-urlencoded", "text/plain", ""}) {
    auto r = client.Post("/api/chat", body.dump(), type);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << type << ": " << r->body;
    EXPECT_NE(parse(r)["error"].get<std::string>().find("no-such-model"), std::string::npos) << r->body;
  }
}

}  // namespace
}  // namespace textra::testing
