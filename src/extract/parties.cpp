#include "extract/parties.h"

#include <algorithm>
#include <set>

#include "extract/role_fields.h"
#include "extract/visual_rows.h"
#include "fields/normalize.h"
#include "fields/provenance.h"
#include "ner/keywords.h"
#include "ner/patterns.h"

namespace textra::extract {
namespace {

using Cell = std::vector<RowWord>;

// Customer labels, as keyword tokens.
const std::vector<std::vector<std::string>> kCustomerLabels = {
    {"client"}, {"customer"}, {"facture", "a"}, {"facturer", "a"}, {"adresse", "de", "facturation"},
    {"adresse", "de", "livraison"}, {"livre", "a"}, {"destinataire"}, {"bill", "to"}, {"billed", "to"},
    {"sold", "to"}, {"ship", "to"}, {"invoice", "to"}, {"nom", "du", "client"}, {"raison", "sociale", "client"},
};
// Tokens of a legal form of company.
const std::set<std::string> kLegalForms = {"sarl", "sa", "sas", "sarlau", "eurl", "sasu", "snc", "ste", "societe",
                                           "ltd", "inc", "llc", "gmbh", "corp", "company"};
// Tokens that end a party block or are no name: ids, contacts, dates, document words.
const std::set<std::string> kStopTokens = {"ice", "if", "rc", "patente", "tp", "cnss", "siret", "siren", "rcs", "tel",
                                           "telephone", "fax", "gsm", "email", "mail", "www", "date", "facture",
                                           "invoice", "numero", "no", "tva", "vat", "capital", "rib", "iban",
                                           "devis", "commande", "reference", "ref", "page", "echeance"};

struct Block {
  int page = 0;
  std::vector<const Cell*> lines;  // the text's cells, top to bottom
  std::vector<std::size_t> skip_words;  // per line: label words to leave out (first line only)
};

std::vector<std::string> tokens_of(const Cell& cell, std::size_t from = 0) {
  std::vector<std::string> out;
  for (std::size_t i = from; i < cell.size(); ++i) {
    for (std::string& t : ner::keyword_tokens(cell[i].word->text)) out.push_back(std::move(t));
  }
  return out;
}

doc::Box box_of(const Cell& cell) {
  doc::Box b;
  for (const RowWord& w : cell) b = b.united(w.word->box);
  return b;
}

bool stops(const Cell& cell) {
  for (const std::string& t : tokens_of(cell)) {
    if (kStopTokens.contains(t)) return true;
  }
  for (const RowWord& w : cell) {
    if (ner::looks_like_date(w.word->text) || ner::amount_value(w.word->text)) return true;
  }
  return false;
}

// A name has a word of letters and is not mostly digits (a customer code, a phone number).
bool name_like(const Cell& cell, std::size_t from = 0) {
  int letters = 0, digits = 0;
  bool word = false;
  for (const std::string& t : tokens_of(cell, from)) {
    for (char c : t) (c >= '0' && c <= '9' ? digits : letters) += 1;
    word |= t.size() > 1 && std::all_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  }
  return word && digits * 10 < (letters + digits) * 3;
}

// Where a customer label ends in the cell: the number of words it covers, or 0 when the cell has none.
std::size_t customer_label_words(const Cell& cell) {
  std::vector<std::string> tokens;
  std::vector<std::size_t> owner;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    for (std::string& t : ner::keyword_tokens(cell[i].word->text)) {
      tokens.push_back(std::move(t));
      owner.push_back(i);
    }
  }
  // The label opens the cell (its first three tokens), so "code client" and "N° client" count, a
  // sentence that mentions a client does not.
  for (std::size_t start = 0; start < std::min<std::size_t>(3, tokens.size()); ++start) {
    for (const auto& label : kCustomerLabels) {
      if (start + label.size() > tokens.size()) continue;
      if (std::equal(label.begin(), label.end(), tokens.begin() + static_cast<std::ptrdiff_t>(start))) {
        return owner[start + label.size() - 1] + 1;
      }
    }
  }
  return 0;
}

struct PageCells {
  std::vector<VisualRow> rows;
  std::vector<std::vector<Cell>> cells;  // per row
};

PageCells page_cells(const doc::Page& page) {
  PageCells out{visual_rows(page), {}};
  for (const VisualRow& row : out.rows) out.cells.push_back(cells_of(row, 1.5));
  return out;
}

bool x_overlap(const doc::Box& a, const doc::Box& b) { return std::min(a.x1, b.x1) > std::max(a.x0, b.x0); }

// The customer block: the label's cell, then the cells under it.
// The cells under row r's cell in its column: down to a gap of two rows, a stop line or six lines.
void extend_down(const PageCells& pc, std::size_t r, const Cell& cell, Block& block) {
  doc::Box column = box_of(cell);
  int bottom = column.y1;
  for (std::size_t n = r + 1; n < pc.rows.size() && block.lines.size() < 6; ++n) {
    int height = std::max(pc.rows[n].box.height(), 1);
    if (pc.rows[n].box.y0 - bottom > 2 * height) break;
    const Cell* below = nullptr;
    for (const Cell& c : pc.cells[n]) {
      if (x_overlap(box_of(c), column)) below = &c;
    }
    if (below == nullptr) continue;
    if (stops(*below) || customer_label_words(*below) > 0) break;
    block.lines.push_back(below);
    block.skip_words.push_back(0);
    bottom = pc.rows[n].box.y1;
  }
}

std::optional<Block> customer_block(const PageCells& pc, int page_index) {
  for (std::size_t r = 0; r < pc.rows.size(); ++r) {
    for (const Cell& cell : pc.cells[r]) {
      std::size_t label = customer_label_words(cell);
      if (label == 0) continue;
      Block block{page_index, {}, {}};
      if (!tokens_of(cell, label).empty()) {  // the name shares the label's line
        block.lines.push_back(&cell);
        block.skip_words.push_back(label);
      }
      extend_down(pc, r, cell, block);
      // A customer code or number under the label is no name: the name is the first line that reads as one.
      while (!block.lines.empty() && !name_like(*block.lines.front(), block.skip_words.front())) {
        block.lines.erase(block.lines.begin());
        block.skip_words.erase(block.skip_words.begin());
      }
      if (!block.lines.empty()) return block;
    }
  }
  return std::nullopt;
}

std::string text_of(const Cell& cell, std::size_t from = 0) {
  std::string s;
  for (std::size_t i = from; i < cell.size(); ++i) {
    const std::string& t = cell[i].word->text;
    if (s.empty() && (t == ":" || t == "-")) continue;
    s += (s.empty() ? "" : " ") + t;
  }
  if (!s.empty() && s.front() == ':') s.erase(0, 1);
  while (!s.empty() && (s.back() == ',' || s.back() == ' ')) s.pop_back();
  return s;
}

// A company name as printed in a legal block, up to what follows it: "MEDITELECOM, SA au capital de
// ... - RC ..." keeps "MEDITELECOM, SA".
Cell name_part(const Cell& cell) {
  static const std::set<std::string> kAfterName = {"capital", "siege", "ice", "rc", "if", "patente", "tel", "adresse"};
  Cell out;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    const std::string& text = cell[i].word->text;
    std::vector<std::string> tokens = ner::keyword_tokens(text);
    bool stop = text == "-" || text == "\xE2\x80\x93" || text == "|" || text == ":" ||
                (!tokens.empty() && kAfterName.contains(tokens.front())) ||
                tokens == std::vector<std::string>{"r", "c"} || tokens == std::vector<std::string>{"i", "f"} ||
                (!tokens.empty() && tokens.front() == "au" && i + 1 < cell.size() &&
                 ner::keyword_tokens(cell[i + 1].word->text) == std::vector<std::string>{"capital"});
    if (stop && !out.empty()) break;
    if (!stop) out.push_back(cell[i]);
    // "MEDITELECOM, SA au capital", "DIGIBAY SA, à conseil d'administration": the name ends at its comma.
    if (!stop && text.size() > 1 && text.back() == ',') break;
  }
  return out;
}

