#include "extract/invoice_number.h"

#include <algorithm>

#include "extract/role_fields.h"
#include "extract/visual_rows.h"
#include "fields/provenance.h"
#include "ner/keywords.h"
#include "ner/patterns.h"

namespace textra::extract {
namespace {

bool has_digit(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Index of the word after an invoice label ("Facture", "Invoice"; "N° Facture" has the "N°" before
// it), or nullopt when the row has none.
std::optional<std::size_t> after_label(const VisualRow& row) {
  for (std::size_t k = 0; k < row.words.size(); ++k) {
    std::vector<std::string> tokens = ner::keyword_tokens(row.words[k].word->text);
    if (tokens.empty() || (tokens.front() != "facture" && tokens.front() != "invoice")) continue;
    return k + 1;
  }
  return std::nullopt;
}

}  // namespace

void fill_invoice_number(const doc::Document& document, const fields::Schema& schema,
                         const fields::NormalizeOptions& options, fields::Extraction& extraction) {
  auto [spec, node] = role_field(schema, extraction, fields::Role::kDocumentNumber);
  if (spec == nullptr || !node->value.value.is_null() || document.pages.empty()) return;
  const doc::Page& page = document.pages.front();
  for (const VisualRow& row : visual_rows(page)) {
    auto start = after_label(row);
    if (!start) continue;
    for (std::size_t k = *start; k < row.words.size() && k < *start + 3; ++k) {
      const std::string& text = row.words[k].word->text;
      std::vector<std::string> tokens = ner::keyword_tokens(text);
      bool filler = tokens.empty() || tokens == std::vector<std::string>{"numero"} || tokens == std::vector<std::string>{"no"};
      if (filler) continue;
      if (!has_digit(text) || ner::looks_like_date(text) || ner::amount_value(text)) break;
      std::string raw = text;
      if (raw.front() == ':' || raw.front() == '#') raw.erase(0, 1);
      auto value = fields::normalize_printed(*spec, raw, options);
      if (!value.is_ok() || value->is_null()) break;
      std::vector<std::size_t> ids{row.words[k].id};
      *node = fields::FieldNode::leaf({*value, raw, std::nullopt, fields::source_of_words(page, ids),
                                       "the number after the invoice label"});
      return;
    }
  }
}

}  // namespace textra::extract
