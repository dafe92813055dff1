#include "ner/word_match.h"

#include <algorithm>

#include "base/utf8.h"

namespace textra::ner {
namespace {
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::string match_text(std::string_view s) {
  std::string upper = utf8::to_upper(utf8::strip_accents(s));
  std::string out;
  for (char c : upper) {
    if ((c >= 'A' && c <= 'Z') || is_digit(c)) out += c;
  }
  return out;
}

MatchIndex::MatchIndex(const std::vector<std::string>& words) {
  for (std::size_t w = 0; w < words.size(); ++w) {
    std::string t = match_text(words[w]);
    word_start.push_back(text.size());
    text += t;
    owner.insert(owner.end(), t.size(), w);
    word_chars.push_back(t.size());
  }
}

std::optional<SubstringMatch> best_substring_match(std::string_view text, std::string_view pattern) {
  const std::size_t n = text.size(), m = pattern.size();
  if (n == 0 || m == 0) return std::nullopt;
  // Column-wise DP over the text: cost[i] = distance of pattern[0, i) to the best text substring ending
  // at the current position; start[i] = where that substring begins.
  std::vector<int> cost(m + 1), next_cost(m + 1);
  std::vector<std::size_t> start(m + 1), next_start(m + 1);
  for (std::size_t i = 0; i <= m; ++i) {
    cost[i] = static_cast<int>(i);
    start[i] = 0;
  }
  SubstringMatch best{0, 0, static_cast<int>(m)};
  bool found = false;
  for (std::size_t j = 1; j <= n; ++j) {
    next_cost[0] = 0;
    next_start[0] = j;
    for (std::size_t i = 1; i <= m; ++i) {
      int sub = cost[i - 1] + (pattern[i - 1] == text[j - 1] ? 0 : 1);
      int del = next_cost[i - 1] + 1;  // pattern character missing from the text
      int ins = cost[i] + 1;           // extra text character
      if (sub <= del && sub <= ins) {
        next_cost[i] = sub;
        next_start[i] = start[i - 1];
      } else if (ins <= del) {
        next_cost[i] = ins;
        next_start[i] = start[i];
      } else {
        next_cost[i] = del;
        next_start[i] = next_start[i - 1];
      }
    }
    cost.swap(next_cost);
    start.swap(next_start);
    if (!found || cost[m] < best.distance) {
      best = {start[m], j, cost[m]};
      found = true;
    }
  }
  return best;
}

std::vector<std::size_t> covered_words(const MatchIndex& index, std::size_t begin, std::size_t end) {
  std::vector<std::size_t> inside(index.word_chars.size(), 0);
  for (std::size_t c = begin; c < end && c < index.owner.size(); ++c) ++inside[index.owner[c]];
  std::vector<std::size_t> words;
  for (std::size_t w = 0; w < inside.size(); ++w) {
    // Words without match characters ("&", "-") inside the matched run belong to it too.
    bool covered = inside[w] > 0 && inside[w] * 2 >= index.word_chars[w];
    bool gap = index.word_chars[w] == 0 && !words.empty() && index.word_start[w] > begin && index.word_start[w] < end;
    if (covered || gap) words.push_back(w);
  }
  return words;
}

std::vector<std::size_t> fuzzy_find(const MatchIndex& index, std::string_view value, double max_error_rate) {
  std::string pattern = match_text(value);
  auto match = best_substring_match(index.text, pattern);
  if (!match || match->distance > max_error_rate * static_cast<double>(pattern.size())) return {};
  return covered_words(index, match->begin, match->end);
}

std::vector<std::vector<std::size_t>> exact_find_all(const MatchIndex& index, std::string_view value) {
  std::string pattern = match_text(value);
  std::vector<std::vector<std::size_t>> found;
  if (pattern.empty()) return found;
  for (std::size_t pos = index.text.find(pattern); pos != std::string::npos; pos = index.text.find(pattern, pos + 1)) {
    std::size_t end = pos + pattern.size();
    // A digit run may continue into the next word ("19/10/2018 20:49"); only one inside a word counts.
    if (pos > 0 && is_digit(index.text[pos - 1]) && is_digit(pattern.front()) && index.owner[pos - 1] == index.owner[pos]) continue;
    if (end < index.text.size() && is_digit(index.text[end]) && is_digit(pattern.back()) &&
        index.owner[end] == index.owner[end - 1]) {
      continue;
    }
    std::vector<std::size_t> words = covered_words(index, pos, end);
    if (!words.empty()) found.push_back(std::move(words));
  }
  return found;
}

}  // namespace textra::ner
