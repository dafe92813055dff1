// The generation loop: evaluate a prompt (batched), then sample and evaluate one token at a time until
// the token budget, an end-of-generation token or a stop string; text is streamed as it becomes safe to
// show (see text_stream.h).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "llm/model/model.h"
#include "llm/sampling/sampler.h"

namespace textra::llm {

// Restricts which tokens may come next, e.g. a JSON grammar (llm/runner/grammar_constraint.h). Sampling
// only sees the logits it leaves finite.
class TokenConstraint {
 public:
  virtual ~TokenConstraint() = default;
  // Sets the logits of forbidden tokens to -infinity. tokens_left counts the token about to be chosen, so a
  // constraint can force its end within the budget.
  virtual Status restrict_logits(float* logits, int64_t n_vocab, int64_t tokens_left) = 0;
  // The chosen token (never an end-of-generation token: generation stops before).
  virtual Status accept(int32_t token) = 0;
  // Whether `token` may come next: a draft whose first token may not is never evaluated.
  virtual bool allows(int32_t /*token*/, int64_t /*tokens_left*/) { return true; }
  // Text that must come next whatever the model prefers (jump-forward appends it without sampling); "" when
  // the next choice is free.
  virtual std::string forced_text() { return ""; }
};

struct GenerationOptions {
  int64_t max_tokens = 128;
  std::function<bool(int32_t)> is_end;     // EOS / EOT: generation ends, their text is not shown
  std::vector<std::string> stop_strings;   // generation ends, the text stops before them
  TokenConstraint* constraint = nullptr;   // optional, not owned
  std::function<bool()> should_stop;       // checked before each token (client gone, deadline)
  // Jump-forward: when set (with a constraint), the constraint's forced text is tokenized with it and
  // appended in one batch, but for its last token, which could merge with the free text after it and is
  // left to sampling (token healing).
  std::function<std::vector<int32_t>(std::string_view)> tokenize_forced;
  // Prompt-lookup drafts (prompt_lookup.h), greedy sampling only: up to draft_tokens tokens that followed the
  // answer's last tokens in draft_source (or earlier in the answer) are evaluated in the same forward pass
  // as the last chosen token; those greedy decoding confirms are kept, so the tokens are exactly the
  // greedy ones. A draft whose first token the constraint forbids is dropped; drafts stop for the rest of
  // an answer when few are accepted (PromptLookup::record). 0: off.
  int64_t draft_tokens = 0;
  std::span<const int32_t> draft_source;  // must outlive generate()
};

// Times and token counts of a run (the `stats` of an extraction result, docs/llm-extraction.md).
struct GenerationTimings {
  double prompt_ms = 0;
  double gen_ms = 0;
  int64_t prompt_tokens = 0;    // the whole prompt, cached tokens included
  int64_t cached_tokens = 0;    // leading prompt tokens restored from the prompt cache, not evaluated
  int64_t gen_tokens = 0;       // every answer token, forced and accepted ones included
  int64_t forced_tokens = 0;    // answer tokens the grammar fixed, appended without sampling (jump-forward)
  int64_t drafted_tokens = 0;   // tokens proposed by prompt-lookup drafts
  int64_t accepted_tokens = 0;  // drafted tokens that greedy decoding confirmed
  int64_t gen_passes = 0;       // forward passes (Session::eval calls) of the generation
  double pp_tps() const { return prompt_ms > 0 ? prompt_tokens * 1000.0 / prompt_ms : 0; }
  double tg_tps() const { return gen_ms > 0 ? gen_tokens * 1000.0 / gen_ms : 0; }
};

enum class StopReason { kLength, kEndToken, kStopString, kCancelled };

struct GenerationResult {
  std::vector<int32_t> generated;  // every sampled token, an end token included
  std::string text;
  StopReason stop = StopReason::kLength;
  GenerationTimings timings;
  // All generated tokens but the last have been evaluated into the session's KV cache, drafts or not
  // (with jump-forward, the last sampled one and the forced ones after it may not be); a caller that
  // continues the conversation evaluates those first.
};

using TokenPieceFn = std::function<std::string(int32_t)>;  // a token's bytes ("" without a vocabulary)
using TextSink = std::function<void(std::string_view)>;   // receives streamed text

Result<GenerationResult> generate(Session& session, Sampler& sampler, std::span<const int32_t> prompt,
                                  const GenerationOptions& options, const TokenPieceFn& piece,
                                  const TextSink& on_text = {});

}  // namespace textra::llm
