#include "extract/ner_rules.h"

#include <algorithm>
#include <map>
#include <optional>

#include "extract/page_amounts.h"
#include "extract/role_fields.h"
#include "ner/keywords.h"
#include "ner/word_match.h"

namespace textra::extract {
namespace {

struct Found {
  std::string raw;
  fields::Source source;
};

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

Found found_in(const doc::Page& page, std::size_t first_id, const std::vector<const doc::Word*>& words, std::string raw) {
  Found f{std::move(raw), {page.index + 1, {}, {}}};
  doc::Box box;
  for (std::size_t k = 0; k < words.size(); ++k) {
    f.source.words.push_back(first_id + k);
    box = box.united(words[k]->box);
  }
  f.source.boxes.push_back(box);
  return f;
}

bool is_null(const fields::FieldNode* node) {
  return node != nullptr && node->kind == fields::FieldNode::Kind::kValue && node->value.value.is_null();
}

void set_leaf(fields::FieldNode& node, const fields::FieldSpec& spec, const Found& found,
              const fields::NormalizeOptions& options) {
  auto value = fields::normalize_printed(spec, found.raw, options);
  if (!value.is_ok() || value->is_null()) return;
  node = fields::FieldNode::leaf({*value, found.raw, std::nullopt, found.source});
}

// The first word naming a currency.
std::optional<Found> find_currency_word(const doc::Document& document, const fields::NormalizeOptions& options) {
  for (const doc::Page& page : document.pages) {
    std::optional<Found> found;
    page.for_each_word([&](std::size_t id, const doc::Line&, const doc::Word& w) {
      if (found || ner::match_text(w.text).empty()) return;
      if (fields::find_currency(w.text, options.amounts.dollar_currency)) found = found_in(page, id, {&w}, w.text);
    });
    if (found) return found;
  }
  return std::nullopt;
}

// Identifier keywords (match text of the label word) and the field each fills.
struct IdKey {
  const char* keyword;
  const char* id;  // the key in the supplier's ids (the supplier_ids role); "" for the VAT id (supplier_vat_id)
  int min_digits, max_digits;
};
const IdKey kIdKeys[] = {
    {"ICE", "ICE", 15, 15},         {"IF", "", 5, 10},     {"IFU", "", 5, 10},    {"MF", "", 5, 10},
    {"RC", "RC", 3, 10},            {"TP", "TP", 5, 10},   {"PATENTE", "TP", 5, 10}, {"CNSS", "CNSS", 5, 10},
    {"SIRET", "SIRET", 14, 14},     {"SIREN", "SIREN", 9, 9},
};

// After an id keyword: digit groups ("001 523 800 000 047"), skipping ":" and "N°" before them; the
// digits may also be glued to the keyword ("ICE:001523800000047").
std::optional<Found> id_after(const doc::Page& page, const doc::Line& line, std::size_t line_first_id, std::size_t k,
                              const IdKey& key) {
  std::string head = ner::match_text(line.words[k].text);
  std::string glued = head.substr(std::string(key.keyword).size());
  std::vector<const doc::Word*> used;
  std::string raw, digits;
  std::size_t first = k + 1;
  if (!glued.empty()) {
    used.push_back(&line.words[k]);
    first = k;
    raw = glued;
    digits = glued;
  }
  for (std::size_t j = k + 1; j < line.words.size(); ++j) {
    std::string mt = ner::match_text(line.words[j].text);
    if (digits.empty() && (mt.empty() || mt == "N" || mt == "NO" || mt == "NUMERO")) {
      ++first;
      continue;
    }
    if (!all_digits(mt)) break;
    used.push_back(&line.words[j]);
    raw += (raw.empty() ? "" : " ") + mt;
    digits += mt;
  }
  int n = static_cast<int>(digits.size());
  if (used.empty() || n < key.min_digits || n > key.max_digits) return std::nullopt;
  return found_in(page, line_first_id + first, used, raw);
}

void fill_ids(const doc::Document& document, const fields::Schema& schema, const fields::NormalizeOptions& options,
              fields::Extraction& extraction) {
  RoleField vat_id = role_field(schema, extraction, fields::Role::kSupplierVatId);
  RoleField ids = role_field(schema, extraction, fields::Role::kSupplierIds);
  if (!vat_id && !ids) return;
  std::vector<std::pair<const IdKey*, Found>> last;  // later occurrences replace earlier ones
  for (const doc::Page& page : document.pages) {
    std::size_t id = 0;
    for (const doc::Line& line : page.lines) {
      for (std::size_t k = 0; k < line.words.size(); ++k) {
        std::string mt = ner::match_text(line.words[k].text);
        for (const IdKey& key : kIdKeys) {
          std::string kw = key.keyword;
          if (mt.compare(0, kw.size(), kw) != 0 || (mt.size() > kw.size() && !all_digits(mt.substr(kw.size())))) continue;
          if (auto found = id_after(page, line, id, k, key)) {
            std::erase_if(last, [&](const auto& e) { return std::string(e.first->id) == key.id; });
            last.emplace_back(&key, *found);
          }
        }
      }
      id += line.words.size();
    }
  }
  for (const auto& [key, found] : last) {
    std::string name = key->id;
    if (name.empty()) {
      if (vat_id && is_null(vat_id.node)) set_leaf(*vat_id.node, *vat_id.spec, found, options);
      continue;
    }
    if (!ids || ids.node->member(name) != nullptr) continue;
    fields::FieldNode leaf;
    set_leaf(leaf, *ids.spec->open_values, found, options);
    if (!leaf.value.value.is_null()) ids.node->set_member(name, std::move(leaf));
  }
}

// "Date d'échéance : 15/02/2023", "Due date 15/02/2023", or the date on the line below the keyword.
void fill_due_date(const doc::Document& document, const fields::Schema& schema, const fields::NormalizeOptions& options,
                   fields::Extraction& extraction) {
  auto [spec, node] = role_field(schema, extraction, fields::Role::kDueDate);
  if (spec == nullptr || !is_null(node)) return;
  for (const doc::Page& page : document.pages) {
    std::size_t id = 0;
    for (std::size_t l = 0; l < page.lines.size(); ++l) {
      const doc::Line& line = page.lines[l];
      std::vector<std::string> tokens = ner::keyword_tokens(line.text());
      bool due = false;
      for (const ner::KeywordHit& hit : ner::find_keywords(tokens)) due |= hit.tag == "DUE";
      if (due) {
        // Words after the keyword on this line, else the next line.
        for (std::size_t k = 0; k < line.words.size(); ++k) {
          if (!fields::parse_date(line.words[k].text, options.date_order)) continue;
          set_leaf(*node, *spec, found_in(page, id + k, {&line.words[k]}, line.words[k].text), options);
          return;
        }
        if (l + 1 < page.lines.size()) {
          const doc::Line& next = page.lines[l + 1];
          for (std::size_t k = 0; k < next.words.size(); ++k) {
            if (!fields::parse_date(next.words[k].text, options.date_order)) continue;
            set_leaf(*node, *spec, found_in(page, id + line.words.size() + k, {&next.words[k]}, next.words[k].text), options);
            return;
          }
        }
      }
      id += line.words.size();
    }
  }
}

// The currency word among a total's own words ("4 680,00 DH"), the totals being read already.
std::optional<Found> currency_of_totals(const doc::Document& document, const fields::NormalizeOptions& options,
                                        const fields::Extraction& extraction) {
  for (fields::Role role : {fields::Role::kTotalGross, fields::Role::kAmountDue, fields::Role::kTotalNet,
                            fields::Role::kTotalTax}) {
    const fields::FieldNode* node = role_node(extraction, role);
    if (node == nullptr || !node->value.source) continue;
    const fields::Source& source = *node->value.source;
    if (source.page < 1 || source.page > static_cast<int>(document.pages.size())) continue;
    const doc::Page& page = document.pages[source.page - 1];
    for (std::size_t id : source.words) {
      const doc::Word* w = page.word_by_id(id);
      if (w != nullptr && fields::find_currency(w->text, options.amounts.dollar_currency)) {
        return found_in(page, id, {w}, w->text);
      }
    }
  }
  return std::nullopt;
}

// The currency most amounts of the page print with them ("1 200,00 EUR", "50,00 DH"), when at least two
// agree: one "359$" of OCR noise is not a currency.
std::optional<Found> currency_of_amounts(const doc::Document& document, const fields::NormalizeOptions& options) {
  std::map<std::string, std::pair<int, Found>> seen;
  for (const doc::Page& page : document.pages) {
    for (const PrintedAmount& a : amounts_on_page(page, options.amounts)) {
      if (a.currency.empty()) continue;
      auto [it, fresh] = seen.try_emplace(a.currency, 0, Found{a.raw, source_of_range(page, a.line, a.first, a.last)});
      ++it->second.first;
    }
  }
  const std::pair<int, Found>* best = nullptr;
  for (const auto& [code, entry] : seen) {
    if (best == nullptr || entry.first > best->first) best = &entry;
  }
  if (best == nullptr || best->first < 2) return std::nullopt;
  return best->second;
}

// The country's currency from the supplier's company ids read by fill_ids: Moroccan ones (ICE, TP, CNSS)
// mean MAD, French ones (SIRET, SIREN) EUR.
std::optional<std::pair<std::string, std::string>> currency_of_country(const fields::Extraction& extraction) {
  const fields::FieldNode* ids = role_node(extraction, fields::Role::kSupplierIds);
  if (ids == nullptr) return std::nullopt;
  for (const char* key : {"ICE", "TP", "CNSS"}) {
    if (ids->member(key) != nullptr) return std::pair<std::string, std::string>("MAD", std::string("Moroccan company id (") + key + ")");
  }
  for (const char* key : {"SIRET", "SIREN"}) {
    if (ids->member(key) != nullptr) return std::pair<std::string, std::string>("EUR", std::string("French company id (") + key + ")");
  }
  return std::nullopt;
}

// The totals' own currency first, then the one most amounts print, then the country's (its company ids),
// then the first currency word: a "$" of OCR noise does not outvote totals printed in DH.
void fill_currency(const doc::Document& document, const fields::Schema& schema, const fields::NormalizeOptions& options,
                   fields::Extraction& extraction) {
  auto [spec, node] = role_field(schema, extraction, fields::Role::kCurrency);
  if (spec == nullptr || !is_null(node)) return;
  if (auto found = currency_of_totals(document, options, extraction)) {
    set_leaf(*node, *spec, *found, options);
    node->value.reason = "the totals' own currency";
    return;
  }
  if (auto found = currency_of_amounts(document, options)) {
    set_leaf(*node, *spec, *found, options);
    node->value.reason = "the currency most amounts print";
    return;
  }
  if (auto country = currency_of_country(extraction)) {
    *node = fields::FieldNode::leaf({country->first, std::nullopt, std::nullopt, std::nullopt, country->second});
    return;
  }
  if (auto found = find_currency_word(document, options)) set_leaf(*node, *spec, *found, options);
}

}  // namespace

void fill_by_rules(const doc::Document& document, const fields::Schema& schema,
                   const fields::NormalizeOptions& options, fields::Extraction& extraction) {
  fill_ids(document, schema, options, extraction);
  fill_currency(document, schema, options, extraction);
  fill_due_date(document, schema, options, extraction);
}

}  // namespace textra::extract
