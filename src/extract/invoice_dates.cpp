#include "extract/invoice_dates.h"

#include <algorithm>

#include "extract/page_amounts.h"
#include "extract/role_fields.h"
#include "ner/keywords.h"
#include "ner/patterns.h"

namespace textra::extract {
namespace {

struct LineTags {
  bool due = false, date = false;
};

LineTags tags_of(const doc::Line& line) {
  LineTags t;
  std::vector<std::string> tokens = ner::keyword_tokens(line.text());
  // "Date de prélèvement": the day the amount is debited, a payment date like the due date.
  t.due = std::find(tokens.begin(), tokens.end(), "prelevement") != tokens.end();
  for (const ner::KeywordHit& hit : ner::find_keywords(tokens)) {
    t.due |= hit.tag == "DUE";
    t.date |= hit.tag == "DATE";
  }
  return t;
}

// The line holding a word id, or nullptr.
const doc::Line* line_of(const doc::Page& page, std::size_t id) {
  for (const doc::Line& line : page.lines) {
    if (id < line.words.size()) return &line;
    id -= line.words.size();
  }
  return nullptr;
}

}  // namespace

void drop_due_date_candidates(const doc::Document& document, std::vector<ner::Candidate>& candidates) {
  std::erase_if(candidates, [&](const ner::Candidate& c) {
    if (c.role != fields::Role::kIssueDate || c.source.words.empty()) return false;
    if (c.source.page < 1 || c.source.page > static_cast<int>(document.pages.size())) return false;
    const doc::Line* line = line_of(document.pages[c.source.page - 1], c.source.words.front());
    return line != nullptr && tags_of(*line).due;
  });
}

void fill_invoice_date(const doc::Document& document, const fields::Schema& schema,
                       const fields::NormalizeOptions& options, fields::Extraction& extraction) {
  auto [spec, node] = role_field(schema, extraction, fields::Role::kIssueDate);
  if (spec == nullptr || !node->value.value.is_null()) return;
  std::optional<fields::FieldValue> labelled, first;
  for (const doc::Page& page : document.pages) {
    for (std::size_t l = 0; l < page.lines.size() && !labelled; ++l) {
      const doc::Line& line = page.lines[l];
      LineTags tags = tags_of(line);
      if (tags.due) continue;
      for (std::size_t k = 0; k < line.words.size(); ++k) {
        // The label's colon may be glued to the date ("Le :02/01/2023").
        std::string text = line.words[k].text;
        if (text.size() > 1 && text.front() == ':') text.erase(0, 1);
        // Dates with separators only: an 8-digit invoice number also reads as yyyymmdd.
        if (!ner::looks_like_date(text)) continue;
        auto value = fields::normalize_printed(*spec, text, options);
        if (!value.is_ok() || value->is_null()) continue;
        fields::FieldValue v{*value, text, std::nullopt, source_of_range(page, l, k, k + 1), std::nullopt};
        if (tags.date) {
          v.reason = "the first date after a date label";
          labelled = v;
          break;
        }
        if (!first) {
          v.reason = "the first date on the page (no date label)";
          first = v;
        }
      }
    }
  }
  if (labelled) *node = fields::FieldNode::leaf(*labelled);
  else if (first) *node = fields::FieldNode::leaf(*first);
}

}  // namespace textra::extract
