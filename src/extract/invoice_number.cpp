#include "extract/invoice_number.h"

#include <algorithm>
#include <set>

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

// Words that name another number or a date: the number after them is not the invoice's.
bool names_other_number(const std::vector<std::string>& tokens) {
  static const std::set<std::string> kOther = {"ice", "if", "rc", "tp", "patente", "cnss", "siret", "siren", "tva", "vat",
                                               "client", "customer", "compte", "account", "commande", "order", "bon",
                                               "page", "tel", "telephone", "fax", "gsm", "date", "du", "le", "rib",
                                               "iban", "contrat", "police", "abonnement", "dossier", "capital"};
  return std::any_of(tokens.begin(), tokens.end(), [](const std::string& t) { return kOther.contains(t); });
}

// Index of the word after an invoice label on the row, or nullopt when it has none: "Facture",
// "Invoice", "Note d'honoraires" (a fee invoice; "N° Facture" has the "N°" before it), or "N°" opening the row.
std::optional<std::size_t> after_label(const VisualRow& row) {
  for (std::size_t k = 0; k < row.words.size(); ++k) {
    std::vector<std::string> tokens = ner::keyword_tokens(row.words[k].word->text);
    if (tokens.empty()) continue;
    bool invoice = tokens.front() == "facture" || tokens.front() == "invoice" ||
                   std::find(tokens.begin(), tokens.end(), "honoraires") != tokens.end();
    bool opening_number = k == 0 && tokens == std::vector<std::string>{"numero"};
    if (invoice || opening_number) return k + 1;
  }
  return std::nullopt;
}

// "n°0022/2022", ":F03995", "#123", "Réf.:FA2208-0082": the label glued to the number is no part of it,
// nor is the date glued after it ("0000796234022023du01/02/2023": "... du 01/02/2023").
std::string without_label_marks(std::string raw) {
  if (std::size_t colon = raw.find(':'); colon != std::string::npos && !has_digit(raw.substr(0, colon)) &&
                                         has_digit(raw.substr(colon + 1))) {
    raw.erase(0, colon + 1);
  }
  for (std::string_view mark : {"N\xC2\xB0", "n\xC2\xB0", "N\xC2\xBA", "n\xC2\xBA", "#"}) {
    if (raw.size() > mark.size() && raw.starts_with(mark) && has_digit(raw.substr(mark.size()))) raw.erase(0, mark.size());
  }
  for (std::string_view glue : {"du", "Du", "DU"}) {
    std::size_t at = raw.rfind(glue);
    if (at != std::string::npos && at > 0 && ner::looks_like_date(raw.substr(at + glue.size()))) raw.erase(at);
  }
  return raw;
}

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A series or duplicate mark printed after a number: "20604016 FY", "2/202212/100726 BIS".
bool is_suffix(const std::string& s) {
  return s.size() >= 2 && s.size() <= 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// The number's words on its row from word k: the word, then digit groups close after it ("63 739") and a
// suffix that ends the cell. Returns one past the last word.
std::size_t number_end(const VisualRow& row, std::size_t k) {
  auto gap = [&](std::size_t i) {
    const doc::Box& a = row.words[i - 1].word->box;
    const doc::Box& b = row.words[i].word->box;
    return static_cast<double>(b.x0 - a.x1) / std::max({a.height(), b.height(), 1});
  };
  std::size_t end = k + 1;
  while (end < row.words.size() && all_digits(row.words[end].word->text) && row.words[end].word->text.size() == 3 &&
         gap(end) < 1.0) {
    ++end;
  }
  bool cell_ends = end + 1 >= row.words.size() || gap(end + 1) >= 2.0;
  if (end < row.words.size() && is_suffix(row.words[end].word->text) && gap(end) < 2.0 && cell_ends &&
      !ner::keyword_tokens(row.words[end].word->text).empty() &&
      ner::find_keywords(ner::keyword_tokens(row.words[end].word->text)).empty()) {
    ++end;
  }
  return end;
}

fields::FieldNode number_leaf(const doc::Page& page, const VisualRow& row, std::size_t first, std::size_t end,
                              const fields::FieldSpec& spec, const fields::NormalizeOptions& options,
                              std::optional<double> confidence, std::optional<std::string> reason) {
  std::string raw;
  std::vector<std::size_t> ids;
  for (std::size_t i = first; i < end; ++i) {
    raw += (raw.empty() ? "" : " ") + (i == first ? without_label_marks(row.words[i].word->text) : row.words[i].word->text);
    ids.push_back(row.words[i].id);
  }
  auto value = fields::normalize_printed(spec, raw, options);
  if (!value.is_ok() || value->is_null()) return fields::FieldNode::leaf({});
  return fields::FieldNode::leaf({*value, raw, confidence, fields::source_of_words(page, ids), std::move(reason)});
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
      if (names_other_number(tokens)) break;
      if (!has_digit(text)) continue;  // "N°", ":", a word of the title ("Facture Eau N°")
      if (ner::looks_like_date(text) || ner::amount_value(text)) break;
      fields::FieldNode leaf = number_leaf(page, row, k, number_end(row, k), *spec, options, std::nullopt,
                                           "the number after the invoice label");
      if (leaf.value.value.is_null()) break;
      *node = std::move(leaf);
      return;
    }
  }
}

void tidy_invoice_number(const doc::Document& document, const fields::Schema& schema,
                         const fields::NormalizeOptions& options, fields::Extraction& extraction) {
  auto [spec, node] = role_field(schema, extraction, fields::Role::kDocumentNumber);
  if (spec == nullptr || node->value.value.is_null() || !node->value.source) return;
  const fields::Source& source = *node->value.source;
  if (source.words.empty() || source.page < 1 || source.page > static_cast<int>(document.pages.size())) return;
  const doc::Page& page = document.pages[source.page - 1];
  for (const VisualRow& row : visual_rows(page)) {
    auto at = std::find_if(row.words.begin(), row.words.end(), [&](const RowWord& w) { return w.id == source.words.front(); });
    if (at == row.words.end()) continue;
    // The number starts at its first word with a digit and ends before a label ("20220274 Tél.:06...").
    std::size_t first = static_cast<std::size_t>(at - row.words.begin());
    while (first < row.words.size() && !has_digit(row.words[first].word->text)) ++first;
    if (first == row.words.size()) return;
    std::size_t end = number_end(row, first);
    std::size_t labelled_end = first + 1;
    for (std::size_t id : source.words) {
      auto w = std::find_if(row.words.begin(), row.words.end(), [&](const RowWord& r) { return r.id == id; });
      if (w == row.words.end() || names_other_number(ner::keyword_tokens(w->word->text))) break;
      labelled_end = std::max(labelled_end, static_cast<std::size_t>(w - row.words.begin()) + 1);
    }
    end = std::max(end, std::min(labelled_end, row.words.size()));
    fields::FieldNode leaf = number_leaf(page, row, first, end, *spec, options, node->value.confidence, node->value.reason);
    if (!leaf.value.value.is_null()) *node = std::move(leaf);
    return;
  }
}

}  // namespace textra::extract
