#include "extract/headerless_items.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "extract/page_amounts.h"
#include "extract/visual_rows.h"
#include "fields/provenance.h"
#include "ner/keywords.h"

namespace textra::extract {
namespace {

constexpr int kMaxAmountColumns = 3;  // amount columns tried, counted from the right of a row

int letters(const std::string& s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](unsigned char c) { return std::isalpha(c) || c >= 0x80; }));
}

// What a visual row is to a headerless table: an item (a description, then amounts), text (a description
// only), a VAT line, something to pass over (no description, no amount: OCR noise), or the end of a
// table (a totals label, or amounts without a description: a totals or VAT summary block).
enum class RowKind { kItem, kText, kVat, kSkip, kEnd };

struct Row {
  RowKind kind = RowKind::kEnd;
  std::size_t line = 0;                       // in the rows page
  std::size_t desc_first = 0, desc_last = 0;  // the description's words [first, last) in the line
  std::vector<PrintedAmount> amounts;         // left to right
  doc::Box desc_box;
};

std::string words_text(const doc::Line& line, std::size_t first, std::size_t last) {
  std::string s;
  for (std::size_t k = first; k < last; ++k) s += (s.empty() ? "" : " ") + line.words[k].text;
  return s;
}

// kEnd for a totals label, kVat for a VAT label, else kItem. A VAT line is a label, a rate and amounts
// ("TVA 20 % 380,00", "Montant TVA 20% sur HT 380,00"): a row of more words is a description that names
// a tax ("Tax compliance et suivi comptable pour la période du mois de Juin 2022 1400,00").
RowKind labelled_kind(const doc::Line& line) {
  constexpr int kMaxVatLineWords = 6;
  std::vector<std::string> tokens = ner::keyword_tokens(words_text(line, 0, line.words.size()));
  bool vat = false;
  for (const ner::KeywordHit& hit : ner::find_keywords(tokens)) {
    if (hit.tag == "HT" || hit.tag == "TTC" || hit.tag == "TOTAL") return RowKind::kEnd;
    vat |= hit.tag == "TVA";
  }
  int words = static_cast<int>(std::count_if(line.words.begin(), line.words.end(), [](const doc::Word& w) { return letters(w.text) >= 2; }));
  return vat && words <= kMaxVatLineWords ? RowKind::kVat : RowKind::kItem;
}

Row classify(const doc::Page& rows, std::size_t l) {
  const doc::Line& line = rows.lines[l];
  Row row{RowKind::kEnd, l, 0, 0, amounts_on_line(rows, l), {}};
  if (RowKind labelled = labelled_kind(line); labelled != RowKind::kItem) {
    row.kind = labelled;
    return row;
  }
  // The description: the cell (words closer than three characters) with the most letters left of the
  // amounts, with the cells after it that hold letters; a side block before it is left out, and so is a
  // reference code that starts it ("41010001 Gasoil (MONETIQUE)", "RD35TD CACHET ROND").
  VisualRow before{line.box, {}};
  std::size_t end = row.amounts.empty() ? line.words.size() : row.amounts.front().first;
  for (std::size_t k = 0; k < end; ++k) before.words.push_back({k, &line.words[k]});
  std::vector<std::vector<RowWord>> cells = cells_of(before, 3.0);
  auto letters_of = [](const std::vector<RowWord>& cell) {
    int n = 0;
    for (const RowWord& w : cell) n += letters(w.word->text);
    return n;
  };
  std::size_t best = cells.size();
  int best_letters = 2;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (int n = letters_of(cells[c]); n > best_letters) best = c, best_letters = n;
  }
  if (best == cells.size()) {
    row.kind = row.amounts.empty() ? RowKind::kSkip : RowKind::kEnd;
    return row;
  }
  row.desc_first = cells[best].front().id;
  row.desc_last = cells[best].back().id + 1;
  for (std::size_t c = best + 1; c < cells.size() && letters_of(cells[c]) > 0; ++c) row.desc_last = cells[c].back().id + 1;
  while (row.desc_last - row.desc_first > 1 && is_stray_mark(line.words[row.desc_first])) ++row.desc_first;
  // The box, code included, is where continuation lines start.
  for (std::size_t k = row.desc_first; k < row.desc_last; ++k) row.desc_box = row.desc_box.united(line.words[k].box);
  if (row.desc_last - row.desc_first > 1 && is_reference_code(line.words[row.desc_first].text)) ++row.desc_first;
  row.kind = row.amounts.empty() ? RowKind::kText : RowKind::kItem;
  return row;
}

ItemCell cell_of(const doc::Page& page, const RowsPage& rp, const std::vector<std::pair<std::size_t, std::size_t>>& ranges,
                 const std::vector<std::size_t>& lines, const std::string& reason) {
  ItemCell cell;
  std::vector<std::size_t> ids;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const doc::Line& line = rp.page.lines[lines[i]];
    cell.raw += (cell.raw.empty() ? "" : "\n") + words_text(line, ranges[i].first, ranges[i].second);
    std::size_t base = first_word_ids(rp.page)[lines[i]];
    for (std::size_t k = ranges[i].first; k < ranges[i].second; ++k) ids.push_back(rp.original_id[base + k]);
  }
  cell.source = fields::source_of_words(page, ids);
  cell.reason = reason;
  return cell;
}

