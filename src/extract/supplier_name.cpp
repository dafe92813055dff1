#include "extract/supplier_name.h"

#include <algorithm>
#include <map>
#include <set>

#include "extract/company_name.h"
#include "extract/party_cells.h"
#include "extract/role_fields.h"
#include "fields/provenance.h"
#include "ner/keywords.h"

namespace textra::extract {
namespace {

// Labels of the supplier's block, as keyword tokens.
const std::vector<std::vector<std::string>> kSupplierLabels = {
    {"emetteur"}, {"fournisseur"}, {"vendeur"}, {"prestataire"}, {"seller"}, {"supplier"}, {"vendor"},
    {"issued", "by"}, {"billed", "by"},
};

void set_name(const doc::Document& document, const fields::Schema& schema, const fields::NormalizeOptions& options,
              fields::Extraction& extraction, const Cell& name, std::string reason) {
  set_text(role_field(schema, extraction, fields::Role::kSupplierName), document.pages.front(), {{&name, 0}}, options,
           std::move(reason));
}

// 1. The first name under a supplier label that opens a cell, or after it on its cell.
std::optional<Cell> under_supplier_label(const PageCells& pc, const std::optional<Block>& customer) {
  for (std::size_t r = 0; r < pc.rows.size(); ++r) {
    for (const Cell& cell : pc.cells[r]) {
      std::size_t label = label_words(cell, kSupplierLabels, 1);
      if (label == 0) continue;
      Block block;
      if (label < cell.size()) block.lines.push_back(&cell), block.skip_words.push_back(label);
      extend_down(pc, r, cell, block);
      for (std::size_t i = 0; i < block.lines.size(); ++i) {
        if (in_block(customer, block.lines[i])) continue;
        Cell text(block.lines[i]->begin() + static_cast<std::ptrdiff_t>(block.skip_words[i]), block.lines[i]->end());
        Cell name = name_part(text);
        if (name_like(name) && names_company(name)) return name;
      }
    }
  }
  return std::nullopt;
}

// 2. A name with a legal form, or the name its ids follow ("Ziri Trans Com : R.C: 302353").
bool legal_line_name(const Cell& cell) {
  Cell name = name_part(cell);
  if (!name_like(name) || !names_company(name)) return false;
  return names_legal_form(tokens_of(name)) || (name.size() < cell.size() && names_ids(cell));
}

// An address line: a street word (a city or a country, "Auditia Maroc", may name a company).
bool street(const Cell& cell) {
  static const std::set<std::string> kStreet = {"rue", "avenue", "av", "bd", "boulevard", "route", "lot", "lotissement",
                                                "residence", "quartier", "immeuble", "etage", "angle", "bp"};
  std::vector<std::string> tokens = tokens_of(cell);
  return std::any_of(tokens.begin(), tokens.end(), [](const std::string& t) { return kStreet.contains(t); });
}

// 3. The first line of the footer's legal-id block: from a line of ids, up through the lines stacked over
// it (each under the one above, closer than one and a half lines), the top line, when it names a company in
// at most five words and is no "label : value" line ("Auditia Maroc - Membre de ..." over the address,
// contacts and ids).
std::optional<Cell> legal_block_head(const PageCells& pc, int footer_top, const std::optional<Block>& customer) {
  for (std::size_t r = 0; r < pc.rows.size(); ++r) {
    if (pc.rows[r].box.y0 < footer_top) continue;
    for (const Cell& ids : pc.cells[r]) {
      if (!names_ids(ids)) continue;
      const Cell* top = &ids;
      for (std::size_t row = r; row > 0; --row) {
        int height = std::max(pc.rows[row].box.height(), 1);
        if (2 * (pc.rows[row].box.y0 - pc.rows[row - 1].box.y1) > 3 * height) break;
        const Cell* above = nullptr;
        for (const Cell& c : pc.cells[row - 1]) {
          if (x_overlap(box_of(c), box_of(*top))) above = &c;
        }
        if (above == nullptr) break;
        top = above;
      }
      if (top == &ids || stops(*top) || in_block(customer, top)) continue;
      Cell name = name_part(*top);
      bool labelled = name.size() < top->size() && (*top)[name.size()].word->text == ":";
      if (!labelled && name.size() <= 5 && name_like(name) && names_company(name) && !street(name)) return name;
    }
  }
  return std::nullopt;
}

// The domain names of the page's e-mail addresses and websites, their first label ("geoxal" for
// contact@geoxal.ma, www.geoxal.ma), outside the customer block. Mail providers name no company.
std::set<std::string> page_domains(const PageCells& pc, const std::optional<Block>& customer) {
  static const std::set<std::string> kProviders = {"gmail", "hotmail", "yahoo", "outlook", "live", "msn", "icloud",
                                                   "menara", "aol", "gmx", "laposte", "orange", "free", "wanadoo",
                                                   "sfr", "protonmail", "googlemail"};
  std::set<std::string> domains;
  for (const auto& cells : pc.cells) {
    for (const Cell& cell : cells) {
      if (in_block(customer, &cell)) continue;
      for (std::size_t i = 0; i < cell.size(); ++i) {
        std::string text = cell[i].word->text;
        // "contact@ geoxal.ma": the OCR may split the address after its "@".
        if (text.ends_with('@') && i + 1 < cell.size()) text += cell[i + 1].word->text;
        std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
        std::size_t at = text.find('@'), www = text.find("www.");
        std::size_t start = at != std::string::npos ? at + 1 : www != std::string::npos ? www + 4 : std::string::npos;
        if (start == std::string::npos) continue;
        std::size_t dot = text.find('.', start);
        if (dot == std::string::npos) continue;
        std::string label;
        for (char c : text.substr(start, dot - start)) {
          if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) label += c;
        }
        if (label.size() >= 3 && !kProviders.contains(label)) domains.insert(label);
      }
    }
  }
  return domains;
}

// 4. The run of words of a cell that spells a domain of the page ("fenêtre sur cour" for
// fenetresurcour.ma), the tallest if several do; the address's own words are not a name.
std::optional<Cell> domain_name(const PageCells& pc, const std::optional<Block>& customer) {
  std::set<std::string> domains = page_domains(pc, customer);
  if (domains.empty()) return std::nullopt;
  std::optional<Cell> best;
  int best_height = 0;
  for (const auto& cells : pc.cells) {
    for (const Cell& cell : cells) {
      if (in_block(customer, &cell)) continue;
      for (std::size_t i = 0; i < cell.size(); ++i) {
        std::string spelt;
        for (std::size_t j = i; j < cell.size() && spelt.size() < 64; ++j) {
          const std::string& text = cell[j].word->text;
          if (text.find('@') != std::string::npos || text.find("www") != std::string::npos) break;
          for (const std::string& t : ner::keyword_tokens(text)) spelt += t;
          if (!domains.contains(spelt)) continue;
          Cell run(cell.begin() + static_cast<std::ptrdiff_t>(i), cell.begin() + static_cast<std::ptrdiff_t>(j + 1));
          if (box_of(run).height() > best_height) best = run, best_height = box_of(run).height();
        }
      }
    }
  }
  return best;
}

// The letterhead: the tallest text of the top fifth that is not a label, a title or an id line, and
// that the OCR is sure of (a logo read as letters, "ss A", comes with its doubt).
std::optional<Cell> letterhead(const PageCells& pc, int page_height, const std::optional<Block>& customer) {
  std::optional<Cell> best;
  int best_height = 0;
  for (std::size_t r = 0; r < pc.rows.size(); ++r) {
    if (pc.rows[r].box.y0 >= page_height / 5) break;
    for (const Cell& cell : pc.cells[r]) {
      if (in_block(customer, &cell) || stops(cell) || !name_like(cell) || customer_label_words(cell) > 0 ||
          !has_own_word(tokens_of(cell))) {
        continue;
      }
      double confidence = 0;
      for (const RowWord& w : cell) confidence += w.word->confidence;
      if (confidence < 0.7 * static_cast<double>(cell.size())) continue;
      int height = box_of(cell).height();
      if (height > best_height) best = name_part(cell), best_height = height;
    }
  }
  return best;
}

// The company name that starts the footer's legal line ("DIGIBAY SA au capital de ...").
std::optional<Cell> footer_legal_line_name(const PageCells& pc, int page_height, const std::optional<Block>& customer) {
  if (auto line = first_cell(pc, {page_height * 3 / 4, page_height + 1}, customer, legal_line_name)) {
    return name_part(*line->second);
  }
  return std::nullopt;
}

constexpr const char* kLegalLineReason = "company name in the footer's legal line";

}  // namespace