bool is_null(const fields::FieldNode* node) {
  return node != nullptr && node->kind == fields::FieldNode::Kind::kValue && node->value.value.is_null();
}

// Sets a text leaf from cells (lines joined by '\n').
void set_text(RoleField field, const doc::Page& page, const std::vector<std::pair<const Cell*, std::size_t>>& lines,
              const fields::NormalizeOptions& options, std::string reason) {
  auto [spec, node] = field;
  if (spec == nullptr || !is_null(node) || lines.empty()) return;
  std::string raw;
  std::vector<std::size_t> ids;
  for (const auto& [cell, from] : lines) {
    std::string text = text_of(*cell, from);
    if (text.empty()) continue;
    raw += (raw.empty() ? "" : "\n") + text;
    for (std::size_t i = from; i < cell->size(); ++i) ids.push_back((*cell)[i].id);
  }
  auto value = fields::normalize_printed(*spec, raw, options);
  if (!value.is_ok() || value->is_null()) return;
  *node = fields::FieldNode::leaf({*value, raw, std::nullopt, fields::source_of_words(page, ids), std::move(reason)});
}

bool in_block(const std::optional<Block>& block, const Cell* cell) {
  return block && std::find(block->lines.begin(), block->lines.end(), cell) != block->lines.end();
}

