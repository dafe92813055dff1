#include "extract/party_cells.h"

#include <algorithm>
#include <set>

#include "fields/normalize.h"
#include "fields/provenance.h"
#include "ner/keywords.h"
#include "ner/patterns.h"

namespace textra::extract {
namespace {

// Customer labels, as keyword tokens.
const std::vector<std::vector<std::string>> kCustomerLabels = {
    {"client"}, {"customer"}, {"facture", "a"}, {"facturer", "a"}, {"adresse", "de", "facturation"},
    {"adresse", "de", "livraison"}, {"livre", "a"}, {"destinataire"}, {"bill", "to"}, {"billed", "to"},
    {"sold", "to"}, {"ship", "to"}, {"invoice", "to"}, {"nom", "du", "client"}, {"raison", "sociale", "client"},
};
// Tokens that end a party block or are no name: ids, contacts, dates, document words.
const std::set<std::string> kStopTokens = {"ice", "if", "rc", "patente", "tp", "cnss", "siret", "siren", "rcs", "tel",
                                           "telephone", "fax", "gsm", "email", "mail", "www", "date", "facture",
                                           "invoice", "numero", "no", "tva", "vat", "capital", "rib", "iban",
                                           "devis", "commande", "reference", "ref", "page", "echeance"};

bool is_null(const fields::FieldNode* node) {
  return node != nullptr && node->kind == fields::FieldNode::Kind::kValue && node->value.value.is_null();
}

}  // namespace

PageCells page_cells(const doc::Page& page) {
  PageCells out{visual_rows(page), {}};
  for (const VisualRow& row : out.rows) out.cells.push_back(cells_of(row, 1.5));
  return out;
}

std::vector<std::string> tokens_of(const Cell& cell, std::size_t from) {
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

std::string text_of(const Cell& cell, std::size_t from) {
  std::string s;
  for (std::size_t i = from; i < cell.size(); ++i) {
    const std::string& t = cell[i].word->text;
    if (s.empty() && (t == ":" || t == "-")) continue;
    s += (s.empty() ? "" : " ") + t;
  }
  if (!s.empty() && s.front() == ':') s.erase(0, 1);
  while (!s.empty() && (s.back() == ',' || s.back() == ' ' || s.back() == '-')) s.pop_back();
  return s;
}

bool x_overlap(const doc::Box& a, const doc::Box& b) { return std::min(a.x1, b.x1) > std::max(a.x0, b.x0); }

bool is_stop_token(const std::string& token) { return kStopTokens.contains(token); }

bool stops(const Cell& cell) {
  for (const std::string& t : tokens_of(cell)) {
    if (is_stop_token(t)) return true;
  }
  for (const RowWord& w : cell) {
    if (ner::looks_like_date(w.word->text) || ner::amount_value(w.word->text)) return true;
  }
  return false;
}

bool name_like(const Cell& cell, std::size_t from) {
  int letters = 0, digits = 0;
  bool word = false;
  for (const std::string& t : tokens_of(cell, from)) {
    for (char c : t) (c >= '0' && c <= '9' ? digits : letters) += 1;
    word |= t.size() > 1 && std::all_of(t.begin(), t.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  }
  return word && digits * 10 < (letters + digits) * 3;
}

bool addressy(const Cell& cell) {
  for (const ner::KeywordHit& hit : ner::find_keywords(tokens_of(cell))) {
    if (hit.tag == "ADDR") return true;
  }
  return false;
}

std::size_t label_words(const Cell& cell, const std::vector<std::vector<std::string>>& labels, std::size_t max_start) {
  std::vector<std::string> tokens;
  std::vector<std::size_t> owner;
  for (std::size_t i = 0; i < cell.size(); ++i) {
    for (std::string& t : ner::keyword_tokens(cell[i].word->text)) {
      tokens.push_back(std::move(t));
      owner.push_back(i);
    }
  }
  for (std::size_t start = 0; start < std::min(max_start, tokens.size()); ++start) {
    for (const auto& label : labels) {
      if (start + label.size() > tokens.size()) continue;
      if (std::equal(label.begin(), label.end(), tokens.begin() + static_cast<std::ptrdiff_t>(start))) {
        return owner[start + label.size() - 1] + 1;
      }
    }
  }
  return 0;
}

// The label opens the cell (its first three tokens), so "code client" and "N° client" count, a sentence
// that mentions a client does not.
std::size_t customer_label_words(const Cell& cell) { return label_words(cell, kCustomerLabels, 3); }

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

std::optional<Block> customer_block(const PageCells& pc) {
  for (std::size_t r = 0; r < pc.rows.size(); ++r) {
    for (const Cell& cell : pc.cells[r]) {
      std::size_t label = customer_label_words(cell);
      if (label == 0) continue;
      Block block;
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

bool in_block(const std::optional<Block>& block, const Cell* cell) {
  return block && std::find(block->lines.begin(), block->lines.end(), cell) != block->lines.end();
}

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

}  // namespace textra::extract
