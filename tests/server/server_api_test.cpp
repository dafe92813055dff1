// The HTTP API against a real `textra serve` on a loopback port.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <nlohmann/json.hpp>
#include <thread>

#include "base/files.h"
#include "serve_process.h"
#include "test_support.h"

namespace textra::testing {
namespace {

using nlohmann::json;

json body_json(const httplib::Result& r) { return json::parse(r->body, nullptr, false); }

// Every error answer is JSON {"error": {"code", "message"}}.
void expect_json_error(const httplib::Result& r, int status) {
  ASSERT_TRUE(r) << "no answer";
  EXPECT_EQ(r->status, status) << r->body;
  json j = body_json(r);
  ASSERT_TRUE(j.is_object()) << r->body;
  EXPECT_TRUE(j.contains("error")) << r->body;
}

TEST(ServerApi, AnswersHealthListsAndStructuredErrors) {
  ServeProcess serve(temp_dir("serve-basic"));
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(body_json(health)["status"], "ok");
  auto list = client.Get("/v1/documents");
  ASSERT_TRUE(list);
  EXPECT_EQ(body_json(list), (json{{"documents", json::array()}, {"next", nullptr}}));
  expect_json_error(client.Get("/v1/nothing-here"), 404);
  expect_json_error(client.Get("/v1/documents/999"), 404);
  expect_json_error(client.Get("/v1/documents?limit=0"), 400);
  expect_json_error(client.Get("/v1/documents?cursor=abc"), 400);
  expect_json_error(client.Put("/v1/documents/1/fields", "{not json", "application/json"), 400);
  expect_json_error(client.Put("/v1/documents/1/fields", "{\"total_ttc\": 1}", "application/json"), 404);
  expect_json_error(client.Get("/v1/jobs/job-424242"), 404);
  auto stats = client.Get("/v1/stats");
  ASSERT_TRUE(stats);
  EXPECT_EQ(body_json(stats)["suppliers"], json::array());
  auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("textra_http_requests_total{route=\"/v1/documents/:id\",status=\"404\"}"),
            std::string::npos);
  auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("app.js"), std::string::npos);
}

