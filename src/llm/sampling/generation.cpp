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
  for (int64_t i = 0; i < options.max_tokens; ++i) {
    if (options.should_stop && options.should_stop()) {
      result.stop = StopReason::kCancelled;
      break;
    }
    if (i > 0) {
      TEXTRA_RETURN_IF_ERROR(session.eval({&result.generated.back(), 1}));
      ++result.timings.gen_passes;
    }
    const float* logits = session.last_logits();
    if (options.constraint != nullptr) {
      constrained.assign(logits, logits + n_vocab);
      TEXTRA_RETURN_IF_ERROR(options.constraint->restrict_logits(constrained.data(), n_vocab, options.max_tokens - i));
      logits = constrained.data();
    }
    const int32_t id = sampler.sample(logits, n_vocab);
    sampler.accept(id);
    result.generated.push_back(id);
    if (options.is_end && options.is_end(id)) {
      result.stop = StopReason::kEndToken;
      break;
    }
    if (options.constraint != nullptr) TEXTRA_RETURN_IF_ERROR(options.constraint->accept(id));
    emit(stream.push(piece ? piece(id) : std::string()));
    if (stream.stopped()) {
      result.stop = StopReason::kStopString;
      break;
    }
  }
  emit(stream.finish());
  result.text = stream.text();
  result.timings.gen_ms = ms_since(gen_start);
  result.timings.gen_tokens = static_cast<int64_t>(result.generated.size());
  return result;
}

}  // namespace textra::llm
