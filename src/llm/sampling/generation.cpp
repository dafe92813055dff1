#include "llm/sampling/generation.h"

#include <chrono>

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
  const auto prompt_start = std::chrono::steady_clock::now();
  TEXTRA_RETURN_IF_ERROR(session.eval(prompt));
  result.timings.prompt_ms = ms_since(prompt_start);
  result.timings.prompt_tokens = static_cast<int64_t>(prompt.size());
  for (int32_t id : prompt) sampler.accept(id);

  TextStream stream(options.stop_strings);
  auto emit = [&](const std::string& text) {
    if (!text.empty() && on_text) on_text(text);
  };
  const auto gen_start = std::chrono::steady_clock::now();
  const int64_t n_vocab = session.config().n_vocab;
  std::vector<float> constrained;  // a copy of the logits the constraint edits
  std::vector<int32_t> pending;    // chosen tokens not yet evaluated: the last sampled one, then forced ones
  // Takes a chosen token; false when generation ends with it.
  auto take = [&](int32_t id) -> Result<bool> {
    sampler.accept(id);
    result.generated.push_back(id);
    if (options.is_end && options.is_end(id)) {
      result.stop = StopReason::kEndToken;
      return false;
    }
    if (options.constraint != nullptr) TEXTRA_RETURN_IF_ERROR(options.constraint->accept(id));
    emit(stream.push(piece ? piece(id) : std::string()));
    if (stream.stopped()) {
      result.stop = StopReason::kStopString;
      return false;
    }
    pending.push_back(id);
    return true;
  };
  const bool jump_forward = options.constraint != nullptr && options.tokenize_forced != nullptr;
  while (static_cast<int64_t>(result.generated.size()) < options.max_tokens) {
    if (options.should_stop && options.should_stop()) {
      result.stop = StopReason::kCancelled;
      break;
    }
    if (!pending.empty()) {
      TEXTRA_RETURN_IF_ERROR(session.eval(pending));
      ++result.timings.gen_passes;
      pending.clear();
    }
    const float* logits = session.last_logits();
    const int64_t tokens_left = options.max_tokens - static_cast<int64_t>(result.generated.size());
    if (options.constraint != nullptr) {
      constrained.assign(logits, logits + n_vocab);
      TEXTRA_RETURN_IF_ERROR(options.constraint->restrict_logits(constrained.data(), n_vocab, tokens_left));
      logits = constrained.data();
    }
    TEXTRA_ASSIGN_OR_RETURN(bool go_on, take(sampler.sample(logits, n_vocab)));
    if (!go_on) break;
    if (!jump_forward) continue;
    const std::string forced = options.constraint->forced_text();
    if (forced.empty()) continue;
    std::vector<int32_t> ids = options.tokenize_forced(forced);
    if (!ids.empty()) ids.pop_back();  // healing: the last one is sampled, free to merge with what follows
    for (int32_t id : ids) {
      if (static_cast<int64_t>(result.generated.size()) >= options.max_tokens) break;
      TEXTRA_ASSIGN_OR_RETURN(go_on, take(id));
      ++result.timings.forced_tokens;
      if (!go_on) break;
    }
    if (!go_on) break;
  }
  emit(stream.finish());
  result.text = stream.text();
  result.timings.gen_ms = ms_since(gen_start);
  result.timings.gen_tokens = static_cast<int64_t>(result.generated.size());
  return result;
}

}  // namespace textra::llm