TEST(ServerApi, BearerTokenGuardsTheApiButNotHealth) {
  ServeProcess serve(temp_dir("serve-auth"), {"--token", "s3cret"});
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  expect_json_error(client.Get("/v1/documents"), 401);
  expect_json_error(client.Get("/v1/documents", {{"Authorization", "Bearer wrong"}}), 401);
  auto ok = client.Get("/v1/documents", {{"Authorization", "Bearer s3cret"}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(client.Get("/healthz")->status, 200);
}

TEST(ServerApi, RefusesBadUploadsWithClientErrors) {
  ServeProcess serve(temp_dir("serve-uploads"), {"--max-upload-mb", "1"});
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  // Multipart without the "file" field, an empty body, a body over the limit, a file that is no document.
  httplib::MultipartFormDataItems wrong_field = {{"document", "abc", "a.png", "image/png"}};
  expect_json_error(client.Post("/v1/extract", wrong_field), 400);
  expect_json_error(client.Post("/v1/extract", "", "image/png"), 400);
  expect_json_error(client.Post("/v1/extract", std::string(2u << 20, 'x'), "image/png"), 413);
  auto text = client.Post("/v1/extract", "this is plain text, not an invoice", "text/plain");
  ASSERT_TRUE(text);
  EXPECT_GE(text->status, 400);
  EXPECT_LT(text->status, 500) << text->body;
  // Malformed multipart: a boundary that never closes.
  auto broken = client.Post("/v1/extract", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc",
                            "multipart/form-data; boundary=XYZ");
  ASSERT_TRUE(broken);
  EXPECT_GE(broken->status, 400);
  EXPECT_LT(broken->status, 500);
  // A huge header is refused, and the server keeps answering.
  auto huge = client.Get("/v1/documents", {{"X-Padding", std::string(64 * 1024, 'a')}});
  if (huge) EXPECT_GE(huge->status, 400);
  EXPECT_EQ(client.Get("/healthz")->status, 200);
  // The failed upload was kept; a file that is no document is not retried: dead, with the reason.
  auto list = body_json(client.Get("/v1/documents"));
  ASSERT_EQ(list["documents"].size(), 1u);
  EXPECT_EQ(list["documents"][0]["status"], "dead");
  EXPECT_FALSE(list["documents"][0]["error"].get<std::string>().empty());
  EXPECT_EQ(list["documents"][0]["attempts"], 1);
}

int connect_loopback(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

TEST(ServerApi, SlowClientsDoNotBlockOthers) {
  ServeProcess serve(temp_dir("serve-slow"), {"--header-timeout", "2"});
  ASSERT_TRUE(serve.started());
  // Slowloris: many connections that send a partial request line and then trickle.
  std::vector<int> slow;
  for (int i = 0; i < 20; ++i) {
    int fd = connect_loopback(serve.port());
    ASSERT_GE(fd, 0);
    ASSERT_GT(send(fd, "GET /v1/documents HTTP/1.1\r\nHost: x\r\n", 37, 0), 0);
    slow.push_back(fd);
  }
  httplib::Client client("127.0.0.1", serve.port());
  client.set_read_timeout(10, 0);
  auto during = client.Get("/healthz");
  ASSERT_TRUE(during);
  EXPECT_EQ(during->status, 200);
  // After the timeout the server gives up on them: at most a 4xx answer, then end of stream, not a hang.
  // The receive timeout only bounds the test: running into it means the server kept the connection open.
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));
  for (int fd : slow) {
    timeval tv{5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string answer;
    char buffer[256];
    ssize_t n = 0;
    while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0) answer.append(buffer, n);
    EXPECT_EQ(n, 0) << "no end of stream within 5 s after the server's timeout (errno " << errno << ")";
    EXPECT_TRUE(answer.empty() || answer.rfind("HTTP/1.1 4", 0) == 0) << answer;
    close(fd);
  }
  EXPECT_EQ(client.Get("/healthz")->status, 200);
}

TEST(ServerApi, TwoHundredConcurrentRequestsAreAllAnswered) {
  ServeProcess serve(temp_dir("serve-concurrent"));
  ASSERT_TRUE(serve.started());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 200; ++i) {
    threads.emplace_back([&, i] {
      httplib::Client client("127.0.0.1", serve.port());
      client.set_read_timeout(30, 0);
      auto r = i % 2 ? client.Get("/v1/documents?limit=5") : client.Get("/v1/stats");
      if (r && r->status == 200) ok++;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 200);
}

TEST(ServerApi, AcknowledgedDataSurvivesAKill) {
  std::string dir = temp_dir("serve-kill");
  std::int64_t id = 0;
  {
    ServeProcess serve(dir);
    ASSERT_TRUE(serve.started());
    httplib::Client client("127.0.0.1", serve.port());
    auto r = client.Post("/v1/extract", "not a document at all", "application/octet-stream");
    ASSERT_TRUE(r);
    id = body_json(r)["document_id"].get<std::int64_t>();
    auto put = client.Put("/v1/documents/" + std::to_string(id) + "/fields", R"({"total_ttc": 42.5})",
                          "application/json");
    ASSERT_TRUE(put);
    ASSERT_EQ(put->status, 200) << put->body;
    serve.kill_hard();
  }
  ServeProcess again(dir);
  ASSERT_TRUE(again.started());
  httplib::Client client("127.0.0.1", again.port());
  auto doc = body_json(client.Get("/v1/documents/" + std::to_string(id)));
  EXPECT_EQ(doc["corrections"]["total_ttc"], 42.5);
  auto file = client.Get("/v1/documents/" + std::to_string(id) + "/file");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->body, "not a document at all");
}

// The PNG and the PDF of the sample invoice are two documents (other bytes) holding one invoice.
TEST(ServerApi, ASecondCopyOfAnInvoiceIsFlaggedAndCountedOnce) {
  ServeProcess serve(temp_dir("serve-duplicates"));
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  client.set_read_timeout(120);
  auto upload = [&](const std::string& name, const std::string& type) {
    auto bytes = read_file(source_dir() + "/samples/" + name);
    EXPECT_TRUE(bytes.is_ok());
    httplib::MultipartFormDataItems form = {{"file", bytes ? *bytes : "", name, type}};
    auto r = client.Post("/v1/extract", form);
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    return r ? body_json(r) : json();
  };
  json png = upload("facture-fr.png", "image/png");
  json pdf = upload("facture-fr.pdf", "application/pdf");
  ASSERT_TRUE(png.contains("document_id") && pdf.contains("document_id"));
  std::int64_t first = png["document_id"], copy = pdf["document_id"];
  EXPECT_EQ(png["duplicate_of"], nullptr);
  EXPECT_EQ(pdf["duplicate_of"], first) << "flagged in the upload's answer";

  auto only = body_json(client.Get("/v1/documents?duplicates=only"));
  ASSERT_EQ(only["documents"].size(), 1u);
  EXPECT_EQ(only["documents"][0]["id"], copy);
  EXPECT_EQ(only["documents"][0]["duplicate_of"], first);
  EXPECT_EQ(only["documents"][0]["invoice_number"], "FA-2024-0117");
  EXPECT_EQ(body_json(client.Get("/v1/documents?duplicates=exclude"))["documents"][0]["id"], first);
  expect_json_error(client.Get("/v1/documents?duplicates=maybe"), 400);
  auto stats = body_json(client.Get("/v1/stats"))["suppliers"];
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0]["count"], 1);
  EXPECT_DOUBLE_EQ(stats[0]["total_ttc"].get<double>(), 828.0);

  // A correction that makes it another invoice unmakes the duplicate.
  auto put = client.Put("/v1/documents/" + std::to_string(copy) + "/fields",
                        R"({"invoice_number": "FA-2024-0999", "total_ttc": 99, "total_ht": 82.5, "total_tva": 16.5})",
                        "application/json");
  ASSERT_TRUE(put && put->status == 200) << (put ? put->body : "no answer");
  EXPECT_EQ(body_json(client.Get("/v1/documents/" + std::to_string(copy)))["document"]["duplicate_of"], nullptr);
  EXPECT_EQ(body_json(client.Get("/v1/stats"))["suppliers"][0]["count"], 2);
}

}  // namespace
}  // namespace textra::testing
