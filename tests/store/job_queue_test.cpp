// The store's durable job queue: enqueue with the document, claim, fenced completion, retries then dead,
// and recovery of jobs whose worker died (a real SIGKILL of a child process).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>

#include "store/migrations.h"
#include "store/sqlite.h"
#include "store/store.h"
#include "store_backends.h"
#include "test_support.h"

namespace textra::store {
namespace {

using nlohmann::json;

// The queue's tests, against both back ends.
class Queue : public Backends {};

JobRequest job(const std::string& schema = "invoice") { return {{{"schema", schema}}, INT64_MAX}; }

TEST_P(Queue, EnqueuesWithTheDocumentOncePerPendingJob) {
  auto s = open_store();
  ASSERT_TRUE(s);
  JobRequest request = job();
  auto first = s->add_document("bytes", "a.png", "image/png", &request);
  ASSERT_TRUE(first.is_ok()) << first.status().message();
  EXPECT_TRUE(first->created);
  EXPECT_TRUE(first->queued);
  EXPECT_EQ(first->document.status, "queued");
  // The same bytes while the job waits: the same job, not a second one.
  auto again = s->add_document("bytes", "a.png", "image/png", &request);
  EXPECT_FALSE(again->created);
  EXPECT_TRUE(again->queued);
  EXPECT_EQ(s->waiting_jobs().value(), 1);
  // Without a job request a document is only stored.
  auto plain = s->add_document("other", "b.png", "image/png");
  EXPECT_EQ(plain->document.status, "new");
  EXPECT_FALSE(plain->queued);
}

TEST_P(Queue, AFullQueueKeepsTheDocumentWithoutAJob) {
  auto s = open_store();
  ASSERT_TRUE(s);
  JobRequest request{json::object(), 1};
  ASSERT_TRUE(s->add_document("one", "1.png", "image/png", &request)->queued);
  auto second = s->add_document("two", "2.png", "image/png", &request);
  ASSERT_TRUE(second.is_ok());
  EXPECT_FALSE(second->queued);
  EXPECT_EQ(s->document(second->document.id)->status, "new");
  EXPECT_EQ(s->waiting_jobs().value(), 1);
}

TEST_P(Queue, ClaimsOldestFirstAndFencesCompletion) {
  auto s = open_store();
  ASSERT_TRUE(s);
  JobRequest first_request = job("receipt"), second_request = job("invoice");
  auto a = s->add_document("first", "1.png", "image/png", &first_request);
  auto b = s->add_document("second", "2.png", "image/png", &second_request);
  auto claimed = s->claim_job("w1", 60);
  ASSERT_TRUE(claimed.is_ok() && claimed->has_value());
  EXPECT_EQ((*claimed)->id, a->document.id);
  EXPECT_EQ((*claimed)->params["schema"], "receipt");
  EXPECT_EQ((*claimed)->file_name, "1.png");
  EXPECT_EQ((*claimed)->attempt, 1);
  EXPECT_EQ(s->document(a->document.id)->status, "running");
  auto next = s->claim_job("w2", 60);
  ASSERT_TRUE(next->has_value());
  EXPECT_EQ((*next)->id, b->document.id);
  EXPECT_FALSE(s->claim_job("w3", 60)->has_value());

  json result = {{"fields", {{"total_ttc", {{"value", 12.5}}}}}};
  // Another worker's word does not count.
  EXPECT_FALSE(s->complete_job(a->document.id, "w2", result).value());
  EXPECT_EQ(s->document(a->document.id)->status, "running");
  EXPECT_TRUE(s->complete_job(a->document.id, "w1", result).value());
  auto done = s->document(a->document.id);
  EXPECT_EQ(done->status, "extracted");
  EXPECT_DOUBLE_EQ(*done->total_ttc, 12.5);
  EXPECT_EQ((*s->latest_result(a->document.id))->dump(), result.dump());
  // Settled once: a late second completion is refused.
  EXPECT_FALSE(s->complete_job(a->document.id, "w1", result).value());
  EXPECT_EQ(s->waiting_jobs().value(), 0);
}

TEST_P(Queue, RetriesAfterABackoffThenGivesUp) {
  auto s = open_store();
  ASSERT_TRUE(s);
  JobRequest request = job();
  std::int64_t id = s->add_document("flaky", "f.png", "image/png", &request)->document.id;
  RetryPolicy policy{2, 60000};
  ASSERT_TRUE(s->claim_job("w", 60)->has_value());
  EXPECT_TRUE(s->fail_job(id, "w", io_error("disk hiccup"), true, policy).value());
  auto failed = s->document(id);
  EXPECT_EQ(failed->status, "failed");
  EXPECT_EQ(failed->error, "disk hiccup");
  EXPECT_EQ(failed->error_code, "io");
  EXPECT_EQ(s->waiting_jobs().value(), 1);
  EXPECT_FALSE(s->claim_job("w", 60)->has_value()) << "claimed before its backoff ended";

  policy.backoff_ms = 0;
  std::int64_t id2 = [&] {
    JobRequest r = job();
    return s->add_document("flaky2", "g.png", "image/png", &r)->document.id;
  }();
  for (int attempt = 1; attempt <= 2; ++attempt) {
    auto claimed = s->claim_job("w", 60);
    ASSERT_TRUE(claimed->has_value());
    ASSERT_EQ((*claimed)->id, id2);
    EXPECT_EQ((*claimed)->attempt, attempt);
    EXPECT_TRUE(s->fail_job(id2, "w", unavailable("OCR pool busy"), true, policy).value());
  }
  auto dead = s->document(id2);
  EXPECT_EQ(dead->status, "dead");
  EXPECT_EQ(dead->attempts, 2);
  EXPECT_EQ(dead->error, "gave up after 2 tries: OCR pool busy");
  EXPECT_FALSE(s->claim_job("w", 60)->has_value());
}

TEST_P(Queue, ABadDocumentIsDeadAtOnceAndCanBeQueuedAgain) {
  auto s = open_store();
  ASSERT_TRUE(s);
  JobRequest request = job();
  std::int64_t id = s->add_document("not an image", "x.png", "image/png", &request)->document.id;
  ASSERT_TRUE(s->claim_job("w", 60)->has_value());
  EXPECT_TRUE(s->fail_job(id, "w", corrupt("x.png: not a PNG"), false, RetryPolicy{}).value());
  EXPECT_EQ(s->document(id)->status, "dead");
  EXPECT_EQ(s->document(id)->error, "x.png: not a PNG");
  // Uploading it again asks again: a fresh job.
  auto again = s->add_document("not an image", "x.png", "image/png", &request);
  EXPECT_TRUE(again->queued);
  EXPECT_EQ(again->document.status, "queued");
  EXPECT_EQ(again->document.attempts, 0);
  EXPECT_FALSE(again->document.error.has_value());
}

TEST_P(Queue, CorrectionsWhileQueuedKeepTheJobAndEndReviewed) {
  auto s = open_store();
  ASSERT_TRUE(s);
  JobRequest request = job();
  std::int64_t id = s->add_document("doc", "d.png", "image/png", &request)->document.id;
  ASSERT_TRUE(s->save_corrections(id, {{"total_ttc", 5.0}}).is_ok());
  EXPECT_EQ(s->document(id)->status, "queued");
  ASSERT_TRUE(s->claim_job("w", 60)->has_value());
  EXPECT_TRUE(s->complete_job(id, "w", {{"fields", json::object()}}).value());
  EXPECT_EQ(s->document(id)->status, "reviewed");
}

TEST_P(Queue, RecoversOnlyExpiredLeasesWhenAsked) {
  auto s = open_store();
  ASSERT_TRUE(s);
  JobRequest request = job();
  std::int64_t id = s->add_document("doc", "d.png", "image/png", &request)->document.id;
  ASSERT_TRUE(s->claim_job("w", 60)->has_value());
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_EQ(s->recover_jobs(RetryPolicy{}, now).value(), 0);  // the lease runs another minute
  EXPECT_EQ(s->document(id)->status, "running");
  EXPECT_EQ(s->recover_jobs(RetryPolicy{}, now + 120000).value(), 1);
  EXPECT_EQ(s->document(id)->status, "queued");
  // The old worker's late answer is dropped: the job is no longer its own.
  EXPECT_FALSE(s->complete_job(id, "w", json::object()).value());
}

TEST_P(Queue, DeadLettersAreCountedThenRequeuedOrPurged) {
  auto s = open_store();
  ASSERT_TRUE(s);
  JobRequest request = job();
  std::int64_t a = s->add_document("dead one", "a.png", "image/png", &request)->document.id;
  std::int64_t b = s->add_document("dead two", "b.png", "image/png", &request)->document.id;
  ASSERT_TRUE(s->add_document("waiting", "c.png", "image/png", &request).is_ok());
  for (int i = 0; i < 2; ++i) {
    auto claimed = s->claim_job("w", 60);
    ASSERT_TRUE(claimed->has_value());
    ASSERT_TRUE(s->fail_job((*claimed)->id, "w", corrupt("unreadable"), false, RetryPolicy{}).value());
  }
  auto figures = s->queue_figures();
  ASSERT_TRUE(figures.is_ok()) << figures.status().message();
  EXPECT_EQ(figures->by_status["dead"], 2);
  EXPECT_EQ(figures->by_status["queued"], 1);
  ASSERT_TRUE(figures->oldest_waiting_s.has_value());
  EXPECT_GE(*figures->oldest_waiting_s, 0.0);

  EXPECT_EQ(s->requeue_dead().value(), 2);
  auto again = s->document(a);
  EXPECT_EQ(again->status, "queued");
  EXPECT_EQ(again->attempts, 0);
  auto claimed = s->claim_job("w", 60);
  ASSERT_TRUE(claimed->has_value());
  EXPECT_EQ((*claimed)->id, a);
  ASSERT_TRUE(s->fail_job(a, "w", corrupt("unreadable"), false, RetryPolicy{}).value());
  EXPECT_EQ(s->purge_dead().value(), 1);
  EXPECT_EQ(s->document(a).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(s->document(b)->status, "queued");
}

// A child process claims the job and dies by SIGKILL, as a worker crashing on a poison document would.
void claim_and_die(const std::string& url, const std::string& cache) {
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto store = Store::open_url(url, cache);
    if (store) (void)(*store)->claim_job("doomed", 3600);
    ::kill(getpid(), SIGKILL);
    _exit(1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
}

TEST_P(Queue, JobsOfAKilledWorkerAreTakenUpThenDeadAfterNTries) {
  std::int64_t id = 0;
  {
    auto s = open_store();
    ASSERT_TRUE(s);
    JobRequest request = job();
    id = s->add_document("poison", "p.png", "image/png", &request)->document.id;
  }
  RetryPolicy policy{2, 0};
  for (int round = 1; round <= 2; ++round) {
    claim_and_die(store_url(), testing::temp_dir("jobs-kill-cache"));
    auto s = open_store();
    ASSERT_TRUE(s);
    EXPECT_EQ(s->document(id)->status, "running");
    EXPECT_EQ(s->recover_jobs(policy, INT64_MAX).value(), 1);
    auto record = s->document(id);
    EXPECT_EQ(record->attempts, round);
    if (round == 1) {
      EXPECT_EQ(record->status, "queued");
    } else {
      EXPECT_EQ(record->status, "dead");
      EXPECT_EQ(record->error, "gave up after 2 tries: the worker stopped during the job (killed, crashed or lost)");
    }
  }
}

TEST(JobQueue, AVersionOneStoreMigratesWithItsDocumentsUnqueued) {
  std::string dir = testing::temp_dir("jobs-migrate");
  {
    auto db = Database::open(dir + "/textra.db");
    ASSERT_TRUE(db.is_ok());
    ASSERT_TRUE((*db)->exec(kMigrations[0]).is_ok());
    ASSERT_TRUE((*db)->exec("PRAGMA user_version = 1; INSERT INTO documents (sha256, file_name, content_type, bytes, "
                            "created_at) VALUES ('abc', 'old.png', 'image/png', 3, '2024-01-01T00:00:00Z')")
                    .is_ok());
  }
  auto s = Store::open(dir);
  ASSERT_TRUE(s.is_ok()) << s.status().message();
  auto old = (*s)->list({});
  ASSERT_EQ(old->documents.size(), 1u);
  EXPECT_EQ(old->documents[0].status, "new");
  EXPECT_EQ(old->documents[0].attempts, 0);
  EXPECT_FALSE((*s)->claim_job("w", 60)->has_value());
}

INSTANTIATE_TEST_SUITE_P(JobQueue, Queue, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace
}  // namespace textra::store
