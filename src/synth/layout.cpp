#include "synth/layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/utf8.h"

namespace textra::synth {
namespace {

enum class Align { kLeft, kRight, kCentre };

const std::vector<std::uint32_t> kLogoColours = {0x1f3a93, 0xc0392b, 0x27ae60, 0x8e44ad, 0xd35400, 0x2c3e50, 0x16a085, 0x000000};

std::string joined_text(const std::vector<Part>& parts) {
  std::string out;
  for (const Part& p : parts) {
    if (!p.text.empty()) out += (out.empty() ? "" : " ") + p.text;
  }
  return out;
}

class Layout {
 public:
  Layout(const InvoiceContent& c, Rng& rng, Canvas& canvas, int dpi, double scale)
      : c_(c), rng_(rng), canvas_(canvas), dpi_(dpi), scale_(scale) {
    fonts_count_ = canvas.family_count();
    body_.family = rng.uniform(0, fonts_count_ - 1);
    body_.size = px(rng.real(8.5, 11));
    body_.rgb = rng.chance(0.8) ? 0x000000 : 0x333333;
    small_ = body_;
    small_.size = std::max(px(6.5), body_.size * 4 / 5);
    bold_ = body_;
    bold_.bold = true;
    margin_ = static_cast<int>(dpi * rng.real(0.45, 0.85));
    left_ = margin_;
    right_ = canvas.width() - margin_;
    y_ = margin_;
    separator_ = rng.pick(std::vector<std::string>{" :", ":", "", " : "});
  }

  bool draw() {
    const int footer_top = footer_height_estimate();
    header();
    customer();
    extra_lines();
    table();
    totals();
    if (y_ > canvas_.height() - margin_ - footer_top) return false;
    footer();
    return true;
  }

 private:
  int fonts_count() const { return fonts_count_; }
  int px(double points) const { return std::max(6, static_cast<int>(std::lround(points * dpi_ / 72.0 * scale_))); }
  int advance(const TextStyle& s) const { return s.size * 135 / 100; }
  std::string label(const std::string& l) const { return l + separator_; }

  // Draws parts aligned between x0 and x1 on baseline; returns the left x used.
  int put(const std::vector<Part>& parts, const TextStyle& style, Align align, int x0, int x1, int baseline) {
    int w = canvas_.text_width(joined_text(parts), style);
    int x = align == Align::kLeft ? x0 : align == Align::kRight ? x1 - w : (x0 + x1 - w) / 2;
    canvas_.draw(x, baseline, parts, style);
    return x;
  }
  // A line at the cursor, moving the cursor down.
  void line(const std::vector<Part>& parts, const TextStyle& style, Align align, int x0, int x1) {
    y_ += style.size;
    put(parts, style, align, x0, x1, y_);
    y_ += advance(style) - style.size;
  }
  void rule(int x0, int x1, int y, std::uint32_t rgb = 0x000000) {
    canvas_.fill({x0, y, x1, y + std::max(1, dpi_ / 100)}, rgb);
  }
  void vrule(int x, int y0, int y1) { canvas_.fill({x, y0, x + std::max(1, dpi_ / 100), y1}, 0x000000); }

  std::vector<Part> amount_parts(double value, const std::string& field) {
    std::string printed = c_.printed_total(value), number = c_.money(value);
    if (printed == number || printed.find(number) != 0) return {{printed, field}};
    return {{number, field}, {printed.substr(number.size() + 1), ""}};
  }

  int footer_height_estimate() const { return 4 * (small_.size * 135 / 100) + margin_ / 2; }

