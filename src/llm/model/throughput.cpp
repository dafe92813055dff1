#include "llm/model/throughput.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace textra::llm {
namespace {

double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Runs `run` once to warm up, then `reps` timed times: tokens / second of each timed run, and CPU time per
// token over all of them (on a shared machine the CPU time moves less than the wall time).
template <typename Run>
Result<ThroughputStats> timed(int reps, int64_t tokens, Run run) {
  std::vector<double> tps;
  double cpu_seconds = 0;
  for (int i = 0; i <= reps; ++i) {
    const double cpu0 = process_cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    TEXTRA_RETURN_IF_ERROR(run());
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (i > 0) {
      tps.push_back(static_cast<double>(tokens) / s);
      cpu_seconds += process_cpu_seconds() - cpu0;
    }
  }
  ThroughputStats out;
  if (tps.empty()) return out;
  for (double v : tps) out.mean += v;
  out.mean /= static_cast<double>(tps.size());
  if (tps.size() > 1) {
    double var = 0;
    for (double v : tps) var += (v - out.mean) * (v - out.mean);
    out.stddev = std::sqrt(var / static_cast<double>(tps.size() - 1));
  }
  out.cpu_ms_per_token = 1e3 * cpu_seconds / static_cast<double>(static_cast<int64_t>(tps.size()) * tokens);
  return out;
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
    TEXTRA_ASSIGN_OR_RETURN(result.pp, timed(o.repetitions, o.n_prompt, [&] {
      session->truncate(depth);
      return session->eval(prompt);
    }));
  }
  if (o.n_gen > 0) {
    TEXTRA_ASSIGN_OR_RETURN(auto session, session_at_depth(o.n_gen));
    TEXTRA_ASSIGN_OR_RETURN(result.tg, timed(o.repetitions, o.n_gen, [&]() -> Status {
      session->truncate(depth);
      int32_t next = token(rng);
      for (int64_t i = 0; i < o.n_gen; ++i) {
        TEXTRA_RETURN_IF_ERROR(session->eval({&next, 1}));
        next = token(rng);  // like llama-bench: the token values do not matter
      }
      return Status::ok();
    }));
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
