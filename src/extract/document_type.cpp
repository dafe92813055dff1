#include "extract/document_type.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>

#include "ner/keywords.h"
#include "ner/patterns.h"

namespace textra::extract {
namespace {

struct Kind {
  const char* name;
  std::vector<std::vector<std::string_view>> phrases;  // keyword tokens
};

// Titles of documents that are not invoices or receipts. "facture d avoir" comes before "facture".
const Kind kOtherKinds[] = {
    {"credit_note", {{"avoir"}, {"facture", "d", "avoir"}, {"credit", "note"}, {"note", "de", "credit"}}},
    {"quote", {{"devis"}, {"quotation"}, {"quote"}, {"proforma"}, {"pro", "forma"}, {"estimate"}}},
    {"delivery_note", {{"bon", "de", "livraison"}, {"delivery", "note"}, {"bordereau", "de", "livraison"}}},
    {"order", {{"bon", "de", "commande"}, {"purchase", "order"}}},
};
const std::vector<std::vector<std::string_view>> kInvoiceTitles = {{"facture"}, {"invoice"}};

bool contains(const std::vector<std::string>& tokens, const std::vector<std::string_view>& phrase) {
  if (phrase.size() > tokens.size()) return false;
  for (std::size_t i = 0; i + phrase.size() <= tokens.size(); ++i) {
    if (std::equal(phrase.begin(), phrase.end(), tokens.begin() + static_cast<std::ptrdiff_t>(i))) return true;
  }
  return false;
}

int tallest_word(const doc::Line& line) {
  int h = 0;
  for (const doc::Word& w : line.words) h = std::max(h, w.box.height());
  return h;
}

// The kind the title names: "" for an invoice (or no title), else the other kind's name.
std::string title_kind(const doc::Page& page) {
  int best_height = -1;
  std::string kind;
  for (const doc::Line& line : page.lines) {
    if (page.height > 0 && line.box.y0 > page.height * 2 / 5) continue;
    std::vector<std::string> tokens = ner::keyword_tokens(line.text());
    if (tokens.size() > 8) continue;  // a sentence, not a title
    std::string named;
    bool titled = false;
    for (const Kind& k : kOtherKinds) {
      for (const auto& phrase : k.phrases) {
        if (!titled && contains(tokens, phrase)) named = k.name, titled = true;
      }
    }
    for (const auto& phrase : kInvoiceTitles) titled |= contains(tokens, phrase);
    if (!titled || tallest_word(line) <= best_height) continue;
    best_height = tallest_word(line);
    kind = named;
  }
  return kind;
}

// Cue phrases, each counted once per document.
const std::vector<std::vector<std::string_view>> kInvoiceCues = {
    {"ht"}, {"ttc"}, {"tva"}, {"ice"}, {"siret"}, {"siren"}, {"rcs"}, {"patente"}, {"client"}, {"echeance"},
    {"designation"}, {"facture"}, {"bill", "to"}, {"due", "date"}, {"iban"}, {"rib"}, {"reglement"},
    {"net", "a", "payer"}, {"capital"}, {"sarl"}, {"payment", "terms"}, {"intracommunautaire"}, {"if"}, {"cnss"},
    {"conditions", "de", "paiement"}, {"bic"}, {"swift"}, {"vat", "number"}, {"invoice", "date"},
};
const std::vector<std::vector<std::string_view>> kReceiptCues = {
    {"cash"}, {"change"}, {"tendered"}, {"cashier"}, {"thank", "you"}, {"thank"}, {"sdn"}, {"bhd"}, {"gst"},
    {"rounding"}, {"rm"}, {"member"}, {"counter"}, {"pax"}, {"table"}, {"receipt"}, {"recu"}, {"ticket"},
    {"caisse"}, {"especes"}, {"rendu"}, {"merci"}, {"visa"}, {"mastercard"}, {"card"}, {"tax", "invoice"},
    {"qty"}, {"total", "qty"}, {"items"}, {"subtotal"}, {"please", "come", "again"}, {"goods", "sold"},
    {"caissier"}, {"espece"}, {"merci", "de", "votre", "visite"},
};

int count_cues(const std::vector<std::vector<std::string>>& lines,
               const std::vector<std::vector<std::string_view>>& cues) {
  int n = 0;
  for (const auto& cue : cues) {
    n += std::any_of(lines.begin(), lines.end(), [&](const auto& tokens) { return contains(tokens, cue); });
  }
  return n;
}

bool prints_time(const doc::Document& document) {
  for (const doc::Page& page : document.pages) {
    for (const doc::Line& line : page.lines) {
      for (const doc::Word& w : line.words) {
        if (ner::looks_like_time(w.text)) return true;
      }
    }
  }
  return false;
}

// Width over height of the page's text: till rolls are narrow.
bool narrow(const doc::Page& page) {
  doc::Box text;
  for (const doc::Line& line : page.lines) text = text.united(line.box);
  return !text.empty() && text.width() * 10 < text.height() * 6;
}

}  // namespace

fields::DocumentType detect_document_type(const doc::Document& document) {
  if (document.pages.empty()) return {"other", 0.5, "empty"};
  std::vector<std::vector<std::string>> lines;
  for (const doc::Page& page : document.pages) {
    for (const doc::Line& line : page.lines) lines.push_back(ner::keyword_tokens(line.text()));
  }
  double invoice = count_cues(lines, kInvoiceCues);
  double receipt = count_cues(lines, kReceiptCues) + (prints_time(document) ? 1 : 0) + (narrow(document.pages.front()) ? 2 : 0);
  double p_invoice = 1 / (1 + std::exp(-(invoice - receipt) / 2));
  std::string kind = title_kind(document.pages.front());
  if (invoice <= receipt) return {"receipt", 1 - p_invoice, kind};  // a till's credit note reads as a receipt
  if (!kind.empty()) return {"other", 0.9, kind};
  return {"invoice", p_invoice, ""};
}

}  // namespace textra::extract