  void header() {
    const double a = rng_.real();
    logo_align_ = a < 0.45 ? Align::kLeft : a < 0.7 ? Align::kRight : Align::kCentre;
    TextStyle logo;
    logo.family = rng_.uniform(0, fonts_count() - 1);
    logo.bold = rng_.chance(0.85);
    logo.size = px(rng_.real(15, 28));
    logo.rgb = rng_.chance(0.4) ? 0x000000 : rng_.pick(kLogoColours);
    const int half = (left_ + right_) / 2;
    int x0 = left_, x1 = logo_align_ == Align::kCentre ? right_ : half;
    if (logo_align_ == Align::kRight) x0 = half, x1 = right_;
    // Narrow the logo until it fits its half of the page.
    while (logo.size > body_.size && canvas_.text_width(c_.supplier.name, logo) > x1 - x0) logo.size -= 2;
    const int top = y_;
    if (rng_.chance(0.12)) {  // a coloured banner with the name in white
      std::uint32_t colour = rng_.pick(kLogoColours);
      canvas_.fill({0, 0, canvas_.width(), y_ + logo.size * 3 / 2}, colour == 0 ? 0x2c3e50 : colour);
      logo.rgb = 0xffffff;
    }
    line({{c_.supplier.name, "supplier.name"}}, logo, logo_align_, x0, x1);
    y_ += logo.size / 3;
    const Align details = logo_align_ == Align::kCentre ? Align::kCentre : logo_align_;
    for (const std::string& l : c_.supplier.address) line({{l, "supplier.address"}}, small_, details, x0, x1);
    if (rng_.chance(0.7)) line({{(c_.english ? "Tel" : "Tél") + separator_, ""}, {c_.supplier.phone, ""}}, small_, details, x0, x1);
    if (rng_.chance(0.5)) line({{"Email" + separator_, ""}, {c_.supplier.email, ""}}, small_, details, x0, x1);
    if (c_.moroccan && rng_.chance(0.3)) line({{"ICE" + separator_, ""}, {c_.supplier.ids[0].second, "supplier.other_ids.ICE"}}, small_, details, x0, x1);
    const int logo_bottom = y_;
    // The invoice's number and date: beside the logo, or below it when the logo is centred.
    if (logo_align_ == Align::kCentre) {
      y_ += body_.size;
      meta(left_, right_, rng_.chance(0.5) ? Align::kLeft : Align::kRight);
    } else {
      y_ = top;
      Align side = logo_align_ == Align::kLeft ? Align::kRight : Align::kLeft;
      if (side == Align::kRight) meta(half + (right_ - half) / 8, right_, rng_.chance(0.6) ? Align::kLeft : Align::kRight);
      else meta(left_, half - (half - left_) / 8, Align::kLeft);
    }
    y_ = std::max(y_, logo_bottom) + body_.size;
  }

  void meta(int x0, int x1, Align align) {
    TextStyle title = bold_;
    title.size = px(rng_.real(14, 22));
    title.family = rng_.chance(0.5) ? body_.family : rng_.uniform(0, fonts_count() - 1);
    const double form = rng_.real();
    const std::string& date = c_.date_raw;
    if (form < 0.2) {  // a small table: labels above values
      line({{c_.title, ""}}, title, align, x0, x1);
      y_ += body_.size / 2;
      const int mid = (x0 + x1) / 2, top = y_;
      y_ += body_.size;
      put({{c_.number_label, ""}}, bold_, Align::kLeft, x0 + 6, mid, y_);
      put({{c_.date_label, ""}}, bold_, Align::kLeft, mid + 6, x1, y_);
      y_ += advance(body_);
      put({{c_.number, "invoice_number"}}, body_, Align::kLeft, x0 + 6, mid, y_);
      put({{date, "invoice_date"}}, body_, Align::kLeft, mid + 6, x1, y_);
      y_ += advance(body_) - body_.size / 2;
      if (rng_.chance(0.7)) {
        rule(x0, x1, top), rule(x0, x1, y_), rule(x0, x1, top + advance(body_) + body_.size / 4);
        vrule(x0, top, y_), vrule(mid, top, y_), vrule(x1, top, y_);
      }
      y_ += body_.size / 2;
    } else if (form < 0.45) {  // "FACTURE N° FV230007" as the title
      line({{c_.title + " " + (c_.english ? "No." : "N°"), ""}, {c_.number, "invoice_number"}}, title, align, x0, x1);
      y_ += body_.size / 2;
      date_line(x0, x1, align);
    } else {
      line({{c_.title, ""}}, title, align, x0, x1);
      y_ += body_.size / 2;
      line({{label(c_.number_label), ""}, {c_.number, "invoice_number"}}, rng_.chance(0.3) ? bold_ : body_, align, x0, x1);
      date_line(x0, x1, align);
    }
    if (c_.due_raw) line({{label(c_.due_label), ""}, {*c_.due_raw, "due_date"}}, body_, align, x0, x1);
  }

