#include "llm/sampling/generation.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "llm/sampling/prompt_lookup.h"
#include "llm/sampling/text_stream.h"

namespace textra::llm {
namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<GenerationResult> generate(Session& session, Sampler& sampler, std::span<const int32_t> prompt,
                                  const GenerationOptions& options, const TokenPieceFn& piece,
                                  const TextSink& on_text) {
  GenerationResult result;
  GenerationTimings& timings = result.timings;
  const auto prompt_start = std::chrono::steady_clock::now();
  TEXTRA_RETURN_IF_ERROR(session.eval(prompt));
  timings.prompt_ms = ms_since(prompt_start);
  timings.prompt_tokens = static_cast<int64_t>(prompt.size());
  for (int32_t id : prompt) sampler.accept(id);

  TextStream stream(options.stop_strings);
  auto emit = [&](const std::string& text) {
    if (!text.empty() && on_text) on_text(text);
  };
  const auto gen_start = std::chrono::steady_clock::now();
  const int64_t n_vocab = session.config().n_vocab;
  auto tokens_left = [&] { return options.max_tokens - static_cast<int64_t>(result.generated.size()); };
  std::vector<float> constrained;  // a copy of the logits the constraint edits
  auto choose = [&](const float* logits) -> Result<int32_t> {
    if (options.constraint != nullptr) {
      constrained.assign(logits, logits + n_vocab);
      TEXTRA_RETURN_IF_ERROR(options.constraint->restrict_logits(constrained.data(), n_vocab, tokens_left()));
      logits = constrained.data();
    }
    return sampler.sample(logits, n_vocab);
  };
  std::optional<PromptLookup> lookup;
  if (options.draft_tokens > 0 && sampler.greedy()) lookup.emplace(options.draft_source);
  // Takes a chosen token; false when generation ends with it.
  auto take = [&](int32_t id) -> Result<bool> {
    sampler.accept(id);
    result.generated.push_back(id);
    if (options.is_end && options.is_end(id)) {
      result.stop = StopReason::kEndToken;
      return false;
    }
    if (options.constraint != nullptr) TEXTRA_RETURN_IF_ERROR(options.constraint->accept(id));
    if (lookup) lookup->push(id);
    emit(stream.push(piece ? piece(id) : std::string()));
    if (stream.stopped()) {
      result.stop = StopReason::kStopString;
      return false;
    }
    return true;
  };
  const bool jump_forward = options.constraint != nullptr && options.tokenize_forced != nullptr;
  std::vector<int32_t> pending;  // chosen tokens not yet evaluated: the last sampled one, then forced ones
  std::vector<int32_t> draft;    // tokens evaluated after `pending` on trust, dropped unless confirmed
  int64_t row = 0;               // the logits row of the session that chooses the next token
  std::string forced;
  bool evaluated = false;        // the last chosen token is a confirmed draft token, in the session already
  while (tokens_left() > 0) {
    if (options.should_stop && options.should_stop()) {
      result.stop = StopReason::kCancelled;
      break;
    }
    draft.clear();
    if (!pending.empty()) {
      if (lookup) draft = lookup->propose(static_cast<size_t>(std::min(options.draft_tokens, tokens_left())));
      if (!draft.empty() && options.constraint != nullptr && !options.constraint->allows(draft[0], tokens_left())) {
        draft.clear();
      }
      const int64_t last_pending = static_cast<int64_t>(pending.size()) - 1;
      pending.insert(pending.end(), draft.begin(), draft.end());
      TEXTRA_RETURN_IF_ERROR(session.eval(pending, !draft.empty()));
      ++timings.gen_passes;
      row = draft.empty() ? 0 : last_pending;
      pending.clear();
    }
    // Each draft token that is the greedy choice is kept (its KV is already in the session); the first other
    // choice ends the pass, so a pass yields at least one token. The constraint and the sampler see exactly
    // the tokens chosen so far, as in plain decoding; the session forgets the unconfirmed draft tokens.
    size_t confirmed = 0;
    bool go_on = true;
    int32_t id = 0;
    forced.clear();
    while (true) {
      TEXTRA_ASSIGN_OR_RETURN(id, choose(session.logits(row)));
      evaluated = confirmed < draft.size() && id == draft[confirmed];
      if (evaluated) {
        ++confirmed;
        ++row;
      }
      TEXTRA_ASSIGN_OR_RETURN(go_on, take(id));
      if (!evaluated || !go_on || tokens_left() <= 0) break;
      if (jump_forward && !(forced = options.constraint->forced_text()).empty()) break;
    }
    if (!draft.empty()) {
      session.truncate(session.n_past() - static_cast<int64_t>(draft.size() - confirmed));
      timings.drafted_tokens += static_cast<int64_t>(draft.size());
      timings.accepted_tokens += static_cast<int64_t>(confirmed);
      lookup->record(draft.size(), confirmed);
    }
    if (!go_on) break;
    if (!evaluated) pending.push_back(id);
    if (!jump_forward) continue;
    if (forced.empty()) forced = options.constraint->forced_text();
    if (forced.empty()) continue;
    std::vector<int32_t> ids = options.tokenize_forced(forced);
    if (!ids.empty()) ids.pop_back();  // healing: the last one is sampled, free to merge with what follows
    for (int32_t forced_id : ids) {
      if (tokens_left() <= 0) break;
      evaluated = false;
      TEXTRA_ASSIGN_OR_RETURN(go_on, take(forced_id));
      ++timings.forced_tokens;
      if (!go_on) break;
      pending.push_back(forced_id);
    }
    if (!go_on) break;
  }
  // As without drafts, the last token stays out of the session: a caller that goes on evaluates it.
  if (evaluated) session.truncate(session.n_past() - 1);
  emit(stream.finish());
  result.text = stream.text();
  timings.gen_ms = ms_since(gen_start);
  timings.gen_tokens = static_cast<int64_t>(result.generated.size());
  return result;
}

}  // namespace textra::llm
