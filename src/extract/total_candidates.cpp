#include "extract/total_candidates.h"

#include <algorithm>

#include "extract/page_amounts.h"
#include "extract/visual_rows.h"
#include "fields/provenance.h"
#include "ner/keywords.h"

namespace textra::extract {
namespace {

constexpr double kGenericEvidence = 0.05;
constexpr double kBelowFactor = 0.6;

struct LineKeyword {
  std::string tag;
  std::size_t word = 0;  // the keyword's last word in the line
  std::vector<std::string> tokens;
};

// Keyword hits of a line, with the word each ends on.
std::vector<LineKeyword> line_keywords(const doc::Line& line) {
  std::vector<std::string> tokens;
  std::vector<std::size_t> owner;
  for (std::size_t k = 0; k < line.words.size(); ++k) {
    for (std::string& t : ner::keyword_tokens(line.words[k].text)) {
      tokens.push_back(std::move(t));
      owner.push_back(k);
    }
  }
  std::vector<LineKeyword> out;
  for (const ner::KeywordHit& hit : ner::find_keywords(tokens)) {
    out.push_back({hit.tag, owner[hit.last - 1], {tokens.begin() + hit.first, tokens.begin() + hit.last}});
  }
  return out;
}

struct RoleEvidence {
  TotalRole role;
  double evidence;
};

std::optional<RoleEvidence> role_of(const std::string& tag) {
  if (tag == "HT") return RoleEvidence{TotalRole::kHt, 0.7};
  if (tag == "TTC") return RoleEvidence{TotalRole::kTtc, 0.7};
  if (tag == "TVA") return RoleEvidence{TotalRole::kTva, 0.6};
  if (tag == "TOTAL") return RoleEvidence{TotalRole::kTtc, 0.4};
  return std::nullopt;
}

bool x_overlap(const doc::Box& a, const doc::Box& b) { return std::min(a.x1, b.x1) > std::max(a.x0, b.x0); }

// The amount under a keyword: the nearest amount in the next lines below it that shares its columns.
const PrintedAmount* amount_below(const doc::Page& page, const std::vector<std::vector<PrintedAmount>>& amounts,
                                  std::size_t l, const doc::Box& keyword) {
  int reach = keyword.y1 + 4 * std::max(keyword.height(), 1);
  for (std::size_t m = l + 1; m < page.lines.size() && page.lines[m].box.y0 < reach; ++m) {
    if (page.lines[m].box.y0 < keyword.y1) continue;  // the same row, split into another line
    for (const PrintedAmount& a : amounts[m]) {
      if (x_overlap(a.box, keyword)) return &a;
    }
  }
  return nullptr;
}

// An amount read on the rows page, with its words' provenance on the original page.
TotalCandidate candidate(const doc::Page& original, const RowsPage& rows, const PrintedAmount& a, TotalRole role,
                         double evidence) {
  std::vector<std::size_t> ids;
  for (std::size_t id : source_of_range(rows.page, a.line, a.first, a.last).words) ids.push_back(rows.original_id[id]);
  return {role, a.value, evidence, a.raw, fields::source_of_words(original, ids)};
}

// Each keyword's amount: the last amount between it and the next keyword on its line, else the one under it.
template <typename Fn>
void for_each_labelled_amount(const doc::Page& page, const std::vector<std::vector<PrintedAmount>>& amounts, Fn&& fn) {
  for (std::size_t l = 0; l < page.lines.size(); ++l) {
    std::vector<LineKeyword> keywords = line_keywords(page.lines[l]);
    for (std::size_t h = 0; h < keywords.size(); ++h) {
      std::size_t end = h + 1 < keywords.size() ? keywords[h + 1].word : page.lines[l].words.size();
      const PrintedAmount* found = nullptr;
      for (const PrintedAmount& a : amounts[l]) {
        if (a.first > keywords[h].word && a.first <= end) found = &a;
      }
      bool below = found == nullptr;
      if (below) found = amount_below(page, amounts, l, page.lines[l].words[keywords[h].word].box);
      if (found != nullptr) fn(keywords[h], *found, below);
    }
  }
}

std::vector<std::vector<PrintedAmount>> amounts_by_line(const doc::Page& page, const fields::AmountOptions& options) {
  std::vector<std::vector<PrintedAmount>> out(page.lines.size());
  for (std::size_t l = 0; l < page.lines.size(); ++l) out[l] = amounts_on_line(page, l, options);
  return out;
}

}  // namespace

std::vector<TotalCandidate> total_candidates(const doc::Document& document, const std::vector<ner::Candidate>& labelled,
                                             const fields::AmountOptions& options) {
  std::vector<TotalCandidate> out;
  for (const ner::Candidate& c : labelled) {
    std::optional<TotalRole> role = c.role == fields::Role::kTotalNet    ? std::optional(TotalRole::kHt)
                                    : c.role == fields::Role::kTotalTax   ? std::optional(TotalRole::kTva)
                                    : c.role == fields::Role::kTotalGross ? std::optional(TotalRole::kTtc)
                                                                          : std::nullopt;
    if (!role) continue;
    if (auto amount = fields::parse_amount(c.raw, options)) out.push_back({*role, amount->value, c.confidence, c.raw, c.source});
  }
  for (const doc::Page& original : document.pages) {
    RowsPage rows = rows_page(original);  // labels and amounts the OCR put in different lines share a row
    auto amounts = amounts_by_line(rows.page, options);
    for_each_labelled_amount(rows.page, amounts, [&](const LineKeyword& keyword, const PrintedAmount& a, bool below) {
      if (auto role = role_of(keyword.tag)) {
        out.push_back(candidate(original, rows, a, role->role, role->evidence * (below ? kBelowFactor : 1.0)));
      }
    });
    for (const auto& line : amounts) {
      for (const PrintedAmount& a : line) {
        for (TotalRole role : {TotalRole::kHt, TotalRole::kTva, TotalRole::kTtc}) {
          out.push_back(candidate(original, rows, a, role, kGenericEvidence));
        }
      }
    }
  }
  return out;
}

std::optional<TotalCandidate> printed_amount_due(const doc::Document& document, const fields::AmountOptions& options) {
  std::optional<TotalCandidate> due;
  for (const doc::Page& original : document.pages) {
    RowsPage rows = rows_page(original);
    auto amounts = amounts_by_line(rows.page, options);
    for_each_labelled_amount(rows.page, amounts, [&](const LineKeyword& keyword, const PrintedAmount& a, bool) {
      const auto& t = keyword.tokens;
      bool payable = std::find(t.begin(), t.end(), "payer") != t.end() || std::find(t.begin(), t.end(), "due") != t.end() ||
                     std::find(t.begin(), t.end(), "du") != t.end();
      if (!due && keyword.tag == "TTC" && payable) due = candidate(original, rows, a, TotalRole::kTtc, 0.7);
    });
  }
  return due;
}

}  // namespace textra::extract