  void date_line(int x0, int x1, Align align) {
    if (!c_.english && rng_.chance(0.15)) {
      line({{c_.city + ", le", ""}, {c_.date_raw, "invoice_date"}}, body_, align, x0, x1);
    } else {
      line({{label(c_.date_label), ""}, {c_.date_raw, "invoice_date"}}, body_, align, x0, x1);
    }
  }

  void customer() {
    const int half = (left_ + right_) / 2;
    const bool right_side = logo_align_ != Align::kRight ? rng_.chance(0.7) : rng_.chance(0.2);
    const int x0 = right_side ? half + (right_ - half) / 8 : left_, x1 = right_side ? right_ : half;
    const int top = y_;
    y_ += body_.size / 2;
    const int pad = body_.size / 2;
    if (rng_.chance(0.5)) {
      line({{c_.customer_label + separator_, ""}}, bold_, Align::kLeft, x0 + pad, x1);
      line({{c_.customer.name, "customer.name"}}, bold_, Align::kLeft, x0 + pad, x1);
    } else {
      line({{c_.customer_label + separator_, ""}, {c_.customer.name, "customer.name"}}, body_, Align::kLeft, x0 + pad, x1);
    }
    for (const std::string& l : c_.customer.address) line({{l, "customer.address"}}, body_, Align::kLeft, x0 + pad, x1);
    if (!c_.customer.ids.empty() && rng_.chance(0.5)) line({{"ICE" + separator_, ""}, {c_.customer.ids[0].second, ""}}, body_, Align::kLeft, x0 + pad, x1);
    if (rng_.chance(0.3)) {
      rule(x0, x1, top), rule(x0, x1, y_ + pad / 2);
      vrule(x0, top, y_ + pad / 2), vrule(x1, top, y_ + pad / 2);
    }
    y_ += body_.size * 3 / 2;
  }

  // Lines with other numbers and dates that are not the fields (the model must learn to leave them).
  void extra_lines() {
    const double r = rng_.real();
    if (r < 0.25) {
      line({{c_.english ? "Order No.:" : "Bon de commande N° :", ""}, {std::to_string(rng_.uniform(100, 99999)), ""}}, body_, Align::kLeft, left_, right_);
    } else if (r < 0.45) {
      line({{c_.english ? "Subject:" : "Objet :", ""}, {c_.items[0].description, ""}}, body_, Align::kLeft, left_, right_);
    } else if (r < 0.6) {
      line({{c_.english ? "Payment terms: 30 days" : "Mode de règlement : Virement bancaire", ""}}, body_, Align::kLeft, left_, right_);
    }
    y_ += body_.size / 2;
  }

  struct Column {
    std::string header;
    std::string field;
    Align align;
    int width = 0;
    std::vector<std::string> cells = {};
  };

  std::string quantity_text(double q) {
    char buf[32];
    if (q == std::floor(q) && !show_decimals_) std::snprintf(buf, sizeof buf, "%d", static_cast<int>(q));
    else return format_amount(q, c_.amounts);
    return buf;
  }

