// Time of the PP-OCR networks on our runtime: load time, then ms per run (median) for the shapes an OCR page
// needs: detection at 960 on the long side (a square page and a receipt-shaped one), recognition of a batch of
// line crops, direction classification of a batch. Models come from scripts/setup (models/ppocr/).
// Usage: bench_nn [--runs N] [--threads T]   (T: 1 and 2 when not given)
// Prints wall and process CPU time per run: on a loaded machine the CPU time is the steadier figure.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "base/model_paths.h"
#include "nn/gemm.h"
#include "nn/nn.h"

using namespace textra;

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// CPU time of the whole process (all threads): on a shared machine it says more than the wall clock.
double cpu_ms() {
  timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

// A smooth, image-like input in the models' normalised range (timings do not depend on the values much).
nn::Tensor input(std::vector<int64_t> shape) {
  nn::Tensor t;
  t.shape = std::move(shape);
  t.data.resize(static_cast<size_t>(t.element_count()));
  for (size_t k = 0; k < t.data.size(); ++k) t.data[k] = std::sin(static_cast<float>(k) * 0.013f) * 1.5f;
  return t;
}

struct Case {
  const char* label;
  const char* file;
  std::vector<int64_t> shape;
};

}  // namespace

int main(int argc, char** argv) {
  int runs = 5;
  std::vector<int> thread_counts{1, 2};
  for (int k = 1; k + 1 < argc; k += 2) {
    if (std::strcmp(argv[k], "--runs") == 0) runs = std::max(1, std::atoi(argv[k + 1]));
    if (std::strcmp(argv[k], "--threads") == 0) thread_counts = {std::max(1, std::atoi(argv[k + 1]))};
  }
  const std::vector<Case> cases = {
      {"det 960x960", "ch_PP-OCRv4_det_infer.onnx", {1, 3, 960, 960}},
      {"det 960x480 (receipt)", "ch_PP-OCRv4_det_infer.onnx", {1, 3, 960, 480}},
      {"rec 1x48x320", "ch_PP-OCRv4_rec_infer.onnx", {1, 3, 48, 320}},
      {"rec 8x48x320", "ch_PP-OCRv4_rec_infer.onnx", {8, 3, 48, 320}},
      {"cls 8x48x192", "ch_ppocr_mobile_v2.0_cls_infer.onnx", {8, 3, 48, 192}},
  };
  std::printf("gemm kernel: %s, median of %d runs\n", nn::gemm_kernel_name(), runs);
  std::printf("%-24s %8s %10s %12s %12s\n", "case", "threads", "load ms", "wall ms/run", "CPU ms/run");
  std::string summary;
  for (const Case& c : cases) {
    auto path = find_model_file(std::string("ppocr/") + c.file);
    if (!path) {
      std::fprintf(stderr, "%s\n", path.status().message().c_str());
      return 1;
    }
    const auto t0 = Clock::now();
    auto model = nn::Model::load(*path);
    const double load_ms = ms_since(t0);
    if (!model) {
      std::fprintf(stderr, "%s\n", model.status().message().c_str());
      return 1;
    }
    const nn::Tensor x = input(c.shape);
    for (int threads : thread_counts) {
      std::vector<double> times, cpu_times;
      for (int r = 0; r < runs + 1; ++r) {  // the first run warms caches and the allocator
        const auto t1 = Clock::now();
        const double c1 = cpu_ms();
        auto out = (*model)->run({x}, nn::RunOptions{threads});
        if (!out) {
          std::fprintf(stderr, "%s: %s\n", c.label, out.status().message().c_str());
          return 1;
        }
        if (r > 0) {
          times.push_back(ms_since(t1));
          cpu_times.push_back(cpu_ms() - c1);
        }
      }
      std::sort(times.begin(), times.end());
      std::sort(cpu_times.begin(), cpu_times.end());
      const double median = times[times.size() / 2], cpu_median = cpu_times[cpu_times.size() / 2];
      std::printf("%-24s %8d %10.1f %12.1f %12.1f\n", c.label, threads, load_ms, median, cpu_median);
      if (threads == thread_counts.front()) {
        char part[96];
        std::snprintf(part, sizeof part, "%s%s %.0f ms (CPU %.0f)", summary.empty() ? "" : ", ", c.label, median, cpu_median);
        summary += part;
      }
    }
  }
  std::printf("nn (%d thread%s): %s\n", thread_counts.front(), thread_counts.front() > 1 ? "s" : "", summary.c_str());
  return 0;
}
