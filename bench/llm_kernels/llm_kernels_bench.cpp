// Matrix products of a model's own weights, tensor kind by kind (all layers' ffn_up, all attn_q, ...):
// one token (the generation path, memory-bound) and a batch (the prompt path), per kernel set.
// Reports weight bytes streamed per second and multiply-adds per second, and one summary line: the
// matrix time of one generated token, summed over every matrix of the model.
//
//   bench_llm_kernels -m MODEL.gguf [-t THREADS] [-b BATCH] [-r REPEATS] [--kernels scalar|avx2|avx512] [--cpu-time]
//
// --cpu-time: times are the process's CPU time instead of wall time. On a busy machine a descheduled run
// still counts only what it computed; with -t 1 that is the kernels' own cost (with more threads it also
// counts the pool's spinning).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "llm/gguf/gguf_file.h"
#include "llm/kernels/kernels.h"

namespace textra::llm {
namespace {

struct Options {
  std::string model;
  int threads = 1;
  int64_t batch = 64;
  int repeats = 3;
  KernelChoice kernels = KernelChoice::kBest;
  bool cpu_time = false;
};

int usage() {
  std::fprintf(stderr, "usage: bench_llm_kernels -m MODEL.gguf [-t THREADS] [-b BATCH] [-r REPEATS] [--kernels scalar|avx2|avx512] [--cpu-time]\n");
  return 2;
}

// Tensor kind: the name without "blk.N." ("ffn_up.weight"); output matrices keep their name.
std::string kind_of(const std::string& name) {
  if (name.rfind("blk.", 0) != 0) return name;
  const size_t dot = name.find('.', 4);
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

// Seconds on the clock the options chose: wall time, or the process's CPU time (--cpu-time).
double now_seconds(bool cpu_time) {
  if (cpu_time) {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}


// Best of `repeats` times of one pass over every matrix, with `tokens` activation rows.
double time_pass(const std::vector<MatrixView>& mats, int64_t tokens, int repeats, ComputePool& pool,
                 const KernelSet& kernels, bool cpu_time) {
  const int64_t cols = mats.front().cols;
  int64_t max_rows = 0;
  for (const MatrixView& m : mats) max_rows = std::max(max_rows, m.rows);
  std::mt19937 rng(1);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> x(static_cast<size_t>(tokens * cols));
  for (float& v : x) v = normal(rng);
  std::vector<float> y(static_cast<size_t>(tokens * max_rows));
  MatmulScratch scratch;
  double best = 1e30;
  for (int r = 0; r < repeats; ++r) {
    const double t0 = now_seconds(cpu_time);
    for (const MatrixView& m : mats) matmul({{&m, y.data(), m.rows}}, x.data(), cols, tokens, pool, scratch, kernels);
    best = std::min(best, now_seconds(cpu_time) - t0);
  }
  return best;
}

int run(const Options& o) {
  auto file = GgufFile::open(o.model);
  if (!file.is_ok()) {
    std::fprintf(stderr, "bench_llm_kernels: %s\n", file.status().message().c_str());
    return 1;
  }
  const KernelSet* kernels = kernel_set(o.kernels);
  if (kernels == nullptr) {
    std::fprintf(stderr, "bench_llm_kernels: this CPU cannot run the requested kernels\n");
    return 1;
  }
  // Matrices grouped by kind; token_embd stands for the (tied) output matrix when output.weight is absent.
  std::map<std::string, std::vector<MatrixView>> kinds;
  std::vector<MatrixView> file_order;  // every matrix once, as a token of the model reads them
  const bool tied = (*file)->find_tensor("output.weight") == nullptr;
  for (const GgufTensorInfo& t : (*file)->tensors()) {
    if (t.n_dims != 2 || !has_matmul_kernel(t.type)) continue;
    if (t.name == "token_embd.weight" && !tied) continue;
    const MatrixView m{t.type, t.ne[1], t.ne[0], t.data.data(), static_cast<size_t>(t.row_bytes())};
    kinds[kind_of(t.name)].push_back(m);
    file_order.push_back(m);
  }
  ComputePool pool(o.threads);
  std::printf("kernels %s, %d thread(s), batch %lld, %s time\n\n", kernels->name, o.threads, static_cast<long long>(o.batch),
              o.cpu_time ? "CPU" : "wall");
  std::printf("| matrices | type | count | rows x cols | MiB | 1 token ms | GB/s | batch ms | GMAC/s |\n");
  std::printf("| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |\n");
  double token_ms = 0, batch_ms = 0;
  for (const auto& [kind, mats] : kinds) {
    double bytes = 0, macs = 0;
    for (const MatrixView& m : mats) {
      bytes += static_cast<double>(m.rows) * m.row_stride;
      macs += static_cast<double>(m.rows) * m.cols * o.batch;
    }
    const double t1 = time_pass(mats, 1, o.repeats, pool, *kernels, o.cpu_time);
    const double tb = time_pass(mats, o.batch, std::max(1, o.repeats / 2), pool, *kernels, o.cpu_time);
    token_ms += t1 * 1e3;
    batch_ms += tb * 1e3;
    std::printf("| %s | %s | %zu | %lld x %lld | %.1f | %.2f | %.1f | %.1f | %.1f |\n", kind.c_str(),
                std::string(type_name(mats.front().type)).c_str(), mats.size(), static_cast<long long>(mats.front().rows),
                static_cast<long long>(mats.front().cols), bytes / (1 << 20), t1 * 1e3, bytes / t1 / 1e9, tb * 1e3,
                macs / tb / 1e9);
  }
  // One pass over every matrix in file order, as generation reads them (nothing stays in cache).
  double model_pass = 0;
  {
    MatmulScratch scratch;
    std::vector<float> x(1 << 16, 0.5f), y(1 << 18);
    for (int r = 0; r <= o.repeats; ++r) {
      const double t0 = now_seconds(o.cpu_time);
      for (const MatrixView& m : file_order) {
        if (static_cast<size_t>(m.rows) <= y.size() && static_cast<size_t>(m.cols) <= x.size()) {
          matmul({{&m, y.data(), m.rows}}, x.data(), m.cols, 1, pool, scratch, *kernels);
        }
      }
      if (r > 0) model_pass += (now_seconds(o.cpu_time) - t0) / o.repeats;
    }
  }
  std::printf("\none token over all matrices in file order: %.1f ms (mean of %d)\n", model_pass * 1e3, o.repeats);
  std::printf("\nsummary: matrices of one token %.1f ms (%.1f tokens/s bound), of a %lld-token batch %.0f ms "
              "(%.1f tokens/s bound)\n",
              token_ms, 1e3 / token_ms, static_cast<long long>(o.batch), batch_ms, o.batch * 1e3 / batch_ms);
  return 0;
}

}  // namespace
}  // namespace textra::llm

int main(int argc, char** argv) {
  textra::llm::Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "-m" && has_value) o.model = argv[++i];
    else if (a == "-t" && has_value) o.threads = std::max(1, std::atoi(argv[++i]));
    else if (a == "-b" && has_value) o.batch = std::max(1, std::atoi(argv[++i]));
    else if (a == "-r" && has_value) o.repeats = std::max(1, std::atoi(argv[++i]));
    else if (a == "--cpu-time") o.cpu_time = true;
    else if (a == "--kernels" && has_value) {
      const std::string k = argv[++i];
      if (k == "scalar") o.kernels = textra::llm::KernelChoice::kScalar;
      else if (k == "avx2") o.kernels = textra::llm::KernelChoice::kAvx2;
      else if (k == "avx512") o.kernels = textra::llm::KernelChoice::kAvx512;
      else return textra::llm::usage();
    } else {
      return textra::llm::usage();
    }
  }
  if (o.model.empty()) return textra::llm::usage();
  return textra::llm::run(o);
}
