#include "server/metrics.h"

#include <sstream>

namespace textra::server {

void Metrics::observe_request(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  requests_[{route, status}]++;
  for (std::size_t i = 0; i < kBounds.size(); ++i) {
    if (seconds <= kBounds[i]) latency_buckets_[i]++;
  }
  latency_count_++;
  latency_sum_ += seconds;
}

void Metrics::add(const std::string& counter, std::uint64_t amount) {
  std::lock_guard<std::mutex> lock(mutex_);
  counters_[counter] += amount;
}

std::string Metrics::render() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::ostringstream out;
  out << "# HELP textra_http_requests_total HTTP requests by route and status.\n"
      << "# TYPE textra_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    out << "textra_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << count
        << "\n";
  }
  out << "# HELP textra_http_request_duration_seconds Request latency.\n"
      << "# TYPE textra_http_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kBounds.size(); ++i) {
    out << "textra_http_request_duration_seconds_bucket{le=\"" << kBounds[i] << "\"} " << latency_buckets_[i] << "\n";
  }
  out << "textra_http_request_duration_seconds_bucket{le=\"+Inf\"} " << latency_count_ << "\n"
      << "textra_http_request_duration_seconds_sum " << latency_sum_ << "\n"
      << "textra_http_request_duration_seconds_count " << latency_count_ << "\n";
  for (const auto& [name, value] : counters_) {
    out << "# TYPE textra_" << name << " counter\ntextra_" << name << " " << value << "\n";
  }
  return out.str();
}

}  // namespace textra::server
