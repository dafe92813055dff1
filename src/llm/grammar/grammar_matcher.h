// Constrained decoding: which tokens keep the output a prefix of JSON valid against the schema, and (with a
// token budget) a prefix that can still be completed within the tokens left. Design and costs: docs/grammar.md.
//
//   auto vocab = TokenVocabulary::build(token_bytes, {eot_id});           // once per model
//   auto grammar = JsonGrammar::compile(schema);                            // once per schema
//   auto matcher = GrammarMatcher::create(grammar, vocab);                  // once per schema and model
//   for (size_t left = budget; left > 0; --left) {
//     matcher->allowed_tokens(mask, left);   // logits of tokens outside the mask -> -inf
//     int32_t id = sample(logits, mask);
//     if (vocab->is_end_of_generation(id)) break;
//     matcher->accept_token(id);
//   }   // matcher->is_complete() is now true: the output parses and matches the schema
//   matcher->reset();                        // next document; the mask caches stay warm
//
// Not thread-safe: one matcher per concurrent generation (the grammar and vocabulary can be shared).
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/status.h"
#include "llm/grammar/json_schema_grammar.h"
#include "llm/grammar/pushdown_parser.h"
#include "llm/grammar/token_mask.h"
#include "llm/grammar/token_vocabulary.h"

namespace textra::llm {

class GrammarMatcher {
 public:
  static constexpr size_t kUnlimited = std::numeric_limits<size_t>::max();

  // Fails if the vocabulary lacks a one-byte token that shortest completions need (see
  // JsonGrammar::completion_bytes), since the token budget could then not be guaranteed.
  static Result<GrammarMatcher> create(std::shared_ptr<const JsonGrammar> grammar,
                                       std::shared_ptr<const TokenVocabulary> vocabulary);

  // Sets `mask` (resized to the vocabulary) to the tokens allowed next. tokens_left counts the token about
  // to be chosen: every allowed token leaves a shortest completion of at most tokens_left - 1 bytes, so a
  // caller that started with tokens_left >= min_completion_bytes() and counts down always ends complete.
  // (With less, the mask still steps along a shortest completion.) End-of-generation ids are allowed exactly
  // when is_complete(). Empty after an end-of-generation token was accepted.
  void allowed_tokens(TokenMask& mask, size_t tokens_left = kUnlimited);
  // Advances by one token; an error (and no change) if its bytes do not continue a valid output.
  Status accept_token(int32_t id);

  // The output so far is a complete JSON value (it may still go on, e.g. more digits of a number).
  bool is_complete() const;
  // An end-of-generation token has been accepted.
  bool is_finished() const { return finished_; }
  // Bytes of the shortest text that completes the output (0 when complete).
  size_t min_completion_bytes() const;
  // Whether the budget removes tokens from the mask now, i.e. the end is being forced.
  bool forced_completion_needed(size_t tokens_left);
  // The bytes that must come next whatever is chosen, up to the next free choice (or max_bytes): e.g. the
  // `","total":` between two values. Empty when the next byte is free or the output may end here.
  std::string forced_bytes(size_t max_bytes);
  // The bytes accepted so far.
  const std::string& output() const { return output_; }
  // Back to the start of a new output; caches are kept.
  void reset();

 private:
  // Tokens that a string frame consumes without reaching its closing quote, and where the quote is reached.
  struct InnerEntry {
    TokenMask all;
    // Tokens that stop inside an escape or a UTF-8 sequence, by the bytes then needed to close the string
    // (index r >= 2; every other token of `all` needs 1).
    std::vector<std::vector<int32_t>> by_remainder;
    uint32_t max_remainder = 0;
    std::vector<uint32_t> exits;  // trie nodes whose byte is the closing quote
  };
  // The unconstrained mask of one parser state and what the budget filter needs.
  struct MaskEntry {
    TokenMask mask;
    uint32_t max_after = 0;  // largest shortest-completion after one allowed token
    const InnerEntry* inner = nullptr;
    uint32_t inner_base = 0;  // shortest completion under the string frame
    std::vector<std::pair<uint32_t, int32_t>> listed;  // tokens not in `inner`, with their completion
  };

  GrammarMatcher(std::shared_ptr<const JsonGrammar> grammar, std::shared_ptr<const TokenVocabulary> vocabulary);

  const MaskEntry& entry_for_state();
  MaskEntry compute_entry();
  const InnerEntry& inner_entry(const Frame& string_frame);
  template <typename OnToken, typename OnExit>
  void walk(uint32_t begin, uint32_t end, uint16_t base_depth, const Cursor& start, StackArena& arena,
            OnToken&& on_token, OnExit&& on_exit);
  uint64_t budget_limit(size_t tokens_left) const;
  uint32_t string_room(const Frame& string_frame) const;
  std::string state_key() const;

  std::shared_ptr<const JsonGrammar> grammar_;
  std::shared_ptr<const TokenVocabulary> vocab_;
  PushdownParser parser_;

  Cursor state_;
  StackArena stack_;  // compact: entry i has parent i - 1
  std::string output_;
  bool finished_ = false;

  StackArena scratch_;
  std::vector<Cursor> levels_;  // walk state per trie depth
  std::unordered_map<std::string, MaskEntry> masks_;
  std::unordered_map<uint64_t, std::unique_ptr<InnerEntry>> inner_;
};

}  // namespace textra::llm
