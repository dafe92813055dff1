// `textra chat`: an interactive conversation on the terminal with a GGUF model, using the model's chat
// template. Each turn re-renders the whole conversation; the KV cache is kept for the part of the token
// sequence that did not change, so only the new turn is evaluated.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/llm_options.h"
#include "llm/chat/chat_template.h"

namespace textra::cli {
namespace {

struct ChatArgs {
  LlmRunOptions run;
  std::string system;
  int64_t n_predict = 512;
  llm::SamplingParams sampling;
};

size_t common_prefix(const std::vector<int32_t>& a, const std::vector<int32_t>& b) {
  size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

int run_chat(const ChatArgs& a) {
  auto llm = llm::load_model(a.run.model_path);
  if (!llm.is_ok()) return fail(llm.status());
  if (llm->tokenizer == nullptr) return fail(invalid_argument(a.run.model_path + ": no vocabulary, cannot chat"));
  auto family_or = llm->chat_family();
  if (!family_or.is_ok()) return fail(family_or.status());
  const llm::ChatFamily family = *family_or;
  std::fprintf(stderr, "chat template: %s; empty line or end of input to quit\n", llm::chat_family_name(family));
  llm::Session session(*llm->model, session_options(a.run));
  llm::Sampler sampler(a.sampling);
  llm::GenerationOptions options;
  options.max_tokens = a.n_predict;
  options.is_end = llm->end_of_generation();
  std::vector<llm::ChatMessage> messages;
  if (!a.system.empty()) messages.push_back({"system", a.system});
  std::vector<int32_t> cached;  // tokens whose keys and values are in the session's cache
  std::string line;
  while (std::fprintf(stderr, "> "), std::getline(std::cin, line) && !line.empty()) {
    messages.push_back({"user", line});
    const std::vector<int32_t> ids =
        llm->tokenizer->encode(llm::render_chat(family, messages), {.add_special = true, .parse_special = true});
    // Re-use the cache up to the first difference; at least one token must be evaluated for logits.
    size_t keep = common_prefix(cached, ids);
    if (keep == ids.size()) --keep;
    session.truncate(static_cast<int64_t>(keep));
    const std::vector<int32_t> fresh(ids.begin() + static_cast<std::ptrdiff_t>(keep), ids.end());
    auto result = llm::generate(session, sampler, fresh, options, llm->piece_fn(), [](std::string_view text) {
      std::fwrite(text.data(), 1, text.size(), stdout);
      std::fflush(stdout);
    });
    std::printf("\n");
    if (!result.is_ok()) return fail(result.status());
    cached = ids;
    if (!result->generated.empty()) {  // all but the last generated token have been evaluated
      cached.insert(cached.end(), result->generated.begin(), result->generated.end() - 1);
    }
    messages.push_back({"assistant", result->text});
    std::fprintf(stderr, "[%lld tokens, %.1f tokens/s]\n", static_cast<long long>(result->timings.gen_tokens),
                 result->timings.tg_tps());
  }
  return kExitOk;
}

const CommandRegistration kChat(310, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<ChatArgs>();
  CLI::App* cmd = app.add_subcommand("chat", "Talk with a GGUF model on the terminal (uses its chat template)");
  add_run_options(*cmd, args->run);
  cmd->add_option("--system", args->system, "System message");
  cmd->add_option("-n,--n-predict", args->n_predict, "Most tokens per reply")->capture_default_str();
  add_sampling_options(*cmd, args->sampling);
  return [args] { return run_chat(*args); };
});

}  // namespace
}  // namespace textra::cli
