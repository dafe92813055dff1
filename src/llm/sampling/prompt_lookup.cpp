#include "llm/sampling/prompt_lookup.h"

#include <algorithm>

namespace textra::llm {

PromptLookup::PromptLookup(std::span<const int32_t> source, size_t max_ngram)
    : history_(source.begin(), source.end()), source_size_(source.size()), max_ngram_(std::max<size_t>(1, max_ngram)) {}

std::vector<int32_t> PromptLookup::propose(size_t max_tokens) const {
  const size_t end = history_.size();
  const size_t answer = end - source_size_;
  if (off_ || max_tokens == 0 || answer == 0) return {};
  // Longest suffix first; the suffix itself (ending at `end`) is not a match, so occurrences end before it.
  for (size_t n = std::min(max_ngram_, answer); n >= 1; --n) {
    const auto suffix = history_.end() - static_cast<std::ptrdiff_t>(n);
    for (size_t stop = end - 1; stop >= n; --stop) {  // an occurrence at [stop - n, stop)
      if (!std::equal(suffix, history_.end(), history_.begin() + static_cast<std::ptrdiff_t>(stop - n))) continue;
      // Copied as LZ77 copies: past the end of the history the draft continues from itself, so a repeat
      // `a b a b` (an occurrence 2 tokens back) drafts `a b a b ...`, not just `a b`.
      std::vector<int32_t> draft;
      for (size_t at = stop; draft.size() < max_tokens; ++at) draft.push_back(at < end ? history_[at] : draft[at - end]);
      return draft;
    }
  }
  return {};
}

void PromptLookup::record(size_t drafted, size_t accepted) {
  if (drafted == 0) return;
  ++passes_;
  accepted_ += static_cast<int64_t>(accepted);
  if (passes_ >= kProbePasses && accepted_ < passes_ * kMinAcceptedPerPass) off_ = true;
}

}  // namespace textra::llm
