#include "extract/receipt_total.h"

#include <cmath>
#include <set>
#include <vector>

#include "base/edit_distance.h"
#include "base/utf8.h"
#include "extract/page_amounts.h"
#include "extract/role_fields.h"
#include "ner/keywords.h"

namespace textra::extract {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The amount at the end of a word, whatever is glued before it: "RM21.85", "S8.20" (a "$" read as S),
// "TotaRM21.85", ":RM50.45", "-0.01". Two decimals, as receipts print money. Returns where it starts.
std::optional<std::size_t> trailing_amount(const std::string& word) {
  std::size_t n = word.size();
  if (n < 4 || !is_digit(word[n - 1]) || !is_digit(word[n - 2]) || (word[n - 3] != '.' && word[n - 3] != ',')) {
    return std::nullopt;
  }
  std::size_t start = n - 3;
  while (start > 0 && (is_digit(word[start - 1]) || (word[start - 1] == ',' && word[n - 3] == '.'))) --start;
  if (start == n - 3 || !is_digit(word[start])) return std::nullopt;
  if (start > 0 && word[start - 1] == '-') --start;
  return start;
}

bool all_digits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), is_digit); }

// Letters or a currency sign before the digits of a word cut at its decimal point ("RM28", "$12").
std::size_t digits_start(const std::string& word) {
  std::size_t k = word.size();
  while (k > 0 && is_digit(word[k - 1])) --k;
  return k;
}

struct LineAmount {
  std::size_t first = 0, last = 0;  // word range [first, last)
  std::string raw;                  // the amount's characters only
  double value = 0;
};

// Every amount of the line, left to right, two words cut at the decimal point joined into one.
std::vector<LineAmount> line_amounts(const doc::Line& line, const fields::AmountOptions& options) {
  std::vector<LineAmount> out;
  auto push = [&](std::size_t first, std::size_t last, std::string raw) {
    if (auto parsed = fields::parse_amount(raw, options)) out.push_back({first, last, std::move(raw), parsed->value});
  };
  for (std::size_t k = 0; k < line.words.size(); ++k) {
    const std::string& word = line.words[k].text;
    if (k + 1 < line.words.size()) {
      const std::string& next = line.words[k + 1].text;
      // "39." + "90"
      if (word.size() >= 2 && word.back() == '.' && is_digit(word[word.size() - 2]) && next.size() == 2 && all_digits(next)) {
        std::string head = word.substr(digits_start(word.substr(0, word.size() - 1)));
        push(k, k + 2, head + next);
        ++k;
        continue;
      }
      // "RM28" + ".05"
      if (next.size() == 3 && next[0] == '.' && all_digits(next.substr(1)) && !word.empty() && is_digit(word.back())) {
        push(k, k + 2, word.substr(digits_start(word)) + next);
        ++k;
        continue;
      }
    }
    if (auto start = trailing_amount(word)) push(k, k + 1, word.substr(*start));
  }
  return out;
}

// A one-letter misread of "total" ("totsl", "tatal", "tota", "totai").
bool looks_like_total(const std::string& token) {
  if (token.size() < 4 || token.size() > 6 || token[0] != 't') return false;
  return edit_distance(U"total", std::u32string(token.begin(), token.end())) <= 1;
}

enum class Kind { kOther, kTotal, kRounding, kPayment, kChange };

Kind line_kind(const doc::Line& line) {
  std::string text = line.text();
  std::vector<std::string> tokens = ner::keyword_tokens(text);
  std::set<std::string> tags;
  for (const ner::KeywordHit& hit : ner::find_keywords(tokens)) tags.insert(hit.tag);
  auto has_token = [&](const std::set<std::string>& words) {
    return std::any_of(tokens.begin(), tokens.end(), [&](const std::string& t) { return words.contains(t); });
  };
  if (tags.contains("CHANGE")) return Kind::kChange;
  if (tags.contains("CASH") && !tags.contains("TTC")) return Kind::kPayment;
  bool total = tags.contains("TTC") || tags.contains("TOTAL") || std::any_of(tokens.begin(), tokens.end(), looks_like_total);
  // Lines that print a part of the total (a subtotal, the tax, a discount, a tax summary row), or no money.
  static const std::set<std::string> kIncluded = {"inc", "incl", "including", "inclusive"};
  static const std::set<std::string> kNoMoney = {"saving", "savings", "saved", "item", "items", "count", "point", "points"};
  bool part = tags.contains("HT") || tags.contains("QTY") || tags.contains("DISC") ||
              (tags.contains("TVA") && !tags.contains("TTC") && !has_token(kIncluded)) ||
              text.find('%') != std::string::npos || has_token(kNoMoney);
  if (total && !part) return Kind::kTotal;
  return tags.contains("ROUND") && !part ? Kind::kRounding : Kind::kOther;
}

// A line's amount and what the line says it is, placed by the line's height on the page.
struct Printed {
  std::size_t line;  // of the amount's words
  LineAmount amount;
  Kind kind;
  int y;             // vertical centre of the label (or of the amount, for a line of its own)
};

int centre(const doc::Box& box) { return (box.y0 + box.y1) / 2; }

