#include "llm/runner/chat_runner.h"

#include <algorithm>
#include <chrono>

#include "base/thread_pool.h"
#include "base/log.h"
#include "llm/grammar/tokenizer_vocabulary.h"
#include "llm/kernels/kernels.h"
#include "llm/runner/prompt_cache_file.h"
#include "llm/runner/grammar_constraint.h"

namespace textra::llm {
namespace {
constexpr int64_t kDefaultContext = 4096;
}  // namespace

Result<std::unique_ptr<ChatRunner>> ChatRunner::load(const std::string& path, PromptCacheOptions prompt_cache) {
  auto runner = std::unique_ptr<ChatRunner>(new ChatRunner());
  runner->path_ = path;
  TEXTRA_ASSIGN_OR_RETURN(runner->loaded_, load_model(path));
  if (runner->loaded_.tokenizer == nullptr) return unsupported(path + ": no vocabulary in the file, cannot chat");
  TEXTRA_ASSIGN_OR_RETURN(runner->family_, runner->loaded_.chat_family());
  // The KV values depend on the file and on the kernels that computed them (AVX2 and AVX-512 round alike
  // but are not promised to).
  const std::string kernels = active_kernels().name;
  const uint64_t model_hash = content_hash(kernels, model_file_hash(path, runner->loaded_.file->bytes()));
  runner->prompt_cache_ = std::make_unique<PromptCache>(model_hash, std::move(prompt_cache));
  return runner;
}

int64_t ChatRunner::context_for(int64_t n_ctx) const {
  const int64_t trained = loaded_.model->config().context_length;
  if (n_ctx <= 0) n_ctx = trained > 0 ? std::min(trained, kDefaultContext) : kDefaultContext;
  return trained > 0 ? std::min(n_ctx, trained) : n_ctx;
}

std::vector<int32_t> ChatRunner::encode(std::string_view text) const {
  std::vector<TokenId> ids = loaded_.tokenizer->encode(text, {.add_special = true, .parse_special = true});
  return {ids.begin(), ids.end()};
}

std::vector<int32_t> ChatRunner::encode_plain(std::string_view text) const {
  std::vector<TokenId> ids = loaded_.tokenizer->encode(text, {.add_special = false, .parse_special = false});
  return {ids.begin(), ids.end()};
}

Result<std::shared_ptr<const TokenVocabulary>> ChatRunner::grammar_vocabulary() const {
  std::lock_guard<std::mutex> lock(vocabulary_mutex_);
  if (vocabulary_ == nullptr) {
    TEXTRA_ASSIGN_OR_RETURN(vocabulary_, token_vocabulary_from_tokenizer(*loaded_.tokenizer));
    if (vocabulary_->end_of_generation().empty()) {
      vocabulary_.reset();
      return unsupported(path_ + ": the vocabulary has no end-of-generation token");
    }
  }
  return vocabulary_;
}

Result<int64_t> ChatRunner::token_budget(size_t prompt_tokens, const RunOptions& options) const {
  if (prompt_tokens == 0) return invalid_argument("the prompt is empty");
  const int64_t n_ctx = context_for(options.n_ctx);
  const int64_t room = n_ctx - static_cast<int64_t>(prompt_tokens);
  if (room <= 0) {
    return limit_exceeded("the prompt (" + std::to_string(prompt_tokens) + " tokens) leaves no room for an answer in a "
                          "context of " + std::to_string(n_ctx) + " tokens");
  }
  const int64_t budget = options.max_tokens < 0 ? room : std::min(options.max_tokens, room);
  if (options.grammar == nullptr) return budget;
  // The grammar guarantees a complete answer when the budget covers its shortest text byte by byte.
  const int64_t shortest = options.grammar->node(options.grammar->root()).min_bytes;
  if (budget > shortest) return budget;
  if (options.max_tokens >= 0 && options.max_tokens <= shortest) {
    return invalid_argument("an answer budget of " + std::to_string(options.max_tokens) +
                            " tokens is too small for this schema: its shortest valid answer takes " +
                            std::to_string(shortest));
  }
  return limit_exceeded("the prompt (" + std::to_string(prompt_tokens) + " tokens) leaves no room for the schema's "
                        "answer in a context of " + std::to_string(n_ctx) + " tokens");
}

std::vector<int32_t> ChatRunner::tokenize_forced(std::string_view text, const TokenVocabulary& vocabulary) const {
  std::vector<int32_t> ids = encode_plain(text);
  std::string spelled;
  for (int32_t id : ids) {
    if (id < 0 || static_cast<size_t>(id) >= vocabulary.size()) return {};
    spelled += vocabulary.bytes(id);
  }
  if (spelled != text) return {};
  return ids;
}

Status ChatRunner::start_from_cache(Session& session, std::span<const int32_t> prefix,
                                    GenerationTimings& timings) const {
  const auto start = std::chrono::steady_clock::now();
  const int64_t n = static_cast<int64_t>(prefix.size());
  auto cached = prompt_cache_->find(prefix, session.n_ctx());
  Status restored = cached != nullptr ? session.restore(*cached, n) : Status::ok();
  if (cached != nullptr && restored.is_ok()) {
    timings.cached_tokens = n;
  } else {
    if (!restored.is_ok()) LOG_WARN("prompt cache: " << restored.message() << "; the prefix is evaluated again");
    TEXTRA_RETURN_IF_ERROR(session.eval(prefix));
    prompt_cache_->store(prefix, session.n_ctx(), std::make_shared<const KvSnapshot>(session.snapshot(n)));
  }
  timings.prompt_tokens = n;
  timings.prompt_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return Status::ok();
}

Result<GenerationResult> ChatRunner::run(std::span<const int32_t> prompt, const RunOptions& options,
                                         const TextSink& on_text) const {
  GenerationOptions generation;
  TEXTRA_ASSIGN_OR_RETURN(generation.max_tokens, token_budget(prompt.size(), options));
  generation.is_end = loaded_.end_of_generation();
  generation.stop_strings = options.stop;
  generation.should_stop = options.should_stop;

  std::unique_ptr<GrammarConstraint> constraint;
  if (options.grammar != nullptr) {
    TEXTRA_ASSIGN_OR_RETURN(auto vocabulary, grammar_vocabulary());
    TEXTRA_ASSIGN_OR_RETURN(GrammarMatcher matcher, GrammarMatcher::create(options.grammar, vocabulary));
    constraint = std::make_unique<GrammarConstraint>(std::move(matcher));
    generation.constraint = constraint.get();
    if (options.jump_forward) {
      generation.tokenize_forced = [this, vocabulary](std::string_view text) {
        return tokenize_forced(text, *vocabulary);
      };
    }
  }

  generation.draft_tokens = options.draft_tokens;
  generation.draft_source = prompt.subspan(std::min(options.cacheable_prefix, prompt.size()));

  const int threads = options.n_threads > 0 ? options.n_threads : static_cast<int>(default_thread_count());
  Session session(*loaded_.model, {.n_ctx = context_for(options.n_ctx), .n_threads = threads});
  Sampler sampler(options.sampling);
  GenerationTimings prefix_timings;
  // The last prompt token is always evaluated: its logits choose the first answer token.
  const size_t prefix = prompt_cache_->enabled() ? std::min(options.cacheable_prefix, prompt.size() - 1) : 0;
  if (prefix > 0) {
    TEXTRA_RETURN_IF_ERROR(start_from_cache(session, prompt.first(prefix), prefix_timings));
    for (int32_t id : prompt.first(prefix)) sampler.accept(id);
  }
  TEXTRA_ASSIGN_OR_RETURN(GenerationResult result,
                          generate(session, sampler, prompt.subspan(prefix), generation, loaded_.piece_fn(), on_text));
  result.timings.prompt_ms += prefix_timings.prompt_ms;
  result.timings.prompt_tokens += prefix_timings.prompt_tokens;
  result.timings.cached_tokens = prefix_timings.cached_tokens;
  if (constraint != nullptr && result.stop != StopReason::kCancelled && result.stop != StopReason::kStopString &&
      !constraint->matcher().is_complete()) {
    return internal_error("the constrained answer ended incomplete: " + constraint->matcher().output());
  }
  return result;
}

}  // namespace textra::llm
