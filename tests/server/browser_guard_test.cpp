// Issue 16, case 2: a web page cannot use a local server. DNS rebinding sends a foreign Host; a cross-site
// page may send text/plain and multipart POSTs without a preflight; a server reachable from other machines
// must have a token.
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <vector>

#include "serve_process.h"
#include "test_support.h"

namespace textra::testing {
namespace {

using nlohmann::json;

std::size_t document_count(httplib::Client& client) {
  auto list = client.Get("/v1/documents");
  return list && list->status == 200 ? json::parse(list->body)["documents"].size() : 0;
}

TEST(BrowserGuard, ForeignHostNamesAreRefused) {
  ServeProcess serve(temp_dir("guard-host"), {"--allowed-host", "textra.lan"});
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  const std::string port = ":" + std::to_string(serve.port());
  for (const std::string& host :
       std::vector<std::string>{"attacker.com", "attacker.com" + port, "localhost.attacker.com", "192.168.1.20"}) {
    auto r = client.Get("/v1/documents", {{"Host", host}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403) << host;
    EXPECT_TRUE(json::parse(r->body, nullptr, false).contains("error")) << r->body;
  }
  // Ollama routes answer in Ollama's shape.
  auto ollama = client.Get("/api/tags", {{"Host", "attacker.com"}});
  ASSERT_TRUE(ollama);
  EXPECT_EQ(ollama->status, 403);
  EXPECT_TRUE(json::parse(ollama->body)["error"].is_string()) << ollama->body;
  for (const std::string& host : std::vector<std::string>{"localhost" + port, "127.0.0.1" + port, "[::1]" + port,
                                                          "LOCALHOST", "textra.lan" + port}) {
    auto r = client.Get("/v1/documents", {{"Host", host}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << host << ": " << r->body;
  }
}

TEST(BrowserGuard, CrossOriginWritesAreRefusedUnlessAllowed) {
  ServeProcess serve(temp_dir("guard-origin"), {"--allowed-origin", "https://app.example.com"});
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  const std::string self = "http://127.0.0.1:" + std::to_string(serve.port());

  // What a hostile page can send without a preflight: a text/plain chat, a multipart upload, a form.
  auto chat = client.Post("/api/chat", {{"Origin", "https://evil.example"}},
                          R"({"model": "x", "messages": [{"role": "user", "content": "hi"}]})", "text/plain");
  ASSERT_TRUE(chat);
  EXPECT_EQ(chat->status, 403) << chat->body;
  EXPECT_TRUE(json::parse(chat->body)["error"].is_string()) << chat->body;
  httplib::MultipartFormDataItems form = {{"file", "not a document", "a.png", "image/png"}, {"async", "1", "", ""}};
  auto upload = client.Post("/v1/extract", {{"Origin", "https://evil.example"}}, form);
  ASSERT_TRUE(upload);
  EXPECT_EQ(upload->status, 403) << upload->body;
  auto remove = client.Delete("/v1/documents/1", {{"Origin", "null"}});
  ASSERT_TRUE(remove);
  EXPECT_EQ(remove->status, 403);
  EXPECT_EQ(document_count(client), 0u);

  // The server's own pages, an allowed origin, and clients that are not browsers (no Origin) are served.
  for (const httplib::Headers& headers : {httplib::Headers{{"Origin", self}},
                                          httplib::Headers{{"Origin", "https://app.example.com"}}, httplib::Headers{}}) {
    auto r = client.Post("/v1/extract", headers, form);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 202) << r->body;
  }
  EXPECT_EQ(document_count(client), 1u);  // one document: the same bytes each time
  auto allowed = client.Get("/v1/documents", {{"Origin", "https://app.example.com"}});
  ASSERT_TRUE(allowed);
  EXPECT_EQ(allowed->get_header_value("Access-Control-Allow-Origin"), "https://app.example.com");
  auto preflight = client.Options("/api/chat", {{"Origin", "https://evil.example"},
                                                {"Access-Control-Request-Method", "POST"}});
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 403);
  EXPECT_TRUE(preflight->get_header_value("Access-Control-Allow-Origin").empty());
}

// Runs `textra serve ARGS` expecting it to exit at once; returns its exit status and output.
int run_serve_expecting_exit(const std::string& args, std::string& output) {
  std::string command = binary_dir() + "/textra serve --port 0 " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[512];
  while (fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  return pclose(pipe);
}

TEST(BrowserGuard, ServingOtherMachinesNeedsATokenOrAnExplicitOptOut) {
  std::string output;
  int status = run_serve_expecting_exit("--host 0.0.0.0 --data-dir " + temp_dir("guard-exposed"), output);
  EXPECT_NE(status, 0) << output;
  EXPECT_NE(output.find("--token"), std::string::npos) << output;

  ServeProcess with_token(temp_dir("guard-exposed-token"), {"--host", "0.0.0.0", "--token", "s3cret"});
  EXPECT_TRUE(with_token.started());
  ServeProcess opted_out(temp_dir("guard-exposed-insecure"), {"--host", "0.0.0.0", "--insecure-no-token"});
  ASSERT_TRUE(opted_out.started());
  httplib::Client client("127.0.0.1", opted_out.port());
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
}

}  // namespace
}  // namespace textra::testing
