// A JSON grammar as a generation constraint: tokens that would leave the output outside the schema's
// language (or unable to finish within the tokens left) get -infinity before sampling.
#pragma once

#include "llm/grammar/grammar_matcher.h"
#include "llm/sampling/generation.h"

namespace textra::llm {

class GrammarConstraint : public TokenConstraint {
 public:
  explicit GrammarConstraint(GrammarMatcher matcher) : matcher_(std::move(matcher)) {}

  Status restrict_logits(float* logits, int64_t n_vocab, int64_t tokens_left) override;
  Status accept(int32_t token) override { return matcher_.accept_token(token); }
  bool allows(int32_t token, int64_t tokens_left) override;
  // Up to 256 bytes at a time: a schema's longest fixed run (a key between two values) is shorter.
  std::string forced_text() override { return matcher_.forced_bytes(256); }

  const GrammarMatcher& matcher() const { return matcher_; }

 private:
  GrammarMatcher matcher_;
  TokenMask mask_;
};

}  // namespace textra::llm