void fill_supplier_name_from_layout(const doc::Document& document, const fields::Schema& schema,
                                    const fields::NormalizeOptions& options, fields::Extraction& extraction) {
  if (document.pages.empty()) return;
  const doc::Page& page = document.pages.front();
  PageCells pc = page_cells(page);
  std::optional<Block> customer = customer_block(pc);
  const int footer_top = page.height * 3 / 4;
  auto set = [&](const Cell& name, const char* reason) { set_name(document, schema, options, extraction, name, reason); };
  if (auto name = under_supplier_label(pc, customer)) return set(*name, "first name under the supplier label (Émetteur, Fournisseur...)");
  if (auto name = footer_legal_line_name(pc, page.height, customer)) return set(*name, kLegalLineReason);
  if (auto name = legal_block_head(pc, footer_top, customer)) return set(*name, "first line of the footer's legal-id block");
  if (auto name = domain_name(pc, customer)) return set(*name, "the words that spell the e-mail or website domain");
}

void fill_supplier_name_from_legal_line(const doc::Document& document, const fields::Schema& schema,
                                        const fields::NormalizeOptions& options, fields::Extraction& extraction) {
  if (document.pages.empty()) return;
  const doc::Page& page = document.pages.front();
  PageCells pc = page_cells(page);
  if (auto name = footer_legal_line_name(pc, page.height, customer_block(pc))) {
    set_name(document, schema, options, extraction, *name, kLegalLineReason);
  }
}