// A run of item rows, each with the text rows that continue its description. Only a run that a totals
// or summary row ends is a table: items come before their totals.
struct Run {
  std::vector<Row> items;
  std::vector<std::vector<Row>> continued;
};

std::vector<Run> runs_of(const std::vector<Row>& rows) {
  std::vector<Run> runs;
  std::optional<Run> open;
  for (const Row& row : rows) {
    switch (row.kind) {
      case RowKind::kItem:
        if (!open) open.emplace();
        open->items.push_back(row);
        open->continued.push_back({});
        break;
      case RowKind::kText: {
        if (!open) break;
        // Under the description it continues; text elsewhere on the row (a side block) is no part of it.
        const doc::Box& above = open->items.back().desc_box;
        int h = std::max(above.height(), 1);
        if (row.desc_box.x0 >= above.x0 - h && row.desc_box.x0 < above.x1) open->continued.back().push_back(row);
        break;
      }
      case RowKind::kVat:
      case RowKind::kSkip: break;
      case RowKind::kEnd:
        if (open) runs.push_back(std::move(*open));
        open.reset();
        break;
    }
  }
  return runs;
}

// The amount column, counted from the right, whose sum is a total: total HT first (the items' own),
// then TTC - TVA, then TTC. -1 when none.
int amount_column(const Run& run, const ItemTotals& totals, std::string& matched) {
  for (int pass = 0; pass < 3; ++pass) {
    for (int col = 0; col < kMaxAmountColumns; ++col) {
      double sum = 0;
      bool every_row = true;
      for (const Row& r : run.items) {
        if (static_cast<int>(r.amounts.size()) <= col) every_row = false;
        else sum += r.amounts[r.amounts.size() - 1 - col].value;
      }
      if (!every_row) continue;
      std::optional<std::string> by = total_matched_by(sum, totals);
      static const char* kOrder[] = {"total_ht", "total_ttc - total_tva", "total_ttc"};
      if (by && *by == kOrder[pass]) return matched = *by, col;
    }
  }
  return -1;
}

// Quantity and unit price: the number before the amount and the one before that (an amount, or a whole
// number word: "2", "1,00") whose product is the amount.
void quantity_and_unit_price(const doc::Page& page, const RowsPage& rp, const Row& r, std::size_t a, ItemRow& item) {
  const doc::Line& line = rp.page.lines[r.line];
  const PrintedAmount& amount = r.amounts[a];
  const PrintedAmount& u = r.amounts[a - 1];
  std::pair<std::size_t, std::size_t> q_range;
  std::optional<double> q;
  if (a >= 2) {
    q = r.amounts[a - 2].value, q_range = {r.amounts[a - 2].first, r.amounts[a - 2].last};
  } else if (u.first > r.desc_last) {
    const std::string& word = line.words[u.first - 1].text;
    bool whole = !word.empty() && word.size() <= 4 && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (whole) q = std::stod(word), q_range = {u.first - 1, u.first};
  }
  if (!q || std::fabs(*q * u.value - amount.value) >= 0.011) return;
  const std::string why = "quantity x unit price = amount on the row";
  item.quantity = cell_of(page, rp, {q_range}, {r.line}, why);
  item.unit_price = cell_of(page, rp, {{u.first, u.last}}, {r.line}, why);
}

}  // namespace

bool is_reference_code(const std::string& word) {
  bool digit = std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
  bool lower = std::any_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  return word.size() >= 5 && digit && !lower;
}

std::vector<ItemRow> headerless_line_items(const doc::Page& page, const ItemTotals& totals) {
  if (!totals.ht && !totals.ttc) return {};
  RowsPage rp = rows_page(page);
  std::vector<Row> rows;
  for (std::size_t l = 0; l < rp.page.lines.size(); ++l) rows.push_back(classify(rp.page, l));
  for (const Run& run : runs_of(rows)) {
    std::string matched;
    int col = amount_column(run, totals, matched);
    if (col < 0) continue;
    std::string reason = "items table without a header: the rows' amounts add up to " + matched;
    std::vector<ItemRow> items;
    for (std::size_t i = 0; i < run.items.size(); ++i) {
      const Row& r = run.items[i];
      ItemRow item;
      std::vector<std::size_t> lines{r.line};
      std::vector<std::pair<std::size_t, std::size_t>> ranges{{r.desc_first, r.desc_last}};
      for (const Row& more : run.continued[i]) lines.push_back(more.line), ranges.push_back({more.desc_first, more.desc_last});
      item.description = cell_of(page, rp, ranges, lines, reason);
      std::size_t a = r.amounts.size() - 1 - static_cast<std::size_t>(col);
      const PrintedAmount& amount = r.amounts[a];
      item.amount = cell_of(page, rp, {{amount.first, amount.last}}, {r.line}, reason);
      if (a >= 1) quantity_and_unit_price(page, rp, r, a, item);
      items.push_back(std::move(item));
    }
    return items;
  }
  return {};
}

}  // namespace textra::extract