bool has_letters(const Cell& cell) {
  for (const std::string& t : tokens_of(cell)) {
    if (std::any_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; }) && t.size() > 1) return true;
  }
  return false;
}

bool names_legal_form(const Cell& cell) {
  for (const std::string& t : tokens_of(cell)) {
    if (kLegalForms.contains(t)) return true;
  }
  // "S.A.R.L" and "S.A." read as letters apart.
  std::string joined;
  for (const std::string& t : tokens_of(cell)) joined += t.size() == 1 ? t : " ";
  return joined.find("sarl") != std::string::npos || joined.find("sa") != std::string::npos;
}

// The words of the legal-id block: company ids or the share capital.
bool names_ids(const Cell& cell) {
  std::vector<std::string> tokens = tokens_of(cell);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    static const std::set<std::string> kIds = {"ice", "rc", "patente", "cnss", "capital", "rcs", "siret", "siren"};
    if (kIds.contains(tokens[i]) || (tokens[i] == "r" && i + 1 < tokens.size() && tokens[i + 1] == "c")) return true;
  }
  return false;
}

// Whether a legal block's name part can be a company's name: a word of its own beside the legal form
// ("SARL", "Société à responsabilité limitée (SARL)" are none), a capital letter, no contact label
// ("E-mail"), and a legal form at its start or end ("Sté OUTIDIS", "IMIZEGH SARL AU"), not in a
// sentence ("... au nom de notre société ou ...").
// Whether the tokens name a company beyond its legal form ("SARL AU", "Société à responsabilité limitée
// (SARL)" do not).
bool has_own_word(const std::vector<std::string>& tokens) {
  static const std::set<std::string> kGeneric = {"a", "au", "de", "du", "des", "la", "le", "et", "responsabilite", "limitee",
                                                 "anonyme", "associe", "unique", "simplifiee", "par", "actions"};
  return std::any_of(tokens.begin(), tokens.end(),
                     [](const std::string& t) { return !kLegalForms.contains(t) && !kGeneric.contains(t) && t.size() > 1; });
}

