// The embedded backend: a GGUF model run by our engine (llm/runner), its answer constrained token by token by
// the grammar of the schema (llm/grammar), so it always parses and matches the schema, and always ends within
// the token budget (the grammar forces the shortest completion when the budget runs short).
#include <map>
#include <mutex>

#include "extract/llm_backend.h"
#include "llm/runner/chat_runner.h"

namespace textra::extract {
namespace {

class EmbeddedBackend : public LlmBackend {
 public:
  EmbeddedBackend(std::string path, std::unique_ptr<llm::ChatRunner> runner, const EmbeddedOptions& options)
      : path_(std::move(path)), runner_(std::move(runner)), options_(options) {
    // The context actually used: what the caller asked for, within what the model was trained on.
    options_.n_ctx = runner_->context_for(options_.n_ctx);
  }

  Result<LlmAnswer> complete(const LlmRequest& request) const override {
    llm::RunOptions run;
    TEXTRA_ASSIGN_OR_RETURN(run.grammar, grammar_for(request.json_schema));
    run.sampling.temperature = 0;  // greedy: the same document gives the same answer
    run.sampling.repeat_penalty = 1;
    run.max_tokens = request.max_tokens;
    run.n_ctx = options_.n_ctx;
    run.n_threads = options_.threads;
    run.jump_forward = options_.jump_forward;
    run.draft_tokens = options_.draft_tokens;
    const std::string rendered = runner_->render(request.messages);
    std::vector<int32_t> prompt = runner_->encode(rendered);
    run.cacheable_prefix = fixed_prefix_tokens(request, rendered, prompt);
    // One answer at a time: each run already uses the threads it is given, so runs side by side on the same
    // cores only slow each other down, and a request that waits here finds the prefix the first one cached
    // (two workers of a CLI batch or the server would otherwise both compute it).
    std::unique_lock<std::mutex> one_at_a_time(run_mutex_);
    auto result = runner_->run(prompt, run);
    one_at_a_time.unlock();
    if (!result) {
      if (result.status().code() != ErrorCode::kInvalidArgument) return result.status();
      return invalid_argument(result.status().message() + " (raise --max-tokens)");
    }
    LlmAnswer answer;
    answer.text = result->text;
    answer.prompt_tokens = result->timings.prompt_tokens;
    answer.generated_tokens = result->timings.gen_tokens;
    answer.cached_tokens = result->timings.cached_tokens;
    answer.forced_tokens = result->timings.forced_tokens;
    answer.drafted_tokens = result->timings.drafted_tokens;
    answer.accepted_tokens = result->timings.accepted_tokens;
    answer.generation_passes = result->timings.gen_passes;
    answer.prompt_ms = result->timings.prompt_ms;
    answer.generation_ms = result->timings.gen_ms;
    return answer;
  }

  std::string name() const override { return "embedded"; }
  std::string model() const override { return path_; }
  std::size_t document_char_budget(const LlmRequest& request) const override {
    // Tokens left for the document once the instructions and the answer (max_tokens) are in; ~3 characters
    // a token is conservative for French and English text in these vocabularies.
    std::int64_t used = static_cast<std::int64_t>(runner_->encode(runner_->render(request.messages)).size()) +
                        request.max_tokens;
    std::int64_t left = options_.n_ctx - used;
    return left > 0 ? static_cast<std::size_t>(left) * 3 : 1;
  }

 private:
  // The prompt's tokens before the last message's content (the document): the instructions and the schema,
  // the same for every document of a schema and language. Counted on the tokens of that text alone, and
  // only as far as they equal the prompt's (a token may merge across the boundary).
  std::size_t fixed_prefix_tokens(const LlmRequest& request, const std::string& rendered,
                                  const std::vector<int32_t>& prompt) const {
    if (request.messages.empty() || request.messages.back().content.empty()) return 0;
    const std::size_t at = rendered.rfind(request.messages.back().content);
    if (at == std::string::npos) return 0;
    const std::vector<int32_t> fixed = runner_->encode(std::string_view(rendered).substr(0, at));
    std::size_t n = 0;
    while (n < fixed.size() && n < prompt.size() && fixed[n] == prompt[n]) ++n;
    return n;
  }

  Result<std::shared_ptr<const llm::JsonGrammar>> grammar_for(const fields::Json& schema) const {
    std::string key = schema.dump();
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = grammars_.find(key);
    if (it != grammars_.end()) return it->second;
    TEXTRA_ASSIGN_OR_RETURN(llm::JsonGrammar grammar, llm::JsonGrammar::compile(schema));
    auto shared = std::make_shared<const llm::JsonGrammar>(std::move(grammar));
    grammars_.emplace(key, shared);
    return shared;
  }

  std::string path_;
  std::unique_ptr<llm::ChatRunner> runner_;
  EmbeddedOptions options_;
  mutable std::mutex mutex_;  // guards grammars_
  mutable std::map<std::string, std::shared_ptr<const llm::JsonGrammar>> grammars_;
  mutable std::mutex run_mutex_;
};

}  // namespace

Result<std::unique_ptr<LlmBackend>> make_embedded_backend(const std::string& gguf_path, const EmbeddedOptions& options) {
  llm::PromptCacheOptions cache;
  cache.enabled = options.prompt_cache;
  cache.dir = options.prompt_cache_dir.empty() ? llm::default_prompt_cache_dir() : options.prompt_cache_dir;
  TEXTRA_ASSIGN_OR_RETURN(auto runner, llm::ChatRunner::load(gguf_path, std::move(cache)));
  return std::unique_ptr<LlmBackend>(std::make_unique<EmbeddedBackend>(gguf_path, std::move(runner), options));
}

}  // namespace textra::extract
