#include "load.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <thread>

namespace textra::bench {

double LoadResult::percentile_ms(double p) const {
  if (latencies_ms.empty()) return 0.0;
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * latencies_ms.size()));
  return latencies_ms[std::clamp<std::size_t>(rank, 1, latencies_ms.size()) - 1];
}

LoadResult run_load(int concurrency, double seconds, const std::function<bool(int worker)>& request) {
  using Clock = std::chrono::steady_clock;
  LoadResult result;
  std::mutex mutex;
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  std::vector<std::thread> workers;
  for (int w = 0; w < concurrency; ++w) {
    workers.emplace_back([&, w] {
      while (Clock::now() < deadline) {
        const auto sent = Clock::now();
        const bool ok = request(w);
        const double ms = std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
        std::lock_guard<std::mutex> lock(mutex);
        if (ok) result.latencies_ms.push_back(ms);
        else ++result.errors;
      }
    });
  }
  for (auto& t : workers) t.join();
  result.elapsed_s = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(result.latencies_ms.begin(), result.latencies_ms.end());
  return result;
}

}  // namespace textra::bench
