#include "llm/runner/grammar_constraint.h"

#include <limits>

namespace textra::llm {

Status GrammarConstraint::restrict_logits(float* logits, int64_t n_vocab, int64_t tokens_left) {
  matcher_.allowed_tokens(mask_, tokens_left > 0 ? static_cast<size_t>(tokens_left) : 1);
  if (mask_.count() == 0) return internal_error("the grammar allows no token (a bug: please report the schema)");
  // Ids past the tokenizer's vocabulary (padding rows of the output matrix) are never allowed.
  constexpr float kForbidden = -std::numeric_limits<float>::infinity();
  for (int64_t id = 0; id < n_vocab; ++id) {
    if (!mask_.test(static_cast<int32_t>(id))) logits[id] = kForbidden;
  }
  return Status::ok();
}

bool GrammarConstraint::allows(int32_t token, int64_t tokens_left) {
  // The matcher caches the mask of its state: restrict_logits for the same choice finds it computed.
  matcher_.allowed_tokens(mask_, tokens_left > 0 ? static_cast<size_t>(tokens_left) : 1);
  return mask_.test(token);
}

}  // namespace textra::llm
