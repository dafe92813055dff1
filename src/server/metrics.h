// Prometheus text-format metrics: requests by route and status, request latency histogram, and
// counters the pipeline reports (pages, tokens).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace textra::server {

class Metrics {
 public:
  void observe_request(const std::string& route, int status, double seconds);
  void add(const std::string& counter, std::uint64_t amount);  // e.g. "pages_total", "tokens_total"
  std::string render() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::vector<std::uint64_t> latency_buckets_ = std::vector<std::uint64_t>(kBounds.size(), 0);
  std::uint64_t latency_count_ = 0;
  double latency_sum_ = 0;
  std::map<std::string, std::uint64_t> counters_;
  static inline const std::vector<double> kBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
};

}  // namespace textra::server
