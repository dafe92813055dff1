// `textra synth invoices -n N -o DIR [--seed S] [--image png|jpg|none] [--effects LIST] [--word-noise P]`:
// synthetic invoices with ground truth and labelled words, for training (docs/synth.md).
#include <cstdio>
#include <memory>

#include "cli/command.h"
#include "cli/progress.h"
#include "synth/synth.h"

namespace textra::cli {
namespace {

struct SynthArgs {
  int count = 0;
  int first = 0;
  std::string output;
  std::uint64_t seed = 1;
  std::string image = "png";
  std::string effects = "all";
  double word_noise = 0;
  std::string labels = "invoice";
  int threads = 0;
};

int run_synth_invoices(const SynthArgs& args) {
  auto effects = synth::parse_effects(args.effects);
  if (!effects.is_ok()) {
    std::fprintf(stderr, "textra synth invoices: %s\n", effects.status().message().c_str());
    return kExitUsage;
  }
  synth::SynthOptions options;
  options.seed = args.seed;
  options.image_format = args.image;
  options.effects = *effects;
  options.word_noise = args.word_noise;
  options.label_set = args.labels;
  ProgressBar bar(static_cast<std::size_t>(args.count), "invoices");
  int reported = 0;
  Status status = synth::generate_invoices(options, args.first, args.count, args.output, args.threads, [&](int done) {
    for (; reported < done; ++reported) bar.step(false);
  });
  if (!status.is_ok()) {
    std::fprintf(stderr, "textra synth invoices: %s\n", status.message().c_str());
    return status.code() == ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  return kExitOk;
}

const CommandRegistration kSynth(330, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<SynthArgs>();
  CLI::App* cmd = app.add_subcommand("synth", "Synthetic documents with ground truth, for training");
  cmd->require_subcommand(1);
  CLI::App* inv = cmd->add_subcommand("invoices", "Draw invoices: DIR/gt (ground truth), DIR/words (labelled words), DIR/img");
  inv->add_option("-n,--count", args->count, "Number of invoices")->required()->check(CLI::Range(1, 1000000));
  inv->add_option("-o,--output", args->output, "Output folder (created)")->required();
  inv->add_option("--seed", args->seed, "Seed: the same seed gives the same files")->capture_default_str();
  inv->add_option("--first", args->first, "Index of the first invoice (to extend a run)")->capture_default_str()->check(CLI::NonNegativeNumber);
  inv->add_option("--image", args->image, "Image format: png, jpg or none (words and ground truth only)")
      ->capture_default_str()->check(CLI::IsMember({"png", "jpg", "none"}));
  inv->add_option("--effects", args->effects, "Scan effects that may be applied: all, none, or a list of blur,noise,rotate,jpeg,lowres")
      ->capture_default_str();
  inv->add_option("--word-noise", args->word_noise, "Share of words in DIR/words given OCR-like errors (0..1)")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  inv->add_option("--labels", args->labels, "Label set whose names label the words")->capture_default_str();
  inv->add_option("-j,--threads", args->threads, "Threads (0 = all cores)")->check(CLI::NonNegativeNumber);
  return [args] { return run_synth_invoices(*args); };
});

}  // namespace
}  // namespace textra::cli