  void table() {
    show_decimals_ = rng_.chance(0.3);
    std::vector<Column> cols;
    const bool refs = rng_.chance(0.3);
    if (refs) cols.push_back({c_.col_ref, "", Align::kLeft});
    cols.push_back({c_.col_description, "line_items.description", Align::kLeft});
    const bool qty_first = rng_.chance(0.8);
    Column qty{c_.col_quantity, "line_items.quantity", Align::kRight}, unit{c_.col_unit_price, "line_items.unit_price", Align::kRight};
    cols.push_back(qty_first ? qty : unit);
    cols.push_back(qty_first ? unit : qty);
    const bool vat = c_.mixed_vat || rng_.chance(0.2);
    if (vat) cols.push_back({c_.col_vat, "line_items.vat_rate", Align::kRight});
    std::string amount_header = c_.col_amount;
    currency_in_table_ = !c_.currency_on_totals && rng_.chance(0.5);
    if (currency_in_table_) amount_header += " (" + c_.currency_mark + ")";
    cols.push_back({amount_header, "line_items.amount", Align::kRight});
    for (const LineItem& item : c_.items) {
      for (Column& col : cols) {
        if (col.field == "") col.cells.push_back(item.reference);
        else if (col.field == "line_items.description") col.cells.push_back(item.description);
        else if (col.field == "line_items.quantity") col.cells.push_back(quantity_text(item.quantity));
        else if (col.field == "line_items.unit_price") col.cells.push_back(c_.money(item.unit_price));
        else if (col.field == "line_items.vat_rate") col.cells.push_back(format_amount(item.vat_rate, c_.amounts) + " %");
        else col.cells.push_back(c_.money(item.amount));
      }
    }
    TextStyle head = rng_.chance(0.8) ? bold_ : body_;
    const int pad = body_.size / 2;
    int fixed = 0;
    for (Column& col : cols) {
      if (col.field == "line_items.description") continue;
      col.width = canvas_.text_width(col.header, head);
      for (const std::string& cell : col.cells) col.width = std::max(col.width, canvas_.text_width(cell, body_));
      col.width += 2 * pad;
      fixed += col.width;
    }
    for (Column& col : cols) {
      if (col.field == "line_items.description") col.width = std::max(body_.size * 6, right_ - left_ - fixed);
    }
    const double shade = rng_.real();
    const int rules = rng_.uniform(0, 2);  // 0 none, 1 header and end, 2 full grid
    const int top = y_;
    const int head_height = advance(head) + pad;
    if (shade < 0.3) {
      canvas_.fill({left_, y_, right_, y_ + head_height}, 0xdddddd);
    } else if (shade < 0.45) {
      canvas_.fill({left_, y_, right_, y_ + head_height}, rng_.pick(kLogoColours) | 0x101010);
      head.rgb = 0xffffff;
    }
    int x = left_;
    const int baseline = y_ + pad / 2 + head.size;
    for (const Column& col : cols) {
      put({{col.header, ""}}, head, col.align == Align::kLeft ? Align::kLeft : Align::kRight, x + pad, x + col.width - pad, baseline);
      x += col.width;
    }
    y_ += head_height;
    if (rules >= 1) rule(left_, right_, y_);
    y_ += pad / 2;
    std::vector<int> row_tops;
    for (std::size_t row = 0; row < c_.items.size(); ++row) {
      row_tops.push_back(y_);
      int lines = 1;
      x = left_;
      for (const Column& col : cols) {
        if (col.field == "line_items.description") {
          std::vector<std::string> wrapped = wrap(col.cells[row], col.width - 2 * pad);
          for (std::size_t k = 0; k < wrapped.size(); ++k) {
            put({{wrapped[k], col.field}}, body_, Align::kLeft, x + pad, x + col.width - pad, y_ + body_.size + static_cast<int>(k) * advance(body_));
          }
          lines = std::max<int>(lines, static_cast<int>(wrapped.size()));
        } else {
          put({{col.cells[row], col.field}}, body_, col.align, x + pad, x + col.width - pad, y_ + body_.size);
        }
        x += col.width;
      }
      y_ += lines * advance(body_) + pad / 2;
      if (rules == 2) rule(left_, right_, y_ - pad / 4);
    }
    if (rules >= 1) rule(left_, right_, y_);
    if (rules == 2) {
      x = left_;
      vrule(x, top, y_);
      for (const Column& col : cols) vrule(x += col.width, top, y_);
    } else if (rules == 1) {
      rule(left_, right_, top);
    }
    y_ += body_.size;
  }

  std::vector<std::string> wrap(const std::string& text, int width) {
    std::vector<std::string> out;
    std::string current, word;
    auto flush_word = [&] {
      if (word.empty()) return;
      std::string candidate = current.empty() ? word : current + " " + word;
      if (!current.empty() && canvas_.text_width(candidate, body_) > width) {
        out.push_back(current);
        current = word;
      } else {
        current = candidate;
      }
      word.clear();
    };
    for (char ch : text) {
      if (ch == ' ') flush_word();
      else word.push_back(ch);
    }
    flush_word();
    if (!current.empty()) out.push_back(current);
    return out;
  }

  struct TotalRow {
    std::string label;
    double value;
    std::string field;
    bool strong;
  };

