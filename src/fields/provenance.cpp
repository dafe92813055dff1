#include "fields/provenance.h"

#include "base/edit_distance.h"

#include <algorithm>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "fields/normalize.h"

namespace textra::fields {
namespace {

// Letters and digits only, upper-case, accents removed: OCR drops accents and punctuation often.
std::u32string match_key(std::string_view text) {
  std::string key = text_key(utf8::strip_accents(text));
  std::u32string out;
  std::size_t pos = 0;
  while (pos < key.size()) out.push_back(utf8::next(key, pos));
  return out;
}

struct PageWord {
  std::size_t id;
  std::string text;
  std::u32string key;
};

std::vector<PageWord> page_words(const doc::Page& page) {
  std::vector<PageWord> words;
  page.for_each_word([&](std::size_t id, const doc::Line&, const doc::Word& word) {
    words.push_back({id, word.text, match_key(word.text)});
  });
  return words;
}

std::string join_text(const std::vector<PageWord>& words, std::size_t begin, std::size_t end) {
  std::string text;
  for (std::size_t k = begin; k < end; ++k) {
    if (k > begin) text += ' ';
    text += words[k].text;
  }
  return text;
}

// Decides whether words print the value by meaning: same date, same amount to the cent.
class TypedMatcher {
 public:
  TypedMatcher(const FieldSpec& spec, const Json& value) {
    if (spec.type == FieldType::kDate && value.is_string()) {
      date_ = parse_date(value.get<std::string>());
    } else if ((spec.type == FieldType::kNumber || spec.type == FieldType::kInteger) && value.is_number()) {
      cents_ = to_cents(value.get<double>());
    }
  }
  bool active() const { return date_.has_value() || cents_.has_value(); }

  bool matches(std::string_view text) const {
    if (date_) {
      auto d = parse_date(text);
      return d && *d == *date_;
    }
    auto amount = parse_amount(text);
    return amount && to_cents(amount->value) == *cents_;
  }

 private:
  std::optional<Date> date_;
  std::optional<long long> cents_;
};

constexpr std::size_t kMaxTypedWords = 6;

struct Candidate {
  std::size_t page = 0, begin = 0, end = 0;
  double score = -1;
  bool better_than(const Candidate& other) const {
    if (score != other.score) return score > other.score;
    return end - begin < other.end - other.begin;  // fewer words; earlier wins otherwise (strict order kept)
  }
};

}  // namespace

Source source_of_words(const doc::Page& page, std::span<const std::size_t> word_ids) {
  Source source;
  source.page = page.index + 1;
  std::vector<const doc::Line*> lines;
  page.for_each_word([&](std::size_t id, const doc::Line& line, const doc::Word& word) {
    if (std::find(word_ids.begin(), word_ids.end(), id) == word_ids.end()) return;
    source.words.push_back(id);
    auto it = std::find(lines.begin(), lines.end(), &line);
    if (it == lines.end()) {
      lines.push_back(&line);
      source.boxes.push_back(word.box);
    } else {
      doc::Box& box = source.boxes[it - lines.begin()];
      box = box.united(word.box);
    }
  });
  return source;
}

double words_confidence(const doc::Page& page, std::span<const std::size_t> word_ids) {
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t id : word_ids) {
    if (const doc::Word* word = page.word_by_id(id)) {
      sum += word->confidence;
      ++n;
    }
  }
  return n == 0 ? 0.0 : sum / static_cast<double>(n);
}

std::optional<Provenance> locate(const doc::Document& document, const FieldSpec& spec, const FieldValue& value,
                                 const LocateOptions& options) {
  if (value.value.is_null() && !value.raw) return std::nullopt;
  TypedMatcher typed(spec, value.value);
  std::string target_text = value.raw ? *value.raw : (value.value.is_string() ? value.value.get<std::string>() : "");
  std::u32string target = match_key(target_text);
  if (target.empty() && !typed.active()) return std::nullopt;

  Candidate best;
  for (std::size_t p = 0; p < document.pages.size(); ++p) {
    std::vector<PageWord> words = page_words(document.pages[p]);
    for (std::size_t begin = 0; begin < words.size(); ++begin) {
      std::u32string key;
      for (std::size_t end = begin + 1; end <= words.size() && end - begin <= options.max_words; ++end) {
        key += words[end - 1].key;
        double text_score = 0;
        if (!target.empty()) {
          std::size_t longest = std::max(key.size(), target.size());
          std::size_t gap = key.size() > target.size() ? key.size() - target.size() : target.size() - key.size();
          if (key.size() > target.size() && 1.0 - double(gap) / double(longest) < options.min_similarity) break;
          if (1.0 - double(gap) / double(longest) >= options.min_similarity) {
            text_score = 1.0 - double(edit_distance(key, target)) / double(longest);
          }
        }
        double score = text_score;
        // A run that parses to the value, and stops doing so without its first or last word, prints it.
        if (typed.active() && end - begin <= kMaxTypedWords && typed.matches(join_text(words, begin, end)) &&
            !typed.matches(join_text(words, begin + 1, end)) && !typed.matches(join_text(words, begin, end - 1))) {
          score = std::max(score, 0.9 + 0.1 * text_score);
        }
        Candidate candidate{p, begin, end, score};
        if (score >= options.min_similarity && candidate.better_than(best)) best = candidate;
        if (target.empty() && end - begin >= kMaxTypedWords) break;
      }
    }
    if (best.score >= 1.0) break;
  }
  if (best.score < options.min_similarity) return std::nullopt;

  const doc::Page& page = document.pages[best.page];
  std::vector<PageWord> words = page_words(page);
  std::vector<std::size_t> ids;
  for (std::size_t k = best.begin; k < best.end; ++k) ids.push_back(words[k].id);
  return Provenance{source_of_words(page, ids), best.score, words_confidence(page, ids)};
}

}  // namespace textra::fields
