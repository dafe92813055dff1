// `textra model synth`: write a random-weight model at real dimensions for benchmarks.
#include <cstdio>

#include "cli/command_group.h"
#include "cli/llm_options.h"
#include "llm/model/synthetic_model.h"

namespace textra::cli {
namespace {

struct SynthArgs {
  std::string preset;
  std::string type = "q4_0";
  std::string vocab;
  std::string output;
  uint64_t seed = 12345;
};

int run_synth(const SynthArgs& a) {
  auto preset = llm::find_synth_preset(a.preset);
  if (!preset.is_ok()) return fail(preset.status(), kExitUsage);
  auto type = llm::parse_synth_file_type(a.type);
  if (!type.is_ok()) return fail(type.status(), kExitUsage);
  const llm::SynthOptions options{*preset, *type, a.vocab, a.seed};
  const Status written = llm::write_synthetic_model(options, a.output);
  if (!written.is_ok()) return fail(written);
  std::fprintf(stderr, "wrote %s (%s, %s)\n", a.output.c_str(), a.preset.c_str(), a.type.c_str());
  return kExitOk;
}

const CommandRegistration kModelSynth(510, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<SynthArgs>();
  auto make = [args](CLI::App& parent) {
    CLI::App* cmd = parent.add_subcommand("synth", "Write a random-weight model at real dimensions (for benchmarks)");
    cmd->add_option("--preset", args->preset, "llama-3.2-1b, llama-3.2-3b, llama-3-8b, phi-3-mini or qwen2.5-0.5b")
        ->required();
    cmd->add_option("--type", args->type, "q4_0, q8_0, q4_k_m or f16 (llama.cpp's default per-tensor mix)")
        ->capture_default_str();
    cmd->add_option("--vocab", args->vocab, "GGUF file whose tokenizer (tokenizer.*) is copied; default: synthetic")
        ->check(CLI::ExistingFile);
    cmd->add_option("--seed", args->seed, "Random seed")->capture_default_str();
    cmd->add_option("-o,--output", args->output, "Output .gguf file")->required();
    return cmd;
  };
  return add_grouped_command(app, "model", "Inspect or create GGUF model files", make, [args] { return run_synth(*args); });
});

}  // namespace
}  // namespace textra::cli