  std::vector<TotalRow> total_rows() {
    std::vector<TotalRow> rows;
    std::string ttc_label = c_.ttc_label;
    if (!c_.currency_on_totals && !currency_in_table_) ttc_label += " (" + c_.currency_mark + ")";
    rows.push_back({c_.ht_label, c_.total_ht, "total_ht", false});
    if (c_.mixed_vat) {
      std::vector<double> rates;
      for (const LineItem& item : c_.items) {
        if (std::find(rates.begin(), rates.end(), item.vat_rate) == rates.end()) rates.push_back(item.vat_rate);
      }
      std::sort(rates.begin(), rates.end());
      for (double r : rates) {
        double base = 0;
        for (const LineItem& item : c_.items) base += item.vat_rate == r ? item.amount : 0;
        rows.push_back({(c_.english ? "VAT " : "TVA ") + format_amount(r, c_.amounts) + " %", std::round(base * r) / 100, "", false});
      }
    }
    rows.push_back({c_.tva_label, c_.total_tva, "total_tva", false});
    rows.push_back({ttc_label, c_.total_ttc, "total_ttc", true});
    if (c_.deposit) {
      rows.push_back({c_.deposit_label, *c_.deposit, "", false});
      rows.push_back({c_.due_amount_label, c_.amount_due, "amount_due", true});
    }
    return rows;
  }

  void totals() {
    const std::vector<TotalRow> rows = total_rows();
    const double form = rng_.real();
    const int half = (left_ + right_) / 2;
    if (form < 0.25) {  // horizontal: labels in a row, values below
      const int x0 = rng_.chance(0.5) ? left_ : half - (half - left_) / 3;
      const int cell = (right_ - x0) / static_cast<int>(rows.size());
      const int top = y_;
      y_ += body_.size;
      for (std::size_t i = 0; i < rows.size(); ++i) put({{rows[i].label, ""}}, bold_, Align::kCentre, x0 + static_cast<int>(i) * cell, x0 + static_cast<int>(i + 1) * cell, y_);
      y_ += advance(body_) + body_.size / 2;
      for (std::size_t i = 0; i < rows.size(); ++i) {
        put(amount_parts(rows[i].value, rows[i].field), rows[i].strong ? bold_ : body_, Align::kCentre, x0 + static_cast<int>(i) * cell,
            x0 + static_cast<int>(i + 1) * cell, y_);
      }
      y_ += advance(body_) - body_.size + body_.size / 2;
      if (rng_.chance(0.7)) {
        rule(x0, right_, top), rule(x0, right_, top + advance(body_) + body_.size / 4), rule(x0, right_, y_);
        for (std::size_t i = 0; i <= rows.size(); ++i) vrule(x0 + static_cast<int>(i) * cell, top, y_);
      }
    } else if (form < 0.45) {  // "Label : value" lines at the right
      for (const TotalRow& row : rows) {
        std::vector<Part> parts{{label(row.label), ""}};
        for (Part& p : amount_parts(row.value, row.field)) parts.push_back(p);
        line(parts, row.strong ? bold_ : body_, Align::kRight, half, right_);
      }
    } else {  // two columns: labels, then values aligned on the right margin
      int widest = 0;  // label and value of the widest row, so that none overlaps
      for (const TotalRow& row : rows) {
        widest = std::max(widest, canvas_.text_width(label(row.label), bold_) + canvas_.text_width(c_.printed_total(row.value), bold_));
      }
      const int label_x = std::min(half + (right_ - half) / (rng_.chance(0.5) ? 6 : 3), right_ - widest - 2 * body_.size);
      const bool boxed = rng_.chance(0.3);
      const int top = y_;
      for (const TotalRow& row : rows) {
        const TextStyle& style = row.strong ? bold_ : body_;
        if (row.strong && rng_.chance(0.3)) canvas_.fill({label_x - 4, y_, right_, y_ + advance(style)}, 0xe6e6e6);
        y_ += style.size;
        put({{label(row.label), ""}}, style, Align::kLeft, label_x, right_, y_);
        put(amount_parts(row.value, row.field), style, Align::kRight, label_x, right_ - body_.size / 3, y_);
        y_ += advance(style) - style.size;
      }
      if (boxed) {
        rule(label_x - 6, right_, top), rule(label_x - 6, right_, y_ + 4);
        vrule(label_x - 6, top, y_ + 4), vrule(right_, top, y_ + 4);
      }
    }
    y_ += body_.size;
    if (!c_.english && rng_.chance(0.3)) {
      line({{"Arrêtée la présente facture à la somme de :", ""}}, small_, Align::kLeft, left_, right_);
    }
  }