// The amount on the line right of `label` at its height: SROIE's box files, and OCR at times, give a
// label and its amount as two lines side by side.
std::optional<std::size_t> amount_beside(const doc::Page& page, const doc::Line& label,
                                         const std::vector<std::vector<LineAmount>>& amounts) {
  std::optional<std::size_t> best;
  int best_distance = 0;
  for (std::size_t l = 0; l < page.lines.size(); ++l) {
    const doc::Box& box = page.lines[l].box;
    if (amounts[l].empty() || box.x0 < label.box.x1 - label.box.height()) continue;
    int distance = std::abs(centre(box) - centre(label.box));
    if (2 * distance > std::max(box.height(), label.box.height())) continue;
    if (!best || distance < best_distance) best = l, best_distance = distance;
  }
  return best;
}

// Every line that prints an amount, top to bottom, with its last amount (labels sit on the left, money
// on the right).
std::vector<Printed> printed_amounts(const doc::Page& page, const fields::AmountOptions& options) {
  std::vector<std::vector<LineAmount>> amounts;
  for (const doc::Line& line : page.lines) amounts.push_back(line_amounts(line, options));
  std::vector<Printed> out;
  std::set<std::size_t> taken;  // amount lines given to a label beside them
  for (std::size_t l = 0; l < page.lines.size(); ++l) {
    Kind kind = line_kind(page.lines[l]);
    if (!amounts[l].empty()) {
      out.push_back({l, amounts[l].back(), kind, centre(page.lines[l].box)});
    } else if (auto beside = kind == Kind::kOther ? std::nullopt : amount_beside(page, page.lines[l], amounts)) {
      out.push_back({*beside, amounts[*beside].back(), kind, centre(page.lines[l].box)});
      taken.insert(*beside);
    }
  }
  std::erase_if(out, [&](const Printed& p) { return p.kind == Kind::kOther && taken.contains(p.line); });
  std::stable_sort(out.begin(), out.end(), [](const Printed& a, const Printed& b) { return a.y < b.y; });
  // "Rounding RM 27.30" under "Total RM 27.28" is the total after rounding: receipts round to 5 cents,
  // and a rounding adjustment itself is a few cents.
  std::optional<double> total;
  for (Printed& p : out) {
    if (p.kind == Kind::kTotal) total = p.amount.value;
    if (p.kind == Kind::kRounding && total && std::fabs(p.amount.value - *total) < 0.05 && std::fabs(p.amount.value) >= 0.10) {
      p.kind = Kind::kTotal;
    }
  }
  return out;
}

bool same(double a, double b) { return std::fabs(a - b) < 0.005; }

ReceiptTotal make_total(const doc::Page& page, const Printed& p, std::string reason, bool checked) {
  return {p.amount.raw, p.amount.value, source_of_range(page, p.line, p.amount.first, p.amount.last), std::move(reason), checked};
}

}  // namespace

std::optional<ReceiptTotal> receipt_total(const doc::Page& page, const fields::AmountOptions& options,
                                          std::optional<double> model_total) {
  std::vector<Printed> lines = printed_amounts(page, options);
  // The change, and the payment line closest above it.
  std::optional<std::size_t> change, paid;
  for (std::size_t i = 0; i < lines.size() && !change; ++i) {
    if (lines[i].kind == Kind::kChange) change = i;
  }
  for (std::size_t i = change.value_or(0); change && i-- > 0;) {
    if (lines[i].kind == Kind::kPayment) {
      paid = i;
      break;
    }
  }
  if (paid) {
    double due = lines[*paid].amount.value - lines[*change].amount.value;
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < *paid; ++i) {
      if (!same(lines[i].amount.value, due)) continue;
      if (!best || lines[i].kind == Kind::kTotal || lines[*best].kind != Kind::kTotal) best = i;
    }
    if (best) return make_total(page, lines[*best], "the amount that paid minus change gives", true);
  }
  // Above the payment lines, when the receipt prints them.
  std::size_t end = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind == Kind::kPayment || lines[i].kind == Kind::kChange) {
      end = i;
      break;
    }
  }
  std::optional<std::size_t> last;
  for (std::size_t i = 0; i < end; ++i) {
    if (lines[i].kind != Kind::kTotal) continue;
    last = i;
    if (model_total && same(lines[i].amount.value, *model_total)) {
      return make_total(page, lines[i], "the model's total, on a total line", false);
    }
  }
  if (!last) return std::nullopt;
  return make_total(page, lines[*last], "the last total line above the payment", false);
}

void fill_receipt_total(const doc::Document& document, const fields::Schema& schema,
                        const fields::NormalizeOptions& options, fields::Extraction& extraction) {
  RoleField field = role_field(schema, extraction, fields::Role::kTotalGross);
  if (!field || document.pages.empty()) return;
  std::optional<double> model_total;
  if (field.node->value.value.is_number()) model_total = field.node->value.value.get<double>();
  std::optional<ReceiptTotal> total = receipt_total(document.pages.front(), options.amounts, model_total);
  if (!total) return;
  auto value = fields::normalize_printed(*field.spec, total->raw, options);
  if (!value.is_ok() || value->is_null()) return;
  *field.node = fields::FieldNode::leaf({*value, total->raw, std::nullopt, total->source, total->reason});
}

}  // namespace textra::extract
