// A set of token ids stored as a bitset over the vocabulary: what the grammar matcher allows next.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace textra::llm {

class TokenMask {
 public:
  TokenMask() = default;
  explicit TokenMask(size_t vocab_size) : size_(vocab_size), words_((vocab_size + 63) / 64, 0) {}

  size_t vocab_size() const { return size_; }
  bool test(int32_t id) const {
    return id >= 0 && static_cast<size_t>(id) < size_ && ((words_[id >> 6] >> (id & 63)) & 1) != 0;
  }
  void set(int32_t id) { words_[id >> 6] |= uint64_t{1} << (id & 63); }
  void reset(int32_t id) { words_[id >> 6] &= ~(uint64_t{1} << (id & 63)); }
  void clear() { std::fill(words_.begin(), words_.end(), 0); }
  // Removes every id that is in `other` (same vocabulary size).
  void remove_all(const TokenMask& other) {
    for (size_t i = 0; i < words_.size(); ++i) words_[i] &= ~other.words_[i];
  }
  size_t count() const {
    size_t n = 0;
    for (uint64_t w : words_) n += static_cast<size_t>(std::popcount(w));
    return n;
  }
  // The ids in the set, in increasing order.
  std::vector<int32_t> ids() const {
    std::vector<int32_t> out;
    for (size_t i = 0; i < words_.size(); ++i) {
      for (uint64_t w = words_[i]; w != 0; w &= w - 1) {
        out.push_back(static_cast<int32_t>(i * 64 + static_cast<size_t>(std::countr_zero(w))));
      }
    }
    return out;
  }
  const std::vector<uint64_t>& words() const { return words_; }

 private:
  size_t size_ = 0;
  std::vector<uint64_t> words_;
};

}  // namespace textra::llm
