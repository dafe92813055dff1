// `textra bench-llm`: prompt-processing and generation speed of a GGUF model, like llama-bench.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/llm_options.h"
#include "llm/model/model.h"
#include "llm/model/throughput.h"

namespace textra::cli {
namespace {

struct BenchArgs {
  std::string model_path;
  int64_t n_prompt = 512;
  int64_t n_gen = 128;
  std::vector<int> threads = {1};
  int repetitions = 3;
  int64_t depth = 0;
  bool json = false;
};

int run_bench(const BenchArgs& a) {
  auto model = llm::Model::load(a.model_path);
  if (!model.is_ok()) return fail(model.status());
  const llm::ModelConfig& c = (*model)->config();
  const uint64_t model_bytes = (*model)->file_bytes();
  nlohmann::json rows = nlohmann::json::array();
  if (!a.json) {
    std::printf("| model | size MiB | threads | test | t/s | CPU ms/token |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
  }
  for (int t : a.threads) {
    llm::ThroughputOptions options{a.n_prompt, a.n_gen, a.repetitions, t};
    options.depth = a.depth;
    auto r = llm::measure_throughput(**model, options);
    if (!r.is_ok()) return fail(r.status());
    const std::string name = c.arch_name + " " + std::to_string(c.n_layer) + "L";
    const double mib = static_cast<double>(model_bytes) / (1 << 20);
    const std::string at_depth = a.depth > 0 ? " @ d" + std::to_string(a.depth) : "";
    if (!a.json) {
      if (a.n_prompt > 0) {
        std::printf("| %s | %.2f | %d | pp%lld%s | %.2f ± %.2f | %.2f |\n", name.c_str(), mib, t,
                    static_cast<long long>(a.n_prompt), at_depth.c_str(), r->pp.mean, r->pp.stddev, r->pp.cpu_ms_per_token);
      }
      if (a.n_gen > 0) {
        std::printf("| %s | %.2f | %d | tg%lld%s | %.2f ± %.2f | %.2f |\n", name.c_str(), mib, t,
                    static_cast<long long>(a.n_gen), at_depth.c_str(), r->tg.mean, r->tg.stddev, r->tg.cpu_ms_per_token);
      }
      std::fflush(stdout);
    }
    rows.push_back({{"model", a.model_path}, {"threads", t}, {"n_prompt", a.n_prompt}, {"n_gen", a.n_gen}, {"depth", a.depth},
                    {"pp_tps", r->pp.mean}, {"pp_tps_stddev", r->pp.stddev}, {"tg_tps", r->tg.mean},
                    {"tg_tps_stddev", r->tg.stddev}, {"pp_cpu_ms_per_token", r->pp.cpu_ms_per_token},
                    {"tg_cpu_ms_per_token", r->tg.cpu_ms_per_token}, {"model_bytes", model_bytes}, {"kv_bytes", r->kv_bytes},
                    {"rss_bytes", llm::peak_rss_bytes()}, {"kernels", llm::active_kernels().name}});
  }
  if (a.json) {
    std::printf("%s\n", rows.dump().c_str());
  } else {
    std::printf("model %.1f MiB mapped, KV cache %.1f MiB (%lld cells), peak RSS %.1f MiB, kernels %s\n",
                static_cast<double>(model_bytes) / (1 << 20), rows.back()["kv_bytes"].get<double>() / (1 << 20),
                static_cast<long long>(a.depth + a.n_prompt + a.n_gen), static_cast<double>(llm::peak_rss_bytes()) / (1 << 20),
                llm::active_kernels().name);
  }
  return kExitOk;
}

const CommandRegistration kBenchLlm(320, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<BenchArgs>();
  CLI::App* cmd = app.add_subcommand("bench-llm", "Measure prompt and generation speed of a GGUF model (like llama-bench)");
  cmd->add_option("-m,--model", args->model_path, "GGUF model file")->required()->check(CLI::ExistingFile);
  cmd->add_option("-p,--n-prompt", args->n_prompt, "Prompt tokens (pp test; 0 = skip)")->capture_default_str();
  cmd->add_option("-n,--n-gen", args->n_gen, "Generated tokens (tg test; 0 = skip)")->capture_default_str();
  cmd->add_option("-d,--depth", args->depth, "Context tokens filled before each test (speed at that context length)")
      ->capture_default_str()->check(CLI::Range(int64_t{0}, int64_t{1} << 20));
  cmd->add_option("-t,--threads", args->threads, "Thread counts, e.g. -t 1,2")->delimiter(',')->capture_default_str();
  cmd->add_option("-r,--repetitions", args->repetitions, "Timed runs per test (after one warm-up)")->capture_default_str();
  cmd->add_flag("--json", args->json, "Print a JSON array, one object per thread count");
  return [args] { return run_bench(*args); };
});

}  // namespace
}  // namespace textra::cli
