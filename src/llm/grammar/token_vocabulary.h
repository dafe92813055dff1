// The vocabulary as the grammar sees it: the byte string of every token, the end-of-generation ids, and a
// byte trie over all tokens laid out in preorder so that a subtree is a contiguous range of nodes. Walking
// that array against a parser state and skipping the subtree of every rejected byte is how the matcher
// computes a mask without looking at each of the 128k tokens separately.
#pragma once

#include <bitset>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"

namespace textra::llm {

class TokenVocabulary {
 public:
  struct TrieNode {
    uint32_t subtree_end;  // index of the first node after this node's subtree
    uint16_t depth;        // number of bytes from the root (root: 0)
    uint8_t byte;          // the byte on the edge from the parent (root: 0)
  };

  // token_bytes[id] is what token id decodes to. Tokens with an empty byte string (control tokens such as
  // <|begin_of_text|>) are never allowed by a grammar; end-of-generation ids are allowed only once the JSON
  // is complete, whatever their byte strings.
  static Result<std::shared_ptr<const TokenVocabulary>> build(std::vector<std::string> token_bytes,
                                                              std::vector<int32_t> end_of_generation);

  size_t size() const { return bytes_.size(); }
  const std::string& bytes(int32_t id) const { return bytes_[static_cast<size_t>(id)]; }
  const std::vector<int32_t>& end_of_generation() const { return end_of_generation_; }
  bool is_end_of_generation(int32_t id) const;

  // Preorder trie; node 0 is the root (empty prefix).
  const std::vector<TrieNode>& nodes() const { return nodes_; }
  // Token ids whose byte string is exactly the path to `node` (several ids may share one string).
  std::span<const int32_t> tokens_at(uint32_t node) const {
    return {token_ids_.data() + token_begin_[node], token_begin_[node + 1] - token_begin_[node]};
  }
  uint32_t max_token_length() const { return max_token_length_; }
  // Bytes that some token is exactly.
  const std::bitset<256>& single_byte_tokens() const { return single_byte_tokens_; }
  // Whether some token stops in the middle of a UTF-8 sequence (byte-level BPE does this).
  bool has_token_ending_inside_utf8() const { return ends_inside_utf8_; }

 private:
  std::vector<std::string> bytes_;
  std::vector<int32_t> end_of_generation_;
  std::vector<TrieNode> nodes_;
  std::vector<uint32_t> token_begin_;  // nodes_.size() + 1 offsets into token_ids_
  std::vector<int32_t> token_ids_;
  uint32_t max_token_length_ = 0;
  std::bitset<256> single_byte_tokens_;
  bool ends_inside_utf8_ = false;
};

}  // namespace textra::llm
