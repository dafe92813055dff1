// Finding a known value (a SROIE key, a ground-truth `raw` value) among a page's words, to derive word
// labels for training. Matching works on "match text": upper-case, accents removed, only A-Z and 0-9
// kept, so spacing, punctuation and case differences between the value and the OCR do not matter.
// The rules are documented in docs/ner.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace textra::ner {

std::string match_text(std::string_view s);

// The page's words as one match text, with the word each character came from.
struct MatchIndex {
  std::string text;
  std::vector<std::size_t> owner;       // per character of text
  std::vector<std::size_t> word_chars;  // per word: its number of match-text characters
  std::vector<std::size_t> word_start;  // per word: where its characters start in text
  explicit MatchIndex(const std::vector<std::string>& words);
};

struct SubstringMatch {
  std::size_t begin = 0, end = 0;  // character range in the text
  int distance = 0;                // edit distance between the pattern and text[begin, end)
};

// Best approximate occurrence of pattern inside text (Sellers' algorithm: edit distance with free start
// and end in the text). Ties go to the earliest end. nullopt for an empty pattern or text.
std::optional<SubstringMatch> best_substring_match(std::string_view text, std::string_view pattern);

// Words with at least half of their match-text characters inside [begin, end).
std::vector<std::size_t> covered_words(const MatchIndex& index, std::size_t begin, std::size_t end);

// Words of the best approximate occurrence of value, if its edit distance is at most
// max_error_rate * (value's match-text length); empty otherwise.
std::vector<std::size_t> fuzzy_find(const MatchIndex& index, std::string_view value, double max_error_rate);

// Every exact occurrence of value's match text that does not start or end inside a run of digits of one
// word (so "900" is not found in "1900", but "2018" is found in "25/12/2018 20:49"); one word list each.
std::vector<std::vector<std::size_t>> exact_find_all(const MatchIndex& index, std::string_view value);

}  // namespace textra::ner
