#include "extract/page_amounts.h"

#include <algorithm>
#include <numeric>

#include "fields/provenance.h"
#include "ner/patterns.h"

namespace textra::extract {
namespace {

bool is_digit_group(const std::string& text) {
  return !text.empty() && text.size() <= 3 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_percent(const doc::Line& line, std::size_t k) {
  if (line.words[k].text.find('%') != std::string::npos) return true;
  return k + 1 < line.words.size() && line.words[k + 1].text.rfind('%', 0) == 0;
}

// Words closer than a character's height: parts of one printed number (OCR boxes leave a space as wide
// as 0.8 of a digit's height; table columns are several characters apart). A thousands group before
// a number of exactly 3 integer digits ("2 718,18") may sit one and a half heights away: OCR boxes of a
// lone narrow digit leave wide margins.
bool adjacent(const doc::Word& left, const doc::Word& right, double heights = 1.0) {
  int height = std::max({left.box.height(), right.box.height(), 1});
  return right.box.x0 - left.box.x1 < heights * height;
}

bool three_integer_digits(const std::string& text) {
  std::size_t digits = 0;
  for (char c : text) {
    if (c == ',' || c == '.') break;
    if (c < '0' || c > '9') return false;
    ++digits;
  }
  return digits == 3;
}

}  // namespace

std::vector<PrintedAmount> amounts_on_line(const doc::Page& page, std::size_t l, const fields::AmountOptions& options) {
  std::vector<PrintedAmount> out;
  const doc::Line& line = page.lines[l];
  std::size_t taken = 0;  // words before this index belong to an earlier amount
  for (std::size_t k = 0; k < line.words.size(); ++k) {
    if (!ner::amount_value(line.words[k].text) || is_percent(line, k)) continue;
    std::size_t first = k;
    while (first > taken && is_digit_group(line.words[first - 1].text) &&
           adjacent(line.words[first - 1], line.words[first], three_integer_digits(line.words[first].text) ? 1.5 : 1.0)) {
      --first;
    }
    std::size_t last = k + 1;
    if (last < line.words.size() && adjacent(line.words[k], line.words[last]) &&
        fields::find_currency(line.words[last].text, options.dollar_currency) &&
        !ner::amount_value(line.words[last].text)) {
      ++last;
    }
    PrintedAmount a{l, first, last, 0, "", "", {}};
    for (std::size_t j = first; j < last; ++j) {
      a.raw += (j > first ? " " : "") + line.words[j].text;
      a.box = a.box.united(line.words[j].box);
    }
    auto parsed = fields::parse_amount(a.raw, options);
    if (!parsed) continue;
    a.value = parsed->value;
    a.currency = parsed->currency;
    out.push_back(std::move(a));
    taken = last;
    k = last - 1;
  }
  return out;
}

std::vector<PrintedAmount> amounts_on_page(const doc::Page& page, const fields::AmountOptions& options) {
  std::vector<PrintedAmount> out;
  for (std::size_t l = 0; l < page.lines.size(); ++l) {
    for (PrintedAmount& a : amounts_on_line(page, l, options)) out.push_back(std::move(a));
  }
  return out;
}

std::vector<std::size_t> first_word_ids(const doc::Page& page) {
  std::vector<std::size_t> ids(page.lines.size());
  std::size_t id = 0;
  for (std::size_t l = 0; l < page.lines.size(); ++l) {
    ids[l] = id;
    id += page.lines[l].words.size();
  }
  return ids;
}

fields::Source source_of_range(const doc::Page& page, std::size_t line, std::size_t first, std::size_t last) {
  std::size_t base = 0;
  for (std::size_t l = 0; l < line; ++l) base += page.lines[l].words.size();
  std::vector<std::size_t> ids(last - first);
  std::iota(ids.begin(), ids.end(), base + first);
  return fields::source_of_words(page, ids);
}

}  // namespace textra::extract
