#include "llm/grammar/token_vocabulary.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace textra::llm {
namespace {

// Length of the UTF-8 sequence a lead byte starts (0 for continuation or invalid bytes).
int utf8_sequence_length(uint8_t lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool ends_inside_utf8_sequence(const std::string& s) {
  size_t continuation = 0;
  while (continuation < s.size() && continuation < 3 &&
         (static_cast<uint8_t>(s[s.size() - 1 - continuation]) & 0xC0) == 0x80) {
    ++continuation;
  }
  if (continuation == s.size()) return false;
  int length = utf8_sequence_length(static_cast<uint8_t>(s[s.size() - 1 - continuation]));
  return length > 1 && static_cast<size_t>(length) > continuation + 1;
}

}  // namespace

bool TokenVocabulary::is_end_of_generation(int32_t id) const {
  return std::find(end_of_generation_.begin(), end_of_generation_.end(), id) != end_of_generation_.end();
}

Result<std::shared_ptr<const TokenVocabulary>> TokenVocabulary::build(std::vector<std::string> token_bytes,
                                                                      std::vector<int32_t> end_of_generation) {
  if (token_bytes.empty()) return invalid_argument("token vocabulary: no tokens");
  if (token_bytes.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return limit_exceeded("token vocabulary: too many tokens");
  }
  auto vocab = std::shared_ptr<TokenVocabulary>(new TokenVocabulary());
  for (int32_t id : end_of_generation) {
    if (id < 0 || static_cast<size_t>(id) >= token_bytes.size()) {
      return invalid_argument("token vocabulary: end-of-generation id " + std::to_string(id) +
                              " outside the vocabulary of " + std::to_string(token_bytes.size()) + " tokens");
    }
  }
  vocab->bytes_ = std::move(token_bytes);
  vocab->end_of_generation_ = std::move(end_of_generation);

  std::vector<int32_t> order;
  for (size_t id = 0; id < vocab->bytes_.size(); ++id) {
    const std::string& s = vocab->bytes_[id];
    if (s.empty() || vocab->is_end_of_generation(static_cast<int32_t>(id))) continue;
    if (s.size() > std::numeric_limits<uint16_t>::max()) {
      return limit_exceeded("token vocabulary: token " + std::to_string(id) + " is longer than 65535 bytes");
    }
    order.push_back(static_cast<int32_t>(id));
    vocab->max_token_length_ = std::max(vocab->max_token_length_, static_cast<uint32_t>(s.size()));
    if (s.size() == 1) vocab->single_byte_tokens_.set(static_cast<uint8_t>(s[0]));
    if (ends_inside_utf8_sequence(s)) vocab->ends_inside_utf8_ = true;
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](int32_t a, int32_t b) { return vocab->bytes_[a] < vocab->bytes_[b]; });

  // Sorted strings give the preorder directly: each string adds the nodes past its common prefix with the
  // previous one; a prefix sorts before its extensions, so a string's own node is the last one added.
  auto& nodes = vocab->nodes_;
  auto& begin = vocab->token_begin_;
  nodes.push_back({0, 0, 0});
  begin.push_back(0);
  const std::string* previous = nullptr;
  for (int32_t id : order) {
    const std::string& s = vocab->bytes_[id];
    if (previous == nullptr || s != *previous) {
      size_t common = 0;
      if (previous != nullptr) {
        while (common < s.size() && common < previous->size() && s[common] == (*previous)[common]) ++common;
      }
      for (size_t d = common + 1; d <= s.size(); ++d) {
        nodes.push_back({0, static_cast<uint16_t>(d), static_cast<uint8_t>(s[d - 1])});
        begin.push_back(static_cast<uint32_t>(vocab->token_ids_.size()));
      }
    }
    vocab->token_ids_.push_back(id);
    previous = &s;
  }
  begin.push_back(static_cast<uint32_t>(vocab->token_ids_.size()));

  // A subtree ends at the first later node that is not deeper.
  std::vector<uint32_t> open;
  for (uint32_t i = 0; i < nodes.size(); ++i) {
    while (!open.empty() && nodes[open.back()].depth >= nodes[i].depth) {
      nodes[open.back()].subtree_end = i;
      open.pop_back();
    }
    open.push_back(i);
  }
  for (uint32_t i : open) nodes[i].subtree_end = static_cast<uint32_t>(nodes.size());
  return std::shared_ptr<const TokenVocabulary>(std::move(vocab));
}

}  // namespace textra::llm
