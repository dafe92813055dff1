// Prompt-lookup drafts: guesses of the next tokens taken from tokens already seen. An extraction answer
// copies most of its values from the document, so the tokens that followed the answer's last few tokens
// where they occur in the document (or earlier in the answer) are a cheap guess of what comes next.
// generate() checks a guess in one forward pass and keeps only what greedy decoding confirms.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace textra::llm {

class PromptLookup {
 public:
  // The longest answer suffix looked up by default: longer suffixes rarely find a match in a document.
  static constexpr size_t kMaxNgram = 3;

  // source: the tokens drafts are copied from (an extraction's document); max_ngram: the longest answer
  // suffix looked up (at least 1).
  explicit PromptLookup(std::span<const int32_t> source, size_t max_ngram = kMaxNgram);

  // Records a chosen answer token.
  void push(int32_t token) { history_.push_back(token); }
  // Up to max_tokens tokens that followed the latest earlier occurrence of the answer's longest suffix of
  // 1..max_ngram tokens, in the source or the answer (a repeat runs on: LZ77-style copy); empty when none
  // occurs, the answer is empty, or drafting was turned off (record).
  std::vector<int32_t> propose(size_t max_tokens) const;

  // Records how many tokens of a draft greedy decoding confirmed. Once kProbePasses drafts were checked,
  // proposing goes on only while they confirmed kMinAcceptedPerPass tokens a pass on average: a pass with
  // a draft costs about twice a pass without (docs/llm-extraction.md), so below that drafts lose time.
  void record(size_t drafted, size_t accepted);
  static constexpr int64_t kProbePasses = 8;
  static constexpr int64_t kMinAcceptedPerPass = 1;

 private:
  std::vector<int32_t> history_;  // the source, then the answer
  size_t source_size_;
  size_t max_ngram_;
  int64_t passes_ = 0, accepted_ = 0;
  bool off_ = false;
};

}  // namespace textra::llm
