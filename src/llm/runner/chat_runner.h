// A chat model ready to answer requests: the GGUF file with its tokenizer, the chat template family, and
// the grammar's view of the vocabulary (built on first constrained use). One shared runner serves
// concurrent requests: each run has its own Session (KV cache) and grammar matcher.
//
//   TEXTRA_ASSIGN_OR_RETURN(auto runner, ChatRunner::load("model.gguf"));
//   std::vector<int32_t> prompt = runner->encode(runner->render(messages));
//   RunOptions options{.max_tokens = 256, .grammar = grammar};        // grammar optional
//   TEXTRA_ASSIGN_OR_RETURN(auto result, runner->run(prompt, options, [](std::string_view text) {...}));
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "llm/chat/chat_template.h"
#include "llm/grammar/json_schema_grammar.h"
#include "llm/grammar/token_vocabulary.h"
#include "llm/runner/loaded_model.h"
#include "llm/runner/prompt_cache.h"
#include "llm/sampling/generation.h"
#include "llm/sampling/sampler.h"

namespace textra::llm {

struct RunOptions {
  SamplingParams sampling;
  int64_t max_tokens = 128;      // < 0: until the context is full
  int64_t n_ctx = 0;             // 0: the model's context length, at most 4096; never above the model's
  int n_threads = 0;             // 0: all cores
  std::vector<std::string> stop;
  // When set, the text is compact JSON valid against the grammar's schema: it ends complete within
  // max_tokens (an error if max_tokens is shorter than the schema's shortest answer).
  std::shared_ptr<const JsonGrammar> grammar;
  std::function<bool()> should_stop;  // checked before each token (client gone, deadline)
  // Leading prompt tokens that many requests share (an extraction's instructions and schema): their KV
  // cache comes from the prompt cache when it holds them, and goes there otherwise. 0: no caching.
  size_t cacheable_prefix = 0;
  // With a grammar: text the grammar fixes is appended in one batch instead of sampled token by token
  // (generation.h, tokenize_forced). Greedy answers may then differ from plain decoding (other token
  // boundaries) but stay valid. Needs a byte-level vocabulary; others decode plainly.
  bool jump_forward = false;
  // Prompt-lookup drafts of up to this many tokens, copied from the prompt after cacheable_prefix (the
  // document) and from the answer, checked in one forward pass (generation.h). Greedy sampling only; the
  // tokens are exactly the greedy ones. 0: off.
  int64_t draft_tokens = 0;
};

class ChatRunner {
 public:
  // Fails when the file has no vocabulary (a chat needs text in and out). The prompt cache serves runs
  // with a cacheable_prefix.
  static Result<std::unique_ptr<ChatRunner>> load(const std::string& path, PromptCacheOptions prompt_cache = {});

  const LoadedModel& loaded() const { return loaded_; }
  ChatFamily family() const { return family_; }
  // The context a run gets for n_ctx (see RunOptions::n_ctx).
  int64_t context_for(int64_t n_ctx) const;

  // The prompt text of a conversation, ending with the assistant header that starts the reply.
  std::string render(std::span<const ChatMessage> messages) const { return render_chat(family_, messages); }
  // Token ids of a prompt text: BOS as the vocabulary says, special-token texts parsed.
  std::vector<int32_t> encode(std::string_view text) const;
  // Token ids of plain text: no BOS, special-token texts left as text.
  std::vector<int32_t> encode_plain(std::string_view text) const;

  // The tokens a run may generate: max_tokens within the context left after the prompt. An error when the
  // prompt fills the context, or when a grammar's shortest answer cannot fit (check before streaming).
  Result<int64_t> token_budget(size_t prompt_tokens, const RunOptions& options) const;
  // Generates from the prompt; the text is streamed to on_text as it becomes safe to show.
  Result<GenerationResult> run(std::span<const int32_t> prompt, const RunOptions& options,
                               const TextSink& on_text = {}) const;

 private:
  ChatRunner() = default;
  Result<std::shared_ptr<const TokenVocabulary>> grammar_vocabulary() const;
  // Puts the first `n` prompt tokens into the session, from the prompt cache or evaluated (then cached);
  // counts them (cached or not) in the timings.
  // The canonical tokens of forced text, or none when they do not spell it exactly (e.g. a SentencePiece
  // vocabulary that adds a space in front).
  std::vector<int32_t> tokenize_forced(std::string_view text, const TokenVocabulary& vocabulary) const;
  Status start_from_cache(Session& session, std::span<const int32_t> prefix, GenerationTimings& timings) const;

  std::string path_;
  LoadedModel loaded_;
  ChatFamily family_ = ChatFamily::kChatMl;
  mutable std::mutex vocabulary_mutex_;
  mutable std::shared_ptr<const TokenVocabulary> vocabulary_;
  std::unique_ptr<PromptCache> prompt_cache_;
};

}  // namespace textra::llm