bool names_company(const Cell& name) {
  std::vector<std::string> tokens = tokens_of(name);
  for (const std::string& t : tokens) {
    if (kStopTokens.contains(t) || t == "mail") return false;
  }
  bool capital = false;
  for (const RowWord& w : name) capital |= std::any_of(w.word->text.begin(), w.word->text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!has_own_word(tokens) || !capital) return false;
  if (name.size() <= 5) return true;
  for (std::size_t i = 1; i + 2 < tokens.size(); ++i) {
    if (kLegalForms.contains(tokens[i])) return false;
  }
  return true;
}

// The supplier's name in the legal block: a name with a legal form, or the name its ids follow
// ("Ziri Trans Com : R.C: 302353 - I.F: ...").
bool legal_block_name(const Cell& cell) {
  Cell name = name_part(cell);
  if (!name_like(name) || !names_company(name)) return false;
  return names_legal_form(name) || (name.size() < cell.size() && names_ids(cell));
}

bool addressy(const Cell& cell) {
  std::vector<std::string> tokens = tokens_of(cell);
  for (const ner::KeywordHit& hit : ner::find_keywords(tokens)) {
    if (hit.tag == "ADDR") return true;
  }
  return false;
}

struct Region {
  int y0, y1;
};

// The first cell in the region that passes the test, outside the customer block.
template <typename Test>
std::optional<std::pair<std::size_t, const Cell*>> first_cell(const PageCells& pc, Region region,
                                                               const std::optional<Block>& customer, Test&& test) {
  for (std::size_t r = 0; r < pc.rows.size(); ++r) {
    if (pc.rows[r].box.y0 < region.y0 || pc.rows[r].box.y0 >= region.y1) continue;
    for (const Cell& cell : pc.cells[r]) {
      if (!in_block(customer, &cell) && customer_label_words(cell) == 0 && test(cell)) return std::pair(r, &cell);
    }
  }
  return std::nullopt;
}

// The letterhead: the tallest text of the top fifth that is not a label, a title or an id line.
std::optional<std::pair<std::size_t, const Cell*>> letterhead(const PageCells& pc, int page_height,
                                                              const std::optional<Block>& customer) {
  std::optional<std::pair<std::size_t, const Cell*>> best;
  int best_height = 0;
  for (std::size_t r = 0; r < pc.rows.size(); ++r) {
    if (pc.rows[r].box.y0 >= page_height / 5) break;
    for (const Cell& cell : pc.cells[r]) {
      if (in_block(customer, &cell) || stops(cell) || !name_like(cell) || customer_label_words(cell) > 0 ||
          !has_own_word(tokens_of(cell))) {
        continue;
      }
      // A logo read as letters ("ss A") comes with the OCR's doubt.
      double confidence = 0;
      for (const RowWord& w : cell) confidence += w.word->confidence;
      if (confidence < 0.7 * static_cast<double>(cell.size())) continue;
      int height = box_of(cell).height();
      if (height > best_height) best = std::pair(r, &cell), best_height = height;
    }
  }
  return best;
}

}  // namespace

void fill_supplier_from_legal_block(const doc::Document& document, const fields::Schema& schema,
                                    const fields::NormalizeOptions& options, fields::Extraction& extraction) {
  if (document.pages.empty()) return;
  const doc::Page& page = document.pages.front();
  PageCells pc = page_cells(page);
  std::optional<Block> customer = customer_block(pc, 0);
  if (auto name = first_cell(pc, {page.height * 3 / 4, page.height + 1}, customer, legal_block_name)) {
    Cell part = name_part(*name->second);
    set_text(role_field(schema, extraction, fields::Role::kSupplierName), page, {{&part, 0}}, options,
             "company name in the footer's legal block");
  }
}

