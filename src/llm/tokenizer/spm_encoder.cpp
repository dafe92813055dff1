#include "llm/tokenizer/spm_encoder.h"

#include <algorithm>
#include <cstdio>

namespace textra::llm {
namespace {

// Bytes of the UTF-8 character that starts with this byte (continuation bytes count as one character).
std::uint32_t utf8_length(unsigned char lead) {
  static constexpr std::uint8_t kLengths[16] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3, 4};
  return kLengths[lead >> 4];
}

// Max-heap order of llama.cpp's bigram queue: highest score first, then leftmost.
bool comes_later(const SpmScratch::Candidate& a, const SpmScratch::Candidate& b) {
  return a.score < b.score || (a.score == b.score && a.left > b.left);
}

}  // namespace

SpmEncoder::SpmEncoder(const Vocabulary& vocab, const TokenIndex& index) : vocab_(&vocab), index_(&index) {
  for (int b = 0; b < 256; ++b) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "<0x%02X>", b);
    TokenId id = index.find(hex);
    const char raw = static_cast<char>(b);
    if (id == kNoToken) id = index.find(std::string_view(&raw, 1));
    byte_tokens_[b] = id == kNoToken ? vocab.unk : id;
  }
}

void SpmEncoder::encode(std::string_view text, SpmScratch& s, std::vector<TokenId>& out) const {
  s.symbols.clear();
  for (std::uint32_t offset = 0; offset < text.size();) {
    const std::uint32_t length = std::min<std::uint32_t>(utf8_length(static_cast<unsigned char>(text[offset])),
                                                         static_cast<std::uint32_t>(text.size()) - offset);
    const auto index = static_cast<std::int32_t>(s.symbols.size());
    s.symbols.push_back({index - 1, index + 1, offset, length, kNoToken});
    offset += length;
  }
  if (s.symbols.empty()) return;
  s.symbols.back().next = -1;

  s.heap.clear();
  const auto push_pair = [&](std::int32_t left, std::int32_t right) {
    if (left < 0 || right < 0) return;
    const auto& l = s.symbols[left];
    const std::uint32_t length = l.length + s.symbols[right].length;
    const TokenId token = index_->find(text.substr(l.offset, length));
    if (token == kNoToken) return;
    const float score = vocab_->scores.empty() ? 0.0f : vocab_->scores[static_cast<std::size_t>(token)];
    s.heap.push_back({score, left, right, length, token});
    std::push_heap(s.heap.begin(), s.heap.end(), comes_later);
  };
  for (std::int32_t i = 1; i < static_cast<std::int32_t>(s.symbols.size()); ++i) push_pair(i - 1, i);
  while (!s.heap.empty()) {
    std::pop_heap(s.heap.begin(), s.heap.end(), comes_later);
    const SpmScratch::Candidate c = s.heap.back();
    s.heap.pop_back();
    auto& left = s.symbols[c.left];
    auto& right = s.symbols[c.right];
    if (left.length == 0 || right.length == 0 || left.length + right.length != c.length) continue;
    left.length += right.length;
    left.token = c.token;
    right.length = 0;
    left.next = right.next;
    if (right.next >= 0) s.symbols[right.next].prev = c.left;
    push_pair(left.prev, c.left);
    push_pair(c.left, left.next);
  }
  for (std::int32_t i = 0; i >= 0; i = s.symbols[i].next) {
    const auto& sym = s.symbols[i];
    if (sym.token != kNoToken) {
      out.push_back(sym.token);
      continue;
    }
    const std::string_view piece = text.substr(sym.offset, sym.length);
    if (TokenId id = index_->find(piece); id != kNoToken) {
      out.push_back(id);
      continue;
    }
    for (char byte : piece) {
      if (TokenId id = byte_tokens_[static_cast<unsigned char>(byte)]; id != kNoToken) out.push_back(id);
    }
  }
}

}  // namespace textra::llm