void fill_supplier_name_from_letterhead(const doc::Document& document, const fields::Schema& schema,
                                        const fields::NormalizeOptions& options, fields::Extraction& extraction) {
  if (document.pages.empty()) return;
  const doc::Page& page = document.pages.front();
  PageCells pc = page_cells(page);
  std::optional<Block> customer = customer_block(pc);
  // A legal form alone ("SARL AU", labelled by the model) is no name: the layout's name replaces it.
  if (RoleField field = role_field(schema, extraction, fields::Role::kSupplierName);
      field && field.node->value.value.is_string() &&
      !has_own_word(ner::keyword_tokens(field.node->value.value.get<std::string>()))) {
    *field.node = fields::FieldNode::leaf({});
  }
  if (auto name = letterhead(pc, page.height, customer)) {
    return set_name(document, schema, options, extraction, *name, "tallest text at the top (letterhead)");
  }
  // A name at the top with a legal form may be the customer's (its box often has no label), so it comes
  // after the letterhead.
  auto legal = [](const Cell& c) { Cell n = name_part(c); return names_legal_form(tokens_of(n)) && name_like(n); };
  if (auto name = first_cell(pc, {0, page.height * 3 / 10}, customer, legal)) {
    set_name(document, schema, options, extraction, name_part(*name->second), "company name with a legal form at the top");
  }
}

void keep_supplier_name_on_one_row(const doc::Document& document, std::vector<ner::Candidate>& candidates) {
  for (ner::Candidate& c : candidates) {
    if (c.role != fields::Role::kSupplierName || c.source.words.size() < 2) continue;
    if (c.source.page < 1 || static_cast<std::size_t>(c.source.page) > document.pages.size()) continue;
    const doc::Page& page = document.pages[static_cast<std::size_t>(c.source.page) - 1];
    std::map<std::size_t, std::pair<std::size_t, const doc::Word*>> row_of;  // word id -> (row, word)
    std::vector<VisualRow> rows = visual_rows(page);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (const RowWord& w : rows[r].words) row_of[w.id] = {r, w.word};
    }
    // The span's words by row, in the span's order.
    std::map<std::size_t, std::vector<std::size_t>> by_row;
    for (std::size_t id : c.source.words) {
      if (auto it = row_of.find(id); it != row_of.end()) by_row[it->second.first].push_back(id);
    }
    if (by_row.size() < 2) continue;
    // The first row, and the rows after it that hold a legal form alone ("ELECTRO AINANE" / "SARL AU").
    std::vector<std::size_t> kept;
    for (const auto& [row, ids] : by_row) {
      std::vector<std::string> tokens;
      for (std::size_t id : ids) {
        for (std::string& t : ner::keyword_tokens(row_of[id].second->text)) tokens.push_back(std::move(t));
      }
      if (!kept.empty() && (has_own_word(tokens) || !names_legal_form(tokens))) break;
      kept.insert(kept.end(), ids.begin(), ids.end());
    }
    std::string raw;
    for (std::size_t id : kept) raw += (raw.empty() ? "" : " ") + row_of[id].second->text;
    c.raw = raw;
    c.source = fields::source_of_words(page, kept);
  }
}

}  // namespace textra::extract
