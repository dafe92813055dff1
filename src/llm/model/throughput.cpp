#include "llm/model/throughput.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace textra::llm {
namespace {

ThroughputStats stats(const std::vector<double>& values) {
  ThroughputStats s;
  if (values.empty()) return s;
  for (double v : values) s.mean += v;
  s.mean /= static_cast<double>(values.size());
  if (values.size() > 1) {
    double var = 0;
    for (double v : values) var += (v - s.mean) * (v - s.mean);
    s.stddev = std::sqrt(var / static_cast<double>(values.size() - 1));
  }
  return s;
}

// Runs `run` once to warm up, then `reps` timed times; returns tokens / second for each timed run.
template <typename Run>
Result<std::vector<double>> timed(int reps, int64_t tokens, Run run) {
  std::vector<double> tps;
  for (int i = 0; i <= reps; ++i) {
    const auto start = std::chrono::steady_clock::now();
    TEXTRA_RETURN_IF_ERROR(run());
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (i > 0) tps.push_back(static_cast<double>(tokens) / s);
  }
  return tps;
}

}  // namespace

Result<ThroughputResult> measure_throughput(const Model& model, const ThroughputOptions& o) {
  ThroughputResult result;
  result.threads = o.threads;
  std::mt19937 rng(static_cast<uint32_t>(o.seed));
  std::uniform_int_distribution<int32_t> token(0, static_cast<int32_t>(model.config().n_vocab - 1));
  auto random_tokens = [&](int64_t n) {
    std::vector<int32_t> ids(static_cast<size_t>(n));
    for (int32_t& t : ids) t = token(rng);
    return ids;
  };
  const int64_t depth = std::max<int64_t>(0, o.depth);
  // A session whose first `depth` positions are filled; each timed run truncates back to them.
  auto session_at_depth = [&](int64_t tokens) -> Result<std::unique_ptr<Session>> {
    auto session = std::make_unique<Session>(
        model, SessionOptions{.n_ctx = depth + tokens, .n_threads = o.threads, .n_batch = o.n_batch});
    if (depth > 0) TEXTRA_RETURN_IF_ERROR(session->eval(random_tokens(depth)));
    return session;
  };
  if (o.n_prompt > 0) {
    const std::vector<int32_t> prompt = random_tokens(o.n_prompt);
    TEXTRA_ASSIGN_OR_RETURN(auto session, session_at_depth(o.n_prompt));
    TEXTRA_ASSIGN_OR_RETURN(auto tps, timed(o.repetitions, o.n_prompt, [&] {
      session->truncate(depth);
      return session->eval(prompt);
    }));
    result.pp = stats(tps);
  }
  if (o.n_gen > 0) {
    TEXTRA_ASSIGN_OR_RETURN(auto session, session_at_depth(o.n_gen));
    TEXTRA_ASSIGN_OR_RETURN(auto tps, timed(o.repetitions, o.n_gen, [&]() -> Status {
      session->truncate(depth);
      int32_t next = token(rng);
      for (int64_t i = 0; i < o.n_gen; ++i) {
        TEXTRA_RETURN_IF_ERROR(session->eval({&next, 1}));
        next = token(rng);  // like llama-bench: the token values do not matter
      }
      return Status::ok();
    }));
    result.tg = stats(tps);
  }
  result.kv_bytes = kv_cache_bytes(model.config(), depth + o.n_prompt + o.n_gen);
  return result;
}

uint64_t peak_rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}

}  // namespace textra::llm
