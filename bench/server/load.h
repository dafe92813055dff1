// A closed-loop load: `concurrency` threads each send one request, wait for its answer, and send the next,
// until `seconds` have passed; the latency of every successful request is kept.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace textra::bench {

struct LoadResult {
  std::vector<double> latencies_ms;  // successful requests, sorted
  std::size_t errors = 0;
  double elapsed_s = 0;              // until the last request in flight at the deadline has finished

  double per_second() const { return elapsed_s > 0 ? latencies_ms.size() / elapsed_s : 0.0; }
  double percentile_ms(double p) const;  // nearest rank; 0 when nothing succeeded
};

// request(worker) runs one request on behalf of worker 0..concurrency-1; false = failed.
LoadResult run_load(int concurrency, double seconds, const std::function<bool(int worker)>& request);

}  // namespace textra::bench
