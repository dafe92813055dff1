#include "llm/tokenizer/bpe_encoder.h"

#include <algorithm>

#include "llm/tokenizer/unicode_classes.h"

namespace textra::llm {
namespace {

// Min-heap order of llama.cpp's bigram queue: lowest rank first, then leftmost.
bool comes_later(const BpeScratch::Candidate& a, const BpeScratch::Candidate& b) {
  return a.rank > b.rank || (a.rank == b.rank && a.left > b.left);
}

}  // namespace

Result<BpeEncoder> BpeEncoder::build(const Vocabulary& vocab, const TokenIndex& index, bool ignore_merges) {
  BpeEncoder enc;
  enc.index_ = &index;
  enc.ignore_merges_ = ignore_merges;
  enc.n_tokens_ = static_cast<std::int32_t>(vocab.size());
  std::unordered_map<std::string, SymbolId> extra_ids;
  const auto intern = [&](std::string_view text) -> SymbolId {
    if (TokenId id = index.find(text); id != kNoToken) return id;
    auto [it, inserted] = extra_ids.try_emplace(std::string(text), 0);
    if (inserted) {
      it->second = enc.n_tokens_ + static_cast<SymbolId>(enc.extra_symbols_.size());
      enc.extra_symbols_.emplace_back(text);
    }
    return it->second;
  };
  for (int b = 0; b < 256; ++b) enc.byte_symbols_[b] = intern(byte_to_symbol(static_cast<std::uint8_t>(b)));
  enc.merges_.reserve(vocab.merges.size());
  for (std::size_t rank = 0; rank < vocab.merges.size(); ++rank) {
    const std::string& merge = vocab.merges[rank];
    const std::size_t space = merge.find(' ', 1);
    if (space == std::string::npos) return corrupt("merge " + std::to_string(rank) + " has no space");
    const std::string_view left = std::string_view(merge).substr(0, space);
    const std::string_view right = std::string_view(merge).substr(space + 1);
    const SymbolId l = intern(left), r = intern(right);
    const SymbolId result = intern(std::string(left) + std::string(right));
    // A repeated pair keeps its first (best) rank, as llama.cpp's rank map does.
    enc.merges_.try_emplace(pair_key(l, r), Merge{static_cast<std::int32_t>(rank), result});
  }
  return enc;
}

void BpeEncoder::emit_symbol(SymbolId symbol, std::vector<TokenId>& out) const {
  if (symbol < n_tokens_) {
    out.push_back(symbol);
    return;
  }
  // A string that is no token: llama.cpp emits the tokens of its single bytes that exist.
  for (char byte : extra_symbols_[static_cast<std::size_t>(symbol - n_tokens_)]) {
    if (TokenId id = index_->find(std::string_view(&byte, 1)); id != kNoToken) out.push_back(id);
  }
}

void BpeEncoder::encode_word(std::string_view word, BpeScratch& s, std::vector<TokenId>& out) const {
  if (word.empty()) return;
  if (ignore_merges_) {
    s.encoded.clear();
    for (char c : word) s.encoded += byte_to_symbol(static_cast<std::uint8_t>(c));
    if (TokenId id = index_->find(s.encoded); id != kNoToken) {
      out.push_back(id);
      return;
    }
  }
  const auto n = static_cast<std::int32_t>(word.size());
  s.symbols.resize(static_cast<std::size_t>(n));
  for (std::int32_t i = 0; i < n; ++i) {
    s.symbols[i] = {byte_symbols_[static_cast<std::uint8_t>(word[i])], i - 1, i + 1 < n ? i + 1 : -1, true};
  }
  s.heap.clear();
  const auto push_pair = [&](std::int32_t left, std::int32_t right) {
    if (left < 0 || right < 0) return;
    const SymbolId ls = s.symbols[left].symbol, rs = s.symbols[right].symbol;
    auto it = merges_.find(pair_key(ls, rs));
    if (it == merges_.end()) return;
    s.heap.push_back({it->second.rank, left, right, ls, rs, it->second.result});
    std::push_heap(s.heap.begin(), s.heap.end(), comes_later);
  };
  for (std::int32_t i = 1; i < n; ++i) push_pair(i - 1, i);
  while (!s.heap.empty()) {
    std::pop_heap(s.heap.begin(), s.heap.end(), comes_later);
    const BpeScratch::Candidate c = s.heap.back();
    s.heap.pop_back();
    auto& left = s.symbols[c.left];
    auto& right = s.symbols[c.right];
    // Stale: one side was merged away or has grown since this pair was queued.
    if (!left.alive || !right.alive || left.next != c.right || left.symbol != c.left_symbol ||
        right.symbol != c.right_symbol) {
      continue;
    }
    left.symbol = c.result;
    right.alive = false;
    left.next = right.next;
    if (right.next >= 0) s.symbols[right.next].prev = c.left;
    push_pair(left.prev, c.left);
    push_pair(c.left, left.next);
  }
  for (std::int32_t i = 0; i >= 0; i = s.symbols[i].next) emit_symbol(s.symbols[i].symbol, out);
}

}  // namespace textra::llm