void fill_parties(const doc::Document& document, const fields::Schema& schema, const fields::NormalizeOptions& options,
                  fields::Extraction& extraction) {
  if (document.pages.empty()) return;
  const doc::Page& page = document.pages.front();
  PageCells pc = page_cells(page);
  std::optional<Block> customer = customer_block(pc, 0);
  if (customer) {
    std::vector<std::pair<const Cell*, std::size_t>> name{{customer->lines[0], customer->skip_words[0]}}, address;
    for (std::size_t i = 1; i < customer->lines.size(); ++i) address.emplace_back(customer->lines[i], customer->skip_words[i]);
    set_text(role_field(schema, extraction, fields::Role::kCustomerName), page, name, options,
             "first line of the block after the customer label");
    set_text(role_field(schema, extraction, fields::Role::kCustomerAddress), page, address, options,
             "lines under the customer's name");
  }
  Region top{0, page.height * 3 / 10}, footer{page.height * 3 / 4, page.height + 1};
  // A name at the top with a legal form may be the customer's (its box often has no label), so it comes
  // after the letterhead.
  auto legal = [](const Cell& c) { Cell n = name_part(c); return names_legal_form(n) && name_like(n); };
  // A legal form alone ("SARL AU", labelled by the model) is no name: the layout's name replaces it.
  if (RoleField field = role_field(schema, extraction, fields::Role::kSupplierName);
      field && field.node->value.value.is_string() &&
      !has_own_word(ner::keyword_tokens(field.node->value.value.get<std::string>()))) {
    *field.node = fields::FieldNode::leaf({});
  }
  auto name = letterhead(pc, page.height, customer);
  std::string reason = "tallest text at the top (letterhead)";
  if (!name) name = first_cell(pc, top, customer, legal), reason = "company name with a legal form at the top";
  if (name) {
    Cell part = name_part(*name->second);
    set_text(role_field(schema, extraction, fields::Role::kSupplierName), page, {{&part, 0}}, options, reason);
  }
  // Without a customer label: the other company with a legal form at the top (its box has no label).
  const fields::FieldNode* supplier = role_node(extraction, fields::Role::kSupplierName);
  std::string supplier_key = supplier != nullptr && supplier->value.value.is_string()
                                 ? fields::text_key(supplier->value.value.get<std::string>()) : "";
  if (!customer) {
    auto other = first_cell(pc, top, customer, [&](const Cell& c) {
      Cell n = name_part(c);
      std::string key = fields::text_key(text_of(n));
      bool supplier_name = !supplier_key.empty() && (supplier_key.find(key) != std::string::npos ||
                                                     key.find(supplier_key) != std::string::npos);
      return names_legal_form(n) && name_like(n) && !key.empty() && !supplier_name;
    });
    if (other) {
      Block block{0, {other->second}, {0}};
      extend_down(pc, other->first, *other->second, block);
      std::vector<std::pair<const Cell*, std::size_t>> address;
      for (std::size_t i = 1; i < block.lines.size(); ++i) address.emplace_back(block.lines[i], 0);
      Cell part = name_part(*other->second);
      set_text(role_field(schema, extraction, fields::Role::kCustomerName), page, {{&part, 0}}, options,
               "the other company with a legal form at the top (no customer label)");
      set_text(role_field(schema, extraction, fields::Role::kCustomerAddress), page, address, options,
               "lines under the customer's name");
      customer = block;
    }
  }
  auto address = first_cell(pc, top, customer, addressy);
  if (!address) address = first_cell(pc, footer, customer, addressy);
  if (address) {
    std::vector<std::pair<const Cell*, std::size_t>> lines{{address->second, 0}};
    doc::Box column = box_of(*address->second);
    std::size_t next = address->first + 1;
    if (next < pc.rows.size() && pc.rows[next].box.y0 - pc.rows[address->first].box.y1 <= 2 * pc.rows[next].box.height()) {
      for (const Cell& c : pc.cells[next]) {
        if (x_overlap(box_of(c), column) && !stops(c) && !in_block(customer, &c)) lines.emplace_back(&c, 0);
      }
    }
    set_text(role_field(schema, extraction, fields::Role::kSupplierAddress), page, lines, options,
             "address words outside the customer block");
  }
}

}  // namespace textra::extract
