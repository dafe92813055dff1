// `textra generate`: run a GGUF model on a prompt and print the continuation (streamed), or one JSON
// object with --json.
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "cli/command.h"
#include "cli/llm_options.h"
#include "llm/sampling/generation.h"

namespace textra::cli {
namespace {

struct GenerateArgs {
  LlmRunOptions run;
  std::string prompt;
  std::string prompt_ids;
  int64_t n_predict = 128;
  llm::SamplingParams sampling;
  std::vector<std::string> stops;
  bool ignore_eos = false;
  bool json = false;
};

Result<std::vector<int32_t>> parse_ids(const std::string& text) {
  std::vector<int32_t> ids;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    try {
      size_t used = 0;
      const long v = std::stol(item, &used);
      if (used != item.size() || v < 0 || v > INT32_MAX) throw std::invalid_argument(item);
      ids.push_back(static_cast<int32_t>(v));
    } catch (const std::exception&) {
      return invalid_argument("--prompt-ids: '" + item + "' is not a token id");
    }
  }
  if (ids.empty()) return invalid_argument("--prompt-ids: no token ids");
  return ids;
}

// The prompt's token ids: --prompt-ids as given, or -p tokenised like llama.cpp (BOS as the vocabulary says,
// special-token texts parsed).
Result<std::vector<int32_t>> prompt_tokens(const GenerateArgs& a, const llm::LoadedModel& llm) {
  if (!a.prompt_ids.empty()) return parse_ids(a.prompt_ids);
  if (a.prompt.empty()) return invalid_argument("give the prompt with -p TEXT or --prompt-ids 1,2,3");
  if (llm.tokenizer == nullptr) return invalid_argument(a.run.model_path + ": no vocabulary; use --prompt-ids");
  std::vector<int32_t> ids = llm.tokenizer->encode(a.prompt, {.add_special = true, .parse_special = true});
  if (ids.empty()) return invalid_argument("the prompt is empty");
  return ids;
}

int run_generate(const GenerateArgs& a) {
  auto llm = llm::load_model(a.run.model_path);
  if (!llm.is_ok()) return fail(llm.status());
  auto ids = prompt_tokens(a, *llm);
  if (!ids.is_ok()) return fail(ids.status(), kExitUsage);
  llm::Session session(*llm->model, session_options(a.run));
  llm::Sampler sampler(a.sampling);
  llm::GenerationOptions options;
  options.max_tokens = a.n_predict;
  options.stop_strings = a.stops;
  if (!a.ignore_eos) options.is_end = llm->end_of_generation();
  const llm::TextSink print = [](std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  };
  auto result = llm::generate(session, sampler, *ids, options, llm->piece_fn(), a.json ? llm::TextSink{} : print);
  if (!result.is_ok()) return fail(result.status());
  if (!a.json) {
    std::printf("\n");
    return kExitOk;
  }
  const llm::GenerationTimings& t = result->timings;
  const nlohmann::json out = {
      {"prompt_ids", *ids},
      {"generated_ids", result->generated},
      // Tokens can end inside a UTF-8 sequence or be arbitrary bytes (--ignore-eos on a tiny model); JSON
      // holds only valid UTF-8, so invalid bytes become U+FFFD here. generated_ids has the exact tokens.
      {"text", utf8::sanitize(result->text)},
      {"timings", {{"prompt_ms", t.prompt_ms}, {"gen_ms", t.gen_ms}, {"pp_tps", t.pp_tps()}, {"tg_tps", t.tg_tps()}}},
  };
  std::printf("%s\n", out.dump().c_str());
  return kExitOk;
}

const CommandRegistration kGenerate(300, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<GenerateArgs>();
  CLI::App* cmd = app.add_subcommand("generate", "Continue a prompt with a GGUF model (llama, phi3, qwen2)");
  add_run_options(*cmd, args->run);
  auto* text = cmd->add_option("-p,--prompt", args->prompt, "Prompt text");
  auto* ids = cmd->add_option("--prompt-ids", args->prompt_ids, "Prompt as comma-separated token ids (e.g. 1,2,3)");
  text->excludes(ids);
  ids->excludes(text);
  cmd->add_option("-n,--n-predict", args->n_predict, "Tokens to generate")->capture_default_str();
  add_sampling_options(*cmd, args->sampling);
  cmd->add_option("--stop", args->stops, "Stop string (repeatable); the text ends before it");
  cmd->add_flag("--ignore-eos", args->ignore_eos, "Do not stop at end-of-generation tokens");
  cmd->add_flag("--json", args->json, "Print one JSON object: prompt_ids, generated_ids, text, timings");
  return [args] { return run_generate(*args); };
});

}  // namespace
}  // namespace textra::cli
