// Attention over the KV cache alone (KvAttention::attend, every layer of a model's shape): the part of a
// forward pass that grows with the context. A cache of random keys and values is filled to each depth,
// then passes of B tokens are attended to at that depth. Reports CPU time (all threads) and wall time per
// pass over all layers; the kernel set is the active one (TEXTRA_KERNELS=scalar|avx2|avx512 to choose).
//
// --cold reads 256 MiB before each (timed) pass, so that the cache comes from memory, as in a forward pass
// where the weight matrices stream through the caches between two layers' attention.
//
//   bench_llm_attention -m MODEL.gguf [-d DEPTHS] [-b TOKENS] [-t THREADS] [-r REPEATS] [--cold]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "llm/gguf/gguf_file.h"
#include "llm/kernels/kernels.h"
#include "llm/model/attention.h"
#include "llm/model/model_config.h"

namespace textra::llm {
namespace {

struct Options {
  std::string model;
  std::vector<int64_t> depths = {512, 1024};
  std::vector<int64_t> tokens = {1, 4};
  int threads = 2;
  int repeats = 20;
  bool cold = false;
};

int usage() {
  std::fprintf(stderr, "usage: bench_llm_attention -m MODEL.gguf [-d DEPTHS] [-b TOKENS] [-t THREADS] [-r REPEATS] [--cold]\n"
                       "  DEPTHS and TOKENS are comma-separated lists, e.g. -d 512,1024 -b 1,4\n");
  return 2;
}

std::vector<int64_t> parse_list(const char* text) {
  std::vector<int64_t> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(std::atoll(item.c_str()));
  return out;
}

double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

struct Timing {
  double cpu_ms = 0;
  double wall_ms = 0;
};

// Mean CPU and wall time of one pass of `n_tokens` queries at `depth` over every layer.
Timing time_passes(const ModelConfig& c, int64_t depth, int64_t n_tokens, const Options& o) {
  ComputePool pool(o.threads);
  KvAttention kv(c, depth + n_tokens, o.threads);
  std::mt19937 rng(1);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  const int64_t stride = c.n_embd_q() + 2 * c.n_embd_kv();
  std::vector<float> qkv(static_cast<size_t>((depth + n_tokens) * stride));
  for (float& v : qkv) v = normal(rng);
  const float* k = qkv.data() + c.n_embd_q();
  const float* v = k + c.n_embd_kv();
  for (int layer = 0; layer < c.n_layer; ++layer) kv.store(layer, 0, depth + n_tokens, k, v, stride, pool);
  std::vector<float> out(static_cast<size_t>(n_tokens * c.n_embd_q()));
  const float scale = 1.0f / std::sqrt(static_cast<float>(c.head_dim));
  auto pass = [&] {
    for (int layer = 0; layer < c.n_layer; ++layer) {
      kv.attend(layer, depth, n_tokens, qkv.data() + depth * stride, stride, scale, out.data(), pool);
    }
  };
  std::vector<uint8_t> evict(o.cold ? size_t{256} << 20 : 0, 1);
  volatile uint64_t sink = 0;
  pass();  // warm-up
  double cpu = 0, wall = 0;
  for (int r = 0; r < o.repeats; ++r) {
    uint64_t sum = 0;
    for (size_t i = 0; i < evict.size(); i += 64) sum += evict[i];
    sink = sink + sum;
    const double cpu0 = process_cpu_seconds();
    const auto wall0 = std::chrono::steady_clock::now();
    pass();
    wall += std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
    cpu += process_cpu_seconds() - cpu0;
  }
  return {1e3 * cpu / o.repeats, 1e3 * wall / o.repeats};
}

int run(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--cold") {
      o.cold = true;
      continue;
    }
    if (i + 1 >= argc) return usage();
    if (a == "-m") o.model = argv[++i];
    else if (a == "-d") o.depths = parse_list(argv[++i]);
    else if (a == "-b") o.tokens = parse_list(argv[++i]);
    else if (a == "-t") o.threads = std::atoi(argv[++i]);
    else if (a == "-r") o.repeats = std::atoi(argv[++i]);
    else return usage();
  }
  if (o.model.empty() || o.threads < 1 || o.repeats < 1) return usage();
  auto file = GgufFile::open(o.model);
  if (!file.is_ok()) {
    std::fprintf(stderr, "%s\n", file.status().message().c_str());
    return 1;
  }
  auto config = read_model_config(**file);
  if (!config.is_ok()) {
    std::fprintf(stderr, "%s\n", config.status().message().c_str());
    return 1;
  }
  const ModelConfig& c = *config;
  std::printf("%s: %lld layers, %lld query heads, %lld KV heads, head_dim %lld; kernels %s, %d threads%s\n",
              o.model.c_str(), static_cast<long long>(c.n_layer), static_cast<long long>(c.n_head),
              static_cast<long long>(c.n_head_kv), static_cast<long long>(c.head_dim), active_kernels().name,
              o.threads, o.cold ? ", cache cold before each pass" : "");
  std::printf("| depth | tokens a pass | CPU ms a pass | wall ms a pass | CPU ms a token |\n| ---: | ---: | ---: | ---: | ---: |\n");
  for (int64_t depth : o.depths) {
    for (int64_t n : o.tokens) {
      if (depth < 0 || n < 1) return usage();
      const Timing t = time_passes(c, depth, n, o);
      std::printf("| %lld | %lld | %.3f | %.3f | %.3f |\n", static_cast<long long>(depth), static_cast<long long>(n),
                  t.cpu_ms, t.wall_ms, t.cpu_ms / static_cast<double>(n));
      std::fflush(stdout);
    }
  }
  return 0;
}

}  // namespace
}  // namespace textra::llm

int main(int argc, char** argv) { return textra::llm::run(argc, argv); }
