// Throughput measurement like llama-bench: prompt processing of n_prompt random tokens in one batch
// (pp), and generation of n_gen tokens one at a time (tg), each repeated after a warm-up run; tokens per
// second as mean and sample standard deviation. Both start from an empty cache, or after `depth` random
// tokens already in it (llama-bench's -d: the speed at that context length).
#pragma once

#include <cstdint>

#include "base/status.h"
#include "llm/model/model.h"

namespace textra::llm {

struct ThroughputStats {
  double mean = 0;    // tokens per second (wall time)
  double stddev = 0;
  double cpu_ms_per_token = 0;  // process CPU time (all threads) per token, mean of the timed runs
};

struct ThroughputResult {
  int threads = 0;
  ThroughputStats pp;
  ThroughputStats tg;
  uint64_t kv_bytes = 0;  // KV cache for a context of depth + n_prompt + n_gen tokens
};

struct ThroughputOptions {
  int64_t n_prompt = 512;
  int64_t n_gen = 128;
  int repetitions = 3;
  int threads = 1;
  int64_t n_batch = 512;
  uint64_t seed = 1;
  int64_t depth = 0;  // context filled before each test (evaluated once, untimed)
};

Result<ThroughputResult> measure_throughput(const Model& model, const ThroughputOptions& options);

// Peak resident set size of this process (VmHWM), 0 when unknown.
uint64_t peak_rss_bytes();

}  // namespace textra::llm
