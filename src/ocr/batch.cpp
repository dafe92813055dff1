#include "ocr/batch.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

#include "base/thread_pool.h"
#include "ingest/ingest.h"
#include "ocr/engine_pool.h"

namespace textra::ocr {
namespace {

// One open file whose pages are being recognised by several workers.
struct OpenFile {
  std::size_t index = 0;
  std::unique_ptr<ingest::Source> source;
  std::vector<std::optional<Result<doc::Page>>> pages;  // filled by the page tasks
  std::atomic<int> pages_left{0};
  std::atomic<std::int64_t> work_us{0};  // opening + every page, summed over the workers
};

using Clock = std::chrono::steady_clock;
std::int64_t microseconds_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
}

class Batch {
 public:
  Batch(const OcrOptions& options, std::size_t jobs, const FileDone& on_done, std::vector<double>* work_ms)
      : options_(options), on_done_(on_done), work_ms_(work_ms), engines_(options.engine), workers_(jobs) {}

  void run(const std::vector<std::string>& files) {
    if (work_ms_ != nullptr) work_ms_->assign(files.size(), 0.0);
    const std::size_t max_open = workers_.size() + 1;
    for (std::size_t i = 0; i < files.size(); ++i) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait(lock, [&] { return open_files_ < max_open; });
        ++open_files_;
      }
      workers_.submit([this, i, path = files[i]] { open(i, path); });
    }
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [&] { return open_files_ == 0; });
  }

 private:
  void open(std::size_t index, const std::string& path) {
    const auto start = Clock::now();
    auto source = ingest::open_file(path, options_.limits);
    if (!source.is_ok()) return finish(index, source.status(), microseconds_since(start));
    auto file = std::make_shared<OpenFile>();
    file->index = index;
    file->source = std::move(source).value();
    int count = file->source->page_count();
    if (count <= 0) return finish(index, corrupt(path + ": no pages"), microseconds_since(start));
    file->pages.resize(static_cast<std::size_t>(count));
    file->pages_left = count;
    file->work_us = microseconds_since(start);
    for (int p = 0; p < count; ++p) {
      workers_.submit([this, file, p] { recognize(file, p); });
    }
  }

  void recognize(const std::shared_ptr<OpenFile>& file, int page_index) {
    const auto start = Clock::now();
    Result<doc::Page> page = [&]() -> Result<doc::Page> {
      // Ingest errors name the file already; ours gain it here.
      TEXTRA_ASSIGN_OR_RETURN(ingest::PageInput input, file->source->page(page_index));
      Result<doc::Page> result = ocr_page(std::move(input), engines_, options_);
      if (!result.is_ok()) return result.status().with_context(file->source->file());
      return result;
    }();
    file->pages[static_cast<std::size_t>(page_index)] = std::move(page);
    file->work_us += microseconds_since(start);
    if (file->pages_left.fetch_sub(1) == 1) finish(file->index, assemble(*file), file->work_us);
  }

  // The document, or the first page error.
  static Result<doc::Document> assemble(OpenFile& file) {
    doc::Document document;
    document.file = file.source->file();
    document.type = file.source->mime();
    for (auto& page : file.pages) {
      if (!page->is_ok()) return page->status();
      document.pages.push_back(std::move(*page).value());
    }
    return document;
  }

  void finish(std::size_t index, Result<doc::Document> result, std::int64_t work_us) {
    if (work_ms_ != nullptr) (*work_ms_)[index] = static_cast<double>(work_us) / 1000.0;
    on_done_(index, std::move(result));
    std::lock_guard<std::mutex> lock(mutex_);
    --open_files_;
    cv_.notify_all();
  }

  const OcrOptions& options_;
  const FileDone& on_done_;
  std::vector<double>* work_ms_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::size_t open_files_ = 0;
  EnginePool engines_;
  ThreadPool workers_;  // last: destroyed first, so no task outlives the members it uses
};

}  // namespace

void ocr_files(const std::vector<std::string>& files, const OcrOptions& options, std::size_t jobs,
               const FileDone& on_done, std::vector<double>* work_ms) {
  Batch batch(options, jobs == 0 ? default_thread_count() : jobs, on_done, work_ms);
  batch.run(files);
}

}  // namespace textra::ocr
