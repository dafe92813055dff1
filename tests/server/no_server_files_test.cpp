// Issue 16, case 1: no request names a file of the server. `schema` is a built-in name, a stored schema's
// name or a JSON Schema sent in the request; a path gets the same 400 whether the file exists or not,
// without any of its contents, and at once (a FIFO used to block a server thread for good).
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "serve_process.h"
#include "test_support.h"

namespace textra::testing {
namespace {

using nlohmann::json;

httplib::Result extract_with_schema(httplib::Client& client, const std::string& schema) {
  httplib::MultipartFormDataItems form = {{"file", "not a document", "a.png", "image/png"},
                                          {"schema", schema, "", ""},
                                          {"async", "1", "", ""}};
  return client.Post("/v1/extract", form);
}

TEST(NoServerFiles, SchemaPathsAreRefusedAlikeWithoutContentsOrWaiting) {
  std::string dir = temp_dir("no-files");
  // A readable JSON file with a secret in it, a missing path, and a FIFO nobody writes to.
  std::string secret = dir + "/secret.json";
  std::ofstream(secret) << R"({"type": "object", "properties": {"password_hunter2": {"type": "string"}}})";
  std::string fifo = dir + "/fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  ServeProcess serve(dir + "/data");
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  client.set_read_timeout(5, 0);

  std::string first_body;
  for (const std::string& path : {secret, std::string("/etc/passwd"), std::string("/nonexistent/x"), fifo,
                                  std::string("../../etc/passwd")}) {
    auto start = std::chrono::steady_clock::now();
    auto r = extract_with_schema(client, path);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(r) << path << ": no answer";
    EXPECT_LT(seconds, 2.0) << path;
    EXPECT_EQ(r->status, 400) << path << ": " << r->body;
    EXPECT_EQ(r->body.find("hunter2"), std::string::npos) << r->body;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << r->body;
    // One answer for every path: whether a file exists is not told.
    if (first_body.empty()) first_body = r->body;
    EXPECT_EQ(r->body, first_body) << path;
  }
  // Nothing was stored for the refused requests.
  auto list = client.Get("/v1/documents");
  ASSERT_TRUE(list);
  EXPECT_EQ(json::parse(list->body)["documents"].size(), 0u) << list->body;
}

TEST(NoServerFiles, SchemasAreBuiltInStoredOrSentInTheRequest) {
  ServeProcess serve(temp_dir("schemas-api"));
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  const std::string po = R"({"type": "object", "properties": {"po_number": {"type": ["string", "null"]}}})";

  // Stored through the API, listed, read back, then usable by name.
  auto put = client.Put("/v1/schemas/purchase-order", po, "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 200) << put->body;
  auto list = json::parse(client.Get("/v1/schemas")->body);
  EXPECT_NE(list.dump().find("\"purchase-order\""), std::string::npos) << list.dump();
  EXPECT_NE(list.dump().find("\"invoice\""), std::string::npos) << list.dump();
  auto read = client.Get("/v1/schemas/purchase-order");
  ASSERT_TRUE(read);
  EXPECT_EQ(json::parse(read->body), json::parse(po));
  for (const std::string& schema : {std::string("purchase-order"), std::string("receipt"), po}) {
    auto r = extract_with_schema(client, schema);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 202) << schema << ": " << r->body;
  }
  // Names are names: no path, no built-in name, no unsupported schema.
  EXPECT_EQ(client.Put("/v1/schemas/..", po, "application/json")->status, 400);
  EXPECT_EQ(client.Put("/v1/schemas/invoice", po, "application/json")->status, 400);
  EXPECT_EQ(client.Put("/v1/schemas/bad", R"({"type": "string"})", "application/json")->status, 400);
  EXPECT_EQ(extract_with_schema(client, "no-such-schema")->status, 400);
  EXPECT_EQ(client.Delete("/v1/schemas/purchase-order")->status, 204);
  EXPECT_EQ(client.Get("/v1/schemas/purchase-order")->status, 404);
}

}  // namespace
}  // namespace textra::testing
