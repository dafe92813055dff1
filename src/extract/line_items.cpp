#include "extract/line_items.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <regex>
#include <set>
#include <string_view>

#include "extract/headerless_items.h"
#include "extract/visual_rows.h"
#include "fields/provenance.h"
#include "ner/keywords.h"
#include "ner/patterns.h"

namespace textra::extract {
namespace {

// What one word of a column label says. kPrice ("prix") and kUnit ("unitaire", "unit", "P.U.") make a
// unit price together or alone; "prix total" is an amount.
// "Net" is an amount column alone ("Net", "Net HT") and qualifies a price after one ("P.U. net").
enum class Hint { kNone, kModifier, kDescription, kQuantity, kPrice, kUnit, kAmount, kNet, kVat, kOther };

Hint hint_of(const std::string& token) {
  static const std::map<std::string, Hint> kHints = {
      {"designation", Hint::kDescription}, {"description", Hint::kDescription}, {"libelle", Hint::kDescription},
      {"article", Hint::kDescription},     {"articles", Hint::kDescription},    {"produit", Hint::kDescription},
      {"produits", Hint::kDescription},    {"prestation", Hint::kDescription},  {"prestations", Hint::kDescription},
      {"item", Hint::kDescription},        {"items", Hint::kDescription},       {"objet", Hint::kDescription},
      {"nature", Hint::kDescription},      {"detail", Hint::kDescription},      {"details", Hint::kDescription},
      {"service", Hint::kDescription},     {"services", Hint::kDescription},    {"desc", Hint::kDescription},
      {"particulars", Hint::kDescription}, {"designations", Hint::kDescription}, {"intitule", Hint::kDescription},
      {"qte", Hint::kQuantity},            {"qty", Hint::kQuantity},            {"quantite", Hint::kQuantity},
      {"quantity", Hint::kQuantity},       {"qt", Hint::kQuantity},             {"nbre", Hint::kQuantity},
      {"nombre", Hint::kQuantity},         {"quantites", Hint::kQuantity},      {"prix", Hint::kPrice},
      {"price", Hint::kPrice},             {"tarif", Hint::kPrice},             {"rate", Hint::kPrice},
      {"unitaire", Hint::kUnit},           {"unit", Hint::kUnit},               {"pu", Hint::kUnit},
      {"puht", Hint::kUnit},               {"unitaires", Hint::kUnit},          {"montant", Hint::kAmount},
      {"montants", Hint::kAmount},         {"mnt", Hint::kAmount},         {"total", Hint::kAmount},            {"amount", Hint::kAmount},
      {"net", Hint::kNet},              {"tva", Hint::kVat},                 {"vat", Hint::kVat},
      {"taux", Hint::kVat},                {"tax", Hint::kVat},                 {"ref", Hint::kOther},
      {"reference", Hint::kOther},         {"code", Hint::kOther},              {"unite", Hint::kOther},
      {"remise", Hint::kOther},            {"discount", Hint::kOther},          {"date", Hint::kOther},
      {"lot", Hint::kOther},               {"ht", Hint::kModifier},             {"ttc", Hint::kModifier},
      {"h", Hint::kModifier},              {"t", Hint::kModifier},              {"de", Hint::kModifier},
      {"des", Hint::kModifier},            {"du", Hint::kModifier},             {"en", Hint::kModifier},
      {"numero", Hint::kModifier},         {"no", Hint::kModifier},             {"eur", Hint::kModifier},
      {"dh", Hint::kModifier},             {"dhs", Hint::kModifier},            {"mad", Hint::kModifier},
      {"brut", Hint::kModifier},           {"p", Hint::kModifier},              {"u", Hint::kModifier},              {"x", Hint::kModifier},
  };
  auto it = kHints.find(token);
  if (it != kHints.end()) return it->second;
  // Labels glued to their tax mode: "TotalHT", "MontantTTC", "PrixHT".
  for (std::string_view suffix : {"ht", "ttc"}) {
    if (token.size() > suffix.size() && token.ends_with(suffix)) {
      it = kHints.find(token.substr(0, token.size() - suffix.size()));
      if (it != kHints.end()) return it->second;
    }
  }
  return Hint::kNone;
}

bool primary(Hint h) { return h != Hint::kNone && h != Hint::kModifier; }

// Two label words that name one column: "Prix unitaire", "Unit price", "Prix total", "Montant TVA",
// "Taux TVA", "Montant total", "Nature des prestations", "Désignation des articles"; a code word before a
// product word is the product's code ("Code article", "Réf. produit"), `product_word` telling "article"
// from a description word ("Réf | Désignation" are two columns).
bool compound(Hint a, Hint b, bool product_word) {
  if (b == Hint::kNet) return a == Hint::kPrice || a == Hint::kUnit || a == Hint::kAmount;
  if (b == Hint::kDescription) return a == Hint::kDescription || (a == Hint::kOther && product_word);
  return (a == Hint::kPrice && (b == Hint::kUnit || b == Hint::kAmount)) || (a == Hint::kUnit && b == Hint::kPrice) ||
         (a == Hint::kAmount && (b == Hint::kVat || b == Hint::kAmount)) || (a == Hint::kVat && b == Hint::kVat) ||
         (a == Hint::kVat && b == Hint::kAmount);
}

struct Label {
  doc::Box box;
  std::vector<std::string> tokens;
  std::vector<Hint> hints;
  Column column = Column::kOther;
  bool ttc = false;  // an amount column "TTC"
  bool ht = false;
};

Column classify(Label& label) {
  auto has = [&](Hint h) { return std::find(label.hints.begin(), label.hints.end(), h) != label.hints.end(); };
  // "P.U." spells p, u.
  for (std::size_t i = 0; i + 1 < label.tokens.size(); ++i) {
    if (label.tokens[i] == "p" && label.tokens[i + 1] == "u") label.hints[i] = Hint::kUnit;
  }
  label.ttc = std::find(label.tokens.begin(), label.tokens.end(), "ttc") != label.tokens.end();
  label.ht = std::find(label.tokens.begin(), label.tokens.end(), "ht") != label.tokens.end();
  if (has(Hint::kQuantity)) return Column::kQuantity;
  if (has(Hint::kUnit) || (has(Hint::kPrice) && !has(Hint::kAmount))) return Column::kUnitPrice;
  if (has(Hint::kAmount) && has(Hint::kVat)) return Column::kOther;  // the VAT amount of the row
  if (has(Hint::kVat)) return Column::kVatRate;
  if (has(Hint::kAmount) || has(Hint::kPrice) || has(Hint::kNet)) return Column::kAmount;
  // "Code produit", "Réf. article": the product's code, not its description.
  if (has(Hint::kDescription) && !has(Hint::kOther)) return Column::kDescription;
  return Column::kOther;
}

// A word that names the description itself ("Désignation", "Description", "Libellé"), not the product
// ("Article", "Produit", "Item").
bool describing_word(const std::string& token) {
  static const std::set<std::string> kDescriptionWords = {"designation", "designations", "description", "desc",
                                                          "libelle", "intitule", "particulars"};
  return kDescriptionWords.contains(token);
}

// A label that names the description itself: the description where a table prints both.
bool describes(const Label& label) { return std::any_of(label.tokens.begin(), label.tokens.end(), describing_word); }

struct HeaderWord {
  doc::Box box;
  std::vector<std::string> tokens;
  Hint hint = Hint::kNone;  // of the first primary token
};

HeaderWord header_word(const doc::Word& w) {
  HeaderWord h{w.box, ner::keyword_tokens(w.text), Hint::kNone};
  for (const std::string& t : h.tokens) {
    Hint th = hint_of(t);
    if (primary(th)) return h.hint = th, h;
    if (th == Hint::kModifier) h.hint = th;
  }
  return h;
}

// A row's labels: geometric cells, split where a word starts another column's label.
// A tax mode or a currency: "HT", "H.T", "TTC", "DH", "EUR".
bool qualifier_word(const std::string& token) {
  static const std::set<std::string> kQualifiers = {"ht", "ttc", "h", "t", "dh", "dhs", "mad", "eur"};
  return kQualifiers.contains(token);
}

// A cell of qualifiers only within two characters of the label before it qualifies that label, printed
// with wide spacing ("Montant  HT"); no column of its own.
std::vector<Label> labels_of(const VisualRow& row) {
  std::vector<Label> labels;
  for (const auto& cell : cells_of(row)) {
    Hint last = Hint::kNone;
    bool qualifier = std::all_of(cell.begin(), cell.end(), [](const RowWord& w) {
      std::vector<std::string> tokens = ner::keyword_tokens(w.word->text);
      return !tokens.empty() && std::all_of(tokens.begin(), tokens.end(), qualifier_word);
    });
    const doc::Box& first = cell.front().word->box;
    bool fresh = !qualifier || labels.empty() || first.x0 - labels.back().box.x1 >= 2 * first.height();
    for (const RowWord& rw : cell) {
      HeaderWord w = header_word(*rw.word);
      bool product_word = std::none_of(w.tokens.begin(), w.tokens.end(), describing_word);
      if (fresh || (primary(w.hint) && primary(last) && !compound(last, w.hint, product_word))) labels.push_back({});
      fresh = false;
      Label& l = labels.back();
      l.box = l.box.united(w.box);
      for (const std::string& t : w.tokens) {
        l.tokens.push_back(t);
        l.hints.push_back(hint_of(t));
      }
      if (primary(w.hint)) last = w.hint;
    }
  }
  return labels;
}

bool has_digit(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Share of the row's words that are column-label words; marks read from rules or dots ("-", ":") are no words.
double label_share(const VisualRow& row) {
  int labelled = 0, words = 0;
  for (const RowWord& w : row.words) {
    HeaderWord h = header_word(*w.word);
    if (h.tokens.empty()) continue;
    ++words;
    labelled += h.hint != Hint::kNone;
  }
  return static_cast<double>(labelled) / static_cast<double>(std::max(1, words));
}

bool x_overlap(const doc::Box& a, const doc::Box& b) { return std::min(a.x1, b.x1) > std::max(a.x0, b.x0); }

// The header's labels when the row is one, with a second row of labels joined ("Prix" / "unitaire").
// `strong`: labels of two kinds or more; a header of one kind (an amount column alone, "Date | Montant
// HT") is a table only when its amounts add up to the totals.
std::optional<std::vector<Label>> header_at(const std::vector<VisualRow>& rows, std::size_t r, std::size_t& body_start,
                                            bool& strong) {
  const VisualRow& row = rows[r];
  if (label_share(row) < 0.6) return std::nullopt;
  for (const RowWord& w : row.words) {
    if (ner::amount_value(w.word->text)) return std::nullopt;
  }
  std::vector<Label> labels = labels_of(row);
  body_start = r + 1;
  if (r + 1 < rows.size()) {
    const VisualRow& next = rows[r + 1];
    bool close = next.box.y0 - row.box.y1 < row.box.height();
    bool labels_only = std::none_of(next.words.begin(), next.words.end(), [](const RowWord& w) { return has_digit(w.word->text); }) &&
                       label_share(next) >= 0.99;
    if (close && labels_only) {
      for (Label& more : labels_of(next)) {
        auto above = std::find_if(labels.begin(), labels.end(), [&](const Label& l) { return x_overlap(l.box, more.box); });
        if (above == labels.end()) {
          labels.push_back(std::move(more));
          continue;
        }
        above->box = above->box.united(more.box);
        above->tokens.insert(above->tokens.end(), more.tokens.begin(), more.tokens.end());
        above->hints.insert(above->hints.end(), more.hints.begin(), more.hints.end());
      }
      body_start = r + 2;
    }
  }
  std::set<Column> kinds;
  bool priced = false;
  for (Label& l : labels) {
    l.column = classify(l);
    if (l.column != Column::kOther) kinds.insert(l.column);
    priced |= l.column == Column::kAmount || l.column == Column::kUnitPrice;
  }
  if (!priced) return std::nullopt;
  strong = kinds.size() >= 2;
  std::sort(labels.begin(), labels.end(), [](const Label& a, const Label& b) { return a.box.x0 < b.box.x0; });
  return labels;
}

// Columns as x ranges: each label's extent widened halfway to its neighbours.
struct Columns {
  std::vector<Label> labels;
  std::vector<int> left, right;  // bounds per label
  int amount = -1, description = -1;

  explicit Columns(std::vector<Label> l) : labels(std::move(l)) {
    // Without a description label, the text left of the first column is the description.
    bool described = std::any_of(labels.begin(), labels.end(), [](const Label& x) { return x.column == Column::kDescription; });
    if (!described && labels.front().box.x0 > 0) {
      doc::Box left_of{0, labels.front().box.y0, labels.front().box.x0, labels.front().box.y1};
      labels.insert(labels.begin(), Label{left_of, {}, {}, Column::kDescription});
    }
    std::size_t n = labels.size();
    left.assign(n, std::numeric_limits<int>::min());
    right.assign(n, std::numeric_limits<int>::max());
    for (std::size_t i = 0; i + 1 < n; ++i) {
      int bound = labels[i].box.x1 <= labels[i + 1].box.x0
                      ? (labels[i].box.x1 + labels[i + 1].box.x0) / 2
                      : (labels[i].box.x0 + labels[i].box.x1 + labels[i + 1].box.x0 + labels[i + 1].box.x1) / 4;
      right[i] = left[i + 1] = bound;
    }
    // The row's amount: the HT amount where the table prints both, else the first amount column.
    for (std::size_t i = 0; i < n; ++i) {
      if (labels[i].column == Column::kDescription &&
          (description < 0 || (describes(labels[i]) && !describes(labels[description])))) {
        description = static_cast<int>(i);
      }
      if (labels[i].column != Column::kAmount) continue;
      if (amount < 0 || (labels[amount].ttc && !labels[i].ttc)) amount = static_cast<int>(i);
    }
  }

  int at(int x) const {
    for (std::size_t i = 0; i < labels.size(); ++i) {
      if (x >= left[i] && x < right[i]) return static_cast<int>(i);
    }
    return static_cast<int>(labels.size()) - 1;
  }
  // Number of column centres a box covers, the description's left out.
  int spanned(const doc::Box& b) const {
    int n = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
      int centre = (labels[i].box.x0 + labels[i].box.x1) / 2;
      n += static_cast<int>(i) != description && b.x0 <= centre && centre < b.x1;
    }
    return n;
  }
};

// One body row: words per column, in order.
struct BodyRow {
  doc::Box box;
  std::map<int, std::vector<RowWord>> cells;
};

std::string joined(const std::vector<RowWord>& words) {
  std::string s;
  for (const RowWord& w : words) s += (s.empty() ? "" : " ") + w.word->text;
  return s;
}

// A cell that opens with a totals label; one word may come before it, OCR having split or misread the
// label's first word ("ontant total H.T").
bool is_totals_label(const std::vector<RowWord>& cell) {
  std::vector<std::string> tokens = ner::keyword_tokens(joined(cell));
  for (const ner::KeywordHit& hit : ner::find_keywords(tokens)) {
    if (hit.first <= 1 && (hit.tag == "HT" || hit.tag == "TTC" || hit.tag == "TOTAL" || hit.tag == "TVA")) return true;
  }
  return false;
}

// A number as a cell prints it: digits, groups of three, a decimal part ("1 234,56" is two words), a
// percent sign at the end; or a date. No OCR run of two numbers ("333.3320.00%").
bool plain_number(const std::string& text) {
  static const std::regex kNumber(R"(-?(\d+|\d{1,3}([.,]\d{3})+)([.,]\d{1,4})?%?|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})");
  return std::regex_match(text, kNumber);
}

// The leading digits of a word that continues a digit group: three of them ("900,00" after "3").
bool continues_group(const std::string& text) {
  std::size_t digits = text.find_first_not_of("0123456789");
  return (digits == std::string::npos ? text.size() : digits) == 3;
}

// The numbers of a cell, or nothing when it holds words: a digit group of one to three digits joins the
// number after it ("3 900,00"), a currency or percent mark the number before it ("3900.00 DH", "20 %").
std::optional<std::vector<std::vector<RowWord>>> numbers_of(const std::vector<RowWord>& cell) {
  std::vector<std::vector<RowWord>> numbers;
  bool group_open = false;  // the last number is a digit group that the next one may continue
  for (const RowWord& w : cell) {
    const std::string& text = w.word->text;
    if (!has_digit(text)) {
      if (numbers.empty() || text.size() > 3) return std::nullopt;
      numbers.back().push_back(w);
      group_open = false;
      continue;
    }
    if (!plain_number(text)) return std::nullopt;
    if (group_open && continues_group(text)) {
      numbers.back().push_back(w);
    } else {
      numbers.push_back({w});
    }
    group_open = text.size() <= 3 && text.find_first_not_of("0123456789") == std::string::npos;
  }
  return numbers;
}

// The columns a body cell starts in and is centred in, where they are not those of its first word and
// its middle. `row_so_far`: the row's cells left of it; `description_left`: where the description cells of
// the rows above start, when any did.
std::pair<int, int> cell_columns(const std::vector<RowWord>& cell, const doc::Box& box, const Columns& columns,
                                 const std::map<int, std::vector<RowWord>>& row_so_far, std::optional<int> description_left) {
  int start = columns.at(box.x0);
  int column = columns.at((box.x0 + box.x1) / 2);
  // A cell of numbers under a centred or right-aligned label may start a little (less than a character)
  // left of its column's bound, in the description's ("01/02/2023" under "Date début").
  bool digits = std::all_of(cell.begin(), cell.end(), [](const RowWord& w) { return has_digit(w.word->text); });
  if (start == columns.description && column != start && digits && box.x0 >= columns.left[column] - box.height()) {
    return {column, column};
  }
  // Text left-aligned with the descriptions above, under a label centred over a wide column: a line of a
  // description that starts left of its column's bound ("Aluminium" under "Fourniture des échafaudages").
  if (start < columns.description && !digits && description_left && std::abs(box.x0 - *description_left) < box.height()) {
    return {columns.description, columns.description};
  }
  // The end of a description that runs past the halfway bound ("Plaquettes de frein - modèle | 486"):
  // closer than two characters to the description's words, left of the next column's label.
  auto d = row_so_far.find(columns.description);
  if (d != row_so_far.end() && start == columns.description + 1 && box.x0 - d->second.back().word->box.x1 < 2 * box.height() &&
      box.x1 < columns.labels[start].box.x0) {
    return {columns.description, columns.description};
  }
  return {start, column};
}

// The row's words by column; nullopt when the row ends the table (a totals label, a sentence across columns).
// `description_left`: where the description cells of the rows above start, when any did.
std::optional<BodyRow> body_row(const VisualRow& row, const Columns& columns, std::optional<int> description_left) {
  BodyRow out{row.box, {}};
  auto centre = [](const doc::Box& b) { return (b.x0 + b.x1) / 2; };
  for (const auto& cell : cells_of(row)) {
    doc::Box box;
    for (const RowWord& w : cell) box = box.united(w.word->box);
    auto [start, column] = cell_columns(cell, box, columns, out.cells, description_left);
    int spanned = columns.spanned(box);
    // Numbers of tight columns that ran together ("3 900,00 3900.00 DH" under "Tarif | Montant"): each
    // to the column holding its centre, one per column (more are no table cells).
    auto numbers = start == columns.description ? std::nullopt : numbers_of(cell);
    if (spanned >= 2 && numbers && !is_totals_label(cell)) {
      std::map<int, const std::vector<RowWord>*> by_column;
      for (const auto& number : *numbers) {
        by_column.emplace(columns.at(centre(number.front().word->box.united(number.back().word->box))), &number);
      }
      if (by_column.size() < numbers->size()) return std::nullopt;
      for (const auto& [c, number] : by_column) out.cells[c] = *number;
      continue;
    }
    // Descriptions stop short of the numbers; other cells fill one column.
    if (spanned >= (start == columns.description ? 1 : 2) || is_totals_label(cell)) return std::nullopt;
    if (start == columns.description) {
      auto& words = out.cells[start];
      auto text = cell.begin();
      while (words.empty() && text + 1 < cell.end() && is_stray_mark(*text->word)) ++text;  // a bullet
      words.insert(words.end(), text, cell.end());
      continue;
    }
    // A cell under one column goes whole ("9 600,00" whose "9" is left of the bound)...
    auto& words = out.cells[column];
    // ...but a code column's value run into the description beside it ("8806090259104 AR18TSHZRWKN/R"
    // under "Code | Désignation"): the reference codes that open the cell under that column are its own.
    auto rest = cell.begin();
    while (column == columns.description && rest + 1 < cell.end() && is_reference_code(rest->word->text) &&
           columns.at(centre(rest->word->box)) == start) {
      out.cells[start].push_back(*rest++);
    }
    // Two cells far apart under the amount column: a column without a label ran into it ("20" of a VAT
    // column beside "1168.00"); the cell nearer the label's centre is the amount.
    if (column == columns.amount && !words.empty() && box.x0 - words.back().word->box.x1 > 2 * std::max(box.height(), 1)) {
      const doc::Box& label = columns.labels[column].box;
      auto distance = [&](int x0, int x1) { return std::abs((x0 + x1) - (label.x0 + label.x1)); };
      if (distance(box.x0, box.x1) >= distance(words.front().word->box.x0, words.back().word->box.x1)) continue;
      words.clear();
    }
    words.insert(words.end(), rest, cell.end());
  }
  return out;
}

// The cell's text without the marks OCR reads from rules and dots after a number ("3900.00 .", "375,00]").
std::string number_text(const std::vector<RowWord>& words) {
  std::string s = joined(words);
  auto mark = [](char c) { return c == '.' || c == ',' || c == ']' || c == '[' || c == '}' || c == '{' || c == '|' || c == ' '; };
  while (!s.empty() && mark(s.back())) s.pop_back();
  return s;
}

ItemCell item_cell(const doc::Page& page, const std::vector<const std::vector<RowWord>*>& parts, bool numeric) {
  ItemCell cell;
  std::vector<std::size_t> ids;
  for (const auto* words : parts) {
    if (!cell.raw.empty()) cell.raw += '\n';
    cell.raw += numeric ? number_text(*words) : joined(*words);
    for (const RowWord& w : *words) ids.push_back(w.id);
  }
  cell.source = fields::source_of_words(page, ids);
  return cell;
}

bool reads_as_amount(const std::vector<RowWord>& words) {
  std::string text = number_text(words);
  return fields::parse_amount(text).has_value() && has_digit(text);
}

// The body indexes of the rows that carry an item's price: an amount in the amount column, else (no
// amount column, or none of its cells read) in the first unit price column that has any.
std::vector<std::size_t> priced_rows(const std::vector<BodyRow>& body, const Columns& columns) {
  std::vector<int> priced{columns.amount};
  for (std::size_t i = 0; i < columns.labels.size(); ++i) {
    if (columns.labels[i].column == Column::kUnitPrice) priced.push_back(static_cast<int>(i));
  }
  for (int column : priced) {
    std::vector<std::size_t> rows;
    for (std::size_t b = 0; b < body.size(); ++b) {
      auto it = body[b].cells.find(column);
      if (it != body[b].cells.end() && reads_as_amount(it->second)) rows.push_back(b);
    }
    if (!rows.empty()) return rows;
  }
  return {};
}

// An amount the OCR did not read where the row's quantity and unit price were: their product.
void complete_amount(ItemRow& item) {
  if (item.amount || !item.quantity || !item.unit_price) return;
  auto quantity = fields::parse_amount(item.quantity->raw);
  auto unit_price = fields::parse_amount(item.unit_price->raw);
  if (!quantity || !unit_price) return;
  item.amount = ItemCell{"", {}, "quantity x unit price (the amount was not read)",
                         std::round(quantity->value * unit_price->value * 100) / 100};
}

std::vector<ItemRow> items_from(const doc::Page& page, const std::vector<BodyRow>& body, const Columns& columns) {
  std::vector<std::size_t> item_rows = priced_rows(body, columns);
  if (item_rows.empty()) return {};
  std::size_t described = std::count_if(item_rows.begin(), item_rows.end(),
                                        [&](std::size_t b) { return body[b].cells.contains(columns.description); });
  auto text_row = [&](std::size_t b) {
    return body[b].cells.contains(columns.description) && !std::binary_search(item_rows.begin(), item_rows.end(), b);
  };
  bool leading_text = false, continued = false;  // text rows before the first item, after it
  for (std::size_t b = 0; b < body.size(); ++b) (b < item_rows.front() ? leading_text : continued) |= text_row(b);
  // Descriptions that start on their amount's row continue under it; text above the first amount means
  // descriptions centred on (or ending at) their amounts, whose lines go to the nearest item.
  bool description_on_price_row = described * 2 >= item_rows.size() && !leading_text;
  // Items of one row each, all described, under lines of text: those lines are a section heading ("FIAT
  // FIORINO CHASSIS 06Y34768" over its fees), not part of the first item.
  bool one_row_items = leading_text && described == item_rows.size() && item_rows.size() >= 2;
  bool heading = one_row_items && !continued;
  // Such items under section headings ("Abonnement" / item / "Communications" / item / item / "Divers" /
  // item): one text row right above some items, between two items (or the header and the first), none
  // under the last item. Descriptions that start above their amount's row would start above every item.
  auto is_item = [&](std::size_t b) { return std::binary_search(item_rows.begin(), item_rows.end(), b); };
  bool sections = one_row_items;
  std::size_t headed = 0;  // items under a text row
  for (std::size_t b = 0; b < body.size() && sections; ++b) {
    if (!text_row(b)) continue;
    sections = b + 1 < body.size() && is_item(b + 1) && (b == 0 || is_item(b - 1));
    ++headed;
  }
  sections &= headed < item_rows.size();
  // Each body row's item.
  std::vector<std::vector<std::size_t>> members(item_rows.size());
  for (std::size_t b = heading ? item_rows.front() : 0; b < body.size(); ++b) {
    auto next = std::lower_bound(item_rows.begin(), item_rows.end(), b);
    std::size_t k = static_cast<std::size_t>(next - item_rows.begin());
    if (next != item_rows.end() && *next == b) {
      members[k].push_back(b);
      continue;
    }
    if (sections && text_row(b)) continue;
    auto centre = [&](std::size_t r) { return body[r].box.y0 + body[r].box.y1; };
    bool has_prev = k > 0, has_next = k < item_rows.size();
    bool to_prev = has_prev && (!has_next || description_on_price_row ||
                                centre(b) - centre(item_rows[k - 1]) <= centre(item_rows[k]) - centre(b));
    members[to_prev ? k - 1 : k].push_back(b);
  }
  std::vector<ItemRow> items;
  for (const auto& rows : members) {
    std::map<int, std::vector<const std::vector<RowWord>*>> parts;
    for (std::size_t b : rows) {
      for (const auto& [column, words] : body[b].cells) parts[column].push_back(&words);
    }
    ItemRow item;
    for (auto& [column, list] : parts) {
      const Label& label = columns.labels[column];
      ItemCell cell = item_cell(page, list, label.column != Column::kDescription);
      switch (label.column) {
        case Column::kDescription: if (column == columns.description) item.description = cell; break;
        case Column::kQuantity: item.quantity = cell; break;
        case Column::kUnitPrice: if (!item.unit_price) item.unit_price = cell; break;
        case Column::kVatRate: item.vat_rate = cell; break;
        case Column::kAmount: if (column == columns.amount) item.amount = cell; break;
        case Column::kOther: break;
      }
    }
    complete_amount(item);
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace

std::optional<std::string> total_matched_by(double sum, const ItemTotals& totals) {
  auto equal = [&](std::optional<double> total) { return total && std::fabs(sum - *total) < 0.011; };
  if (equal(totals.ht)) return "total_ht";
  if (totals.ttc && totals.tva && equal(*totals.ttc - *totals.tva)) return "total_ttc - total_tva";
  if (equal(totals.ttc)) return "total_ttc";
  return std::nullopt;
}

std::optional<double> amount_of(const ItemCell& cell) {
  if (cell.computed) return cell.computed;
  auto amount = fields::parse_amount(cell.raw);
  return amount ? std::optional<double>(amount->value) : std::nullopt;
}

// A cell that is one number and nothing else ("U\n350.00" is a header's letters over an amount).
bool number_alone(const ItemCell& cell) {
  auto numeric = [](char c) { return (c >= '0' && c <= '9') || c == ' ' || c == ',' || c == '.' || c == '-'; };
  return cell.computed || (!cell.raw.empty() && std::all_of(cell.raw.begin(), cell.raw.end(), numeric));
}

// Whether a table under a header of one kind holds: every item has a description (a totals table under
// its labels has none) and the amounts add up to a total.
bool weak_header_holds(const std::vector<ItemRow>& items, const ItemTotals& totals) {
  double sum = 0;
  for (const ItemRow& item : items) {
    if (!item.description || !item.amount || !number_alone(*item.amount)) return false;
    std::optional<double> amount = amount_of(*item.amount);
    if (!amount) return false;
    sum += *amount;
  }
  return total_matched_by(sum, totals).has_value();
}

int median_height(const VisualRow& row) {
  std::vector<int> heights;
  for (const RowWord& w : row.words) heights.push_back(w.word->box.height());
  std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
  return heights[heights.size() / 2];
}

std::vector<ItemRow> find_line_items(const doc::Page& page, const ItemTotals& totals) {
  std::vector<VisualRow> rows = visual_rows(page);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::size_t start = 0;
    bool strong = false;
    auto labels = header_at(rows, r, start, strong);
    if (!labels) continue;
    Columns columns(std::move(*labels));
    std::vector<BodyRow> body;
    std::optional<int> description_left;
    for (std::size_t b = start; b < rows.size(); ++b) {
      // Five rows of text, measured on the header too: a row's box may come from a mark ("*") smaller than text.
      int last_bottom = body.empty() ? rows[start - 1].box.y1 : body.back().box.y1;
      int text_height = std::max({rows[b].box.height(), rows[start - 1].box.height(), 1});
      if (rows[b].box.y0 - last_bottom > 5 * text_height) break;
      // Letters twice as tall as the header's are no table row: a stamp or a signature over the table's end.
      if (median_height(rows[b]) > 2 * median_height(rows[r])) break;
      auto row = body_row(rows[b], columns, description_left);
      if (!row) break;
      if (auto cell = row->cells.find(columns.description); cell != row->cells.end()) {
        int x0 = cell->second.front().word->box.x0;
        description_left = std::min(description_left.value_or(x0), x0);
      }
      body.push_back(std::move(*row));
    }
    std::vector<ItemRow> items = items_from(page, body, columns);
    if (!items.empty() && (strong || weak_header_holds(items, totals))) return items;
  }
  return headerless_line_items(page, totals);
}

fields::FieldNode line_items_node(const std::vector<ItemRow>& rows, const fields::FieldSpec& items_spec,
                                  const fields::RoleMap& roles, const fields::NormalizeOptions& options) {
  fields::FieldNode array = fields::FieldNode::array();
  for (const ItemRow& row : rows) {
    fields::FieldNode item = fields::empty_fields(items_spec);
    auto put = [&](fields::Role role, const std::optional<ItemCell>& cell) {
      const std::string* name = roles.path(role);
      const fields::FieldSpec* spec = name ? items_spec.property(*name) : nullptr;
      if (spec == nullptr || !cell) return;
      std::optional<std::string> reason;
      if (!cell->reason.empty()) reason = cell->reason;
      if (cell->computed) {
        item.set_member(*name, fields::FieldNode::leaf({*cell->computed, std::nullopt, std::nullopt, std::nullopt, reason}));
        return;
      }
      auto value = fields::normalize_printed(*spec, cell->raw, options);
      fields::Json v = value.is_ok() ? *value : fields::Json(nullptr);
      item.set_member(*name, fields::FieldNode::leaf({v, cell->raw, std::nullopt, cell->source, reason}));
    };
    put(fields::Role::kItemDescription, row.description);
    put(fields::Role::kItemQuantity, row.quantity);
    put(fields::Role::kItemUnitPrice, row.unit_price);
    put(fields::Role::kItemAmount, row.amount);
    put(fields::Role::kItemVatRate, row.vat_rate);
    array.elements.push_back(std::move(item));
  }
  return array;
}

}  // namespace textra::extract