  std::string id_label(const std::string& key) {
    if (key == "ICE") return rng_.pick(std::vector<std::string>{"ICE", "I.C.E", "ICE N°"});
    if (key == "RC") return rng_.pick(std::vector<std::string>{"RC", "R.C", "RC N°", "Registre de commerce"});
    if (key == "TP") return rng_.pick(std::vector<std::string>{"TP", "Patente", "T.P", "N° Patente"});
    if (key == "CNSS") return rng_.pick(std::vector<std::string>{"CNSS", "N° CNSS", "C.N.S.S"});
    if (key == "RCS") return "RCS " + c_.city;
    return key;
  }

  void footer() {
    const std::string sep = rng_.pick(std::vector<std::string>{" - ", " | ", "  ", " / ", " – "});
    std::vector<std::vector<Part>> lines;
    std::vector<Part> ids;
    auto add_id = [&](const std::string& shown, const std::string& value, const std::string& field) {
      if (!ids.empty()) ids.push_back({sep, ""});
      ids.push_back({shown + separator_, ""});
      ids.push_back({value, field});
    };
    for (const auto& [key, value] : c_.supplier.ids) {
      std::string shown = c_.moroccan || key != "SIRET" ? value : value.substr(0, 3) + " " + value.substr(3, 3) + " " + value.substr(6, 3) + " " + value.substr(9);
      add_id(id_label(key), shown, "supplier.other_ids." + key);
      if (key == "RC" || (key == "SIRET" && !c_.moroccan)) {
        add_id(c_.moroccan ? rng_.pick(std::vector<std::string>{"IF", "I.F", "Id. Fiscal"}) : "TVA intracom", c_.supplier.vat_id, "supplier.vat_id");
      }
    }
    if (rng_.chance(0.5)) {
      std::string capital = c_.moroccan ? "100 000,00 DH" : "10 000 €";
      lines.push_back({{c_.supplier.name, "supplier.name"}, {(c_.english ? "- capital " : "- au capital de ") + capital, ""}});
    }
    if (rng_.chance(0.6)) {
      std::string addr;
      for (const std::string& l : c_.supplier.address) addr += (addr.empty() ? "" : ", ") + l;
      lines.push_back({{addr, "supplier.address"}, {sep + (c_.english ? "Tel " : "Tél ") + c_.supplier.phone, ""}});
    }
    // Long id lines split in two, as they would be printed.
    if (canvas_.text_width(joined_text(ids), small_) > right_ - left_) {
      std::size_t middle = ids.size() / 2;
      while (middle < ids.size() && ids[middle].text != sep) ++middle;
      lines.push_back(std::vector<Part>(ids.begin(), ids.begin() + static_cast<long>(middle)));
      lines.push_back(std::vector<Part>(ids.begin() + static_cast<long>(std::min(middle + 1, ids.size())), ids.end()));
    } else {
      lines.push_back(ids);
    }
    if (rng_.chance(0.3)) lines.push_back({{"RIB" + separator_ + " " + rng_.digits(3) + " " + rng_.digits(3) + " " + rng_.digits(16) + " " + rng_.digits(2), ""}});
    TextStyle style = small_;
    if (rng_.chance(0.4)) style.rgb = 0x555555;
    int y = canvas_.height() - margin_ / 2 - static_cast<int>(lines.size()) * advance(style);
    if (rng_.chance(0.5)) rule(left_, right_, y - style.size / 2, 0x777777);
    for (const auto& parts : lines) {
      y += style.size;
      put(parts, style, Align::kCentre, left_, right_, y);
      y += advance(style) - style.size;
    }
  }

  const InvoiceContent& c_;
  Rng& rng_;
  Canvas& canvas_;
  int dpi_;
  double scale_;
  int fonts_count_ = 1;
  TextStyle body_, small_, bold_;
  int margin_ = 0, left_ = 0, right_ = 0, y_ = 0;
  std::string separator_;
  Align logo_align_ = Align::kLeft;
  bool show_decimals_ = false;
  bool currency_in_table_ = false;
};

}  // namespace

PageSize draw_page_size(Rng& rng) {
  const int dpi = rng.chance(0.6) ? 200 : 150;
  return {static_cast<int>(std::lround(8.27 * dpi)), static_cast<int>(std::lround(11.69 * dpi)), dpi};
}

bool draw_layout(const InvoiceContent& content, Rng& rng, Canvas& canvas, int dpi, double scale) {
  Layout layout(content, rng, canvas, dpi, scale);
  return layout.draw();
}

}  // namespace textra::synth
