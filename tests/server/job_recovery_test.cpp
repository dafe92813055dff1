// The durable job queue against the real `textra serve`: kill -9 during a stream of uploads, restart, and
// every acknowledged document must end extracted, or dead with its reason; none may stay queued or running.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "serve_process.h"
#include "store/store.h"
#include "test_images.h"
#include "test_support.h"

namespace textra::testing {
namespace {

using nlohmann::json;

struct Upload {
  std::string bytes, content_type;
  bool readable = true;  // false: not a document, must end dead with a reason
};

// Distinct bytes each (the store keeps one document per content): PDFs with a text layer (fast), small
// scanned-like pages that go through OCR (slower, so a backlog builds), and bytes that are no document.
Upload make_upload(int i) {
  if (i % 4 == 3) return {"not a document, upload " + std::to_string(i), "application/octet-stream", false};
  PdfPage page;
  if (i % 4 == 0) {
    page.width = 300;
    page.height = 200;
    page.rects.push_back({20, 150, 200.0 + i % 40, 12});
    page.rects.push_back({20, 100, 120, 12});
  } else {
    page.texts.push_back({72, 760, 14, "INVOICE " + std::to_string(1000 + i)});
    page.texts.push_back({72, 720, 12, "Date: 12/03/2024"});
    page.texts.push_back({72, 680, 12, "TOTAL TTC: " + std::to_string(100 + i) + ",00 EUR"});
  }
  return {make_pdf({page}), "application/pdf", true};
}

bool settled(const std::string& status) { return status == "extracted" || status == "reviewed" || status == "dead"; }

TEST(JobRecovery, EveryAcknowledgedUploadSettlesAfterAKill) {
  std::string dir = temp_dir("serve-queue-kill");
  constexpr int kUploads = 60, kKillAfter = 24;
  std::map<std::int64_t, int> acknowledged;  // document id -> upload index
  std::mutex mutex;
  int sent = 0;
  {
    ServeProcess serve(dir, {"-j", "1"});
    ASSERT_TRUE(serve.started());
    std::atomic<bool> server_gone{false};
    std::thread uploader([&] {
      httplib::Client client("127.0.0.1", serve.port());
      for (int i = 0; i < kUploads && !server_gone; ++i) {
        Upload upload = make_upload(i);
        ++sent;
        auto r = client.Post("/v1/extract?async=1&filename=upload-" + std::to_string(i), upload.bytes,
                             upload.content_type);
        if (!r) break;  // cut off by the kill: not acknowledged
        ASSERT_EQ(r->status, 202) << r->body;
        json body = json::parse(r->body);
        ASSERT_EQ(body["job_id"], body["document_id"]);
        std::lock_guard<std::mutex> lock(mutex);
        acknowledged[body["document_id"].get<std::int64_t>()] = i;
      }
    });
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        if (acknowledged.size() >= kKillAfter) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    serve.kill_hard();
    server_gone = true;
    uploader.join();
  }

  // The state the kill left, read from the store itself: a backlog, every acknowledged document with a job.
  std::map<std::string, int> at_kill;
  {
    auto store = store::Store::open(dir);
    ASSERT_TRUE(store.is_ok()) << store.status().message();
    for (const auto& [id, index] : acknowledged) at_kill[(*store)->document(id)->status]++;
  }
  EXPECT_EQ(at_kill["new"], 0) << "an acknowledged upload has no job";
  int unsettled = at_kill["queued"] + at_kill["running"] + at_kill["failed"];
  EXPECT_GT(unsettled, 0) << "the kill came after the work was done: nothing was tested";

  ServeProcess again(dir, {"-j", "2"});
  ASSERT_TRUE(again.started());
  httplib::Client client("127.0.0.1", again.port());
  std::map<std::int64_t, json> final_state;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(45);
  while (final_state.size() < acknowledged.size() && std::chrono::steady_clock::now() < deadline) {
    for (const auto& [id, index] : acknowledged) {
      if (final_state.count(id)) continue;
      auto r = client.Get("/v1/documents/" + std::to_string(id));
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 200) << r->body;
      json doc = json::parse(r->body);
      if (settled(doc["document"]["status"])) final_state[id] = doc;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  std::map<std::string, int> ended;
  for (const auto& [id, index] : acknowledged) {
    ASSERT_TRUE(final_state.count(id)) << "document " << id << " is stuck";
    const json& doc = final_state[id];
    std::string status = doc["document"]["status"];
    ended[status]++;
    if (make_upload(index).readable) {
      EXPECT_EQ(status, "extracted") << doc.dump();
      EXPECT_FALSE(doc["result"].is_null());
    } else {
      EXPECT_EQ(status, "dead") << doc.dump();
      EXPECT_TRUE(doc["document"]["error"].is_string() && !doc["document"]["error"].get<std::string>().empty());
    }
    // The job answers under the document's id.
    auto job = client.Get("/v1/jobs/" + std::to_string(id));
    ASSERT_TRUE(job);
    EXPECT_EQ(json::parse(job->body)["state"], status == "dead" ? "failed" : "done") << job->body;
  }
  std::cout << "[ figures ] uploads sent " << sent << ", acknowledged " << acknowledged.size()
            << "; at the kill: queued " << at_kill["queued"] << ", running " << at_kill["running"]
            << ", extracted " << at_kill["extracted"] << ", dead " << at_kill["dead"] << "; after the restart: extracted "
            << ended["extracted"] << ", dead " << ended["dead"] << "\n";
}

}  // namespace
}  // namespace textra::testing
