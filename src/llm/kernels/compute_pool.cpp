#include "llm/kernels/compute_pool.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define TEXTRA_CPU_RELAX() _mm_pause()
#else
#define TEXTRA_CPU_RELAX() ((void)0)
#endif

namespace textra::llm {
namespace {

// Spins this many rounds before yielding/sleeping: long enough to bridge the gap between two jobs of one
// token, short enough not to steal a core from other processes when the model is idle.
constexpr int kSpinRounds = 20000;

// Waits until pred() holds: spin, then yield the core (the machine may have fewer cores than threads).
template <typename Pred>
void spin_until(Pred pred) {
  for (int i = 0; !pred(); ++i) {
    if (i < kSpinRounds) {
      TEXTRA_CPU_RELAX();
    } else {
      std::this_thread::yield();
    }
  }
}

}  // namespace

ComputePool::ComputePool(int threads) : n_threads_(threads < 1 ? 1 : threads) {
  for (int i = 1; i < n_threads_; ++i) workers_.emplace_back([this, i] { worker_loop(i); });
}

ComputePool::~ComputePool() {
  stopping_.store(true);
  generation_.fetch_add(1);
  generation_.notify_all();
  for (auto& t : workers_) t.join();
}

void ComputePool::run_impl(Thunk thunk, void* ctx) {
  if (n_threads_ == 1) {
    thunk(ctx, 0, 1);
    return;
  }
  thunk_ = thunk;
  ctx_ = ctx;
  pending_.store(n_threads_ - 1, std::memory_order_relaxed);
  generation_.fetch_add(1, std::memory_order_seq_cst);
  if (sleeping_.load(std::memory_order_seq_cst) > 0) generation_.notify_all();
  thunk(ctx, 0, n_threads_);
  spin_until([this] { return pending_.load(std::memory_order_acquire) == 0; });
}

void ComputePool::worker_loop(int ith) {
  unsigned seen = 0;
  for (;;) {
    int spins = 0;
    unsigned now;
    while ((now = generation_.load(std::memory_order_acquire)) == seen) {
      if (++spins < kSpinRounds) {
        TEXTRA_CPU_RELAX();
        continue;
      }
      // Announce the sleep, re-check, then block until the generation changes (seq_cst pairs with run_impl).
      sleeping_.fetch_add(1, std::memory_order_seq_cst);
      generation_.wait(seen, std::memory_order_seq_cst);
      sleeping_.fetch_sub(1, std::memory_order_seq_cst);
      spins = 0;
    }
    seen = now;
    if (stopping_.load()) return;
    thunk_(ctx_, ith, n_threads_);
    pending_.fetch_sub(1, std::memory_order_release);
  }
}

void ComputePool::barrier() {
  if (n_threads_ == 1) return;
  const unsigned phase = barrier_phase_.load(std::memory_order_acquire);
  if (barrier_arrived_.fetch_add(1, std::memory_order_acq_rel) == n_threads_ - 1) {
    barrier_arrived_.store(0, std::memory_order_relaxed);
    barrier_phase_.fetch_add(1, std::memory_order_release);
    return;
  }
  spin_until([&] { return barrier_phase_.load(std::memory_order_acquire) != phase; });
}

}  // namespace textra::llm
