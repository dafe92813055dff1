// What a kernel needs from the run() call it works for: the thread count and a way to split work.
#pragma once

#include <cstdint>
#include <functional>

#include "base/thread_pool.h"

// Marks a loop-heavy function for several instruction sets, chosen at run time (GCC/Clang function clones):
// the loops auto-vectorise to 16 floats per instruction where AVX-512 exists, with no flags on the whole file.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define TEXTRA_NN_VECTOR_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define TEXTRA_NN_VECTOR_CLONES
#endif

namespace textra::nn {

struct ExecContext {
  ThreadPool* pool = nullptr;  // null: run on the calling thread only
  int threads = 1;

  // Calls body(i) for i in [0, count), over the pool's threads when there is one.
  void parallel_for(int64_t count, const std::function<void(int64_t)>& body) const {
    if (pool == nullptr || count <= 1) {
      for (int64_t i = 0; i < count; ++i) body(i);
      return;
    }
    pool->parallel_for(static_cast<size_t>(count), [&](size_t i) { body(static_cast<int64_t>(i)); });
  }
};

}  // namespace textra::nn
