#include "ner/keywords.h"

#include <algorithm>
#include <map>
#include <sstream>

#include "base/utf8.h"

namespace textra::ner {
namespace {

struct TagPhrases {
  const char* tag;
  const char* phrases;  // '|'-separated, each phrase space-separated tokens
};

// The data. Tags: totals (TTC grand total / amount to pay, HT before tax, TVA tax), invoice and number
// words, dates, payment lines on receipts, company-form words, address words, identifiers, contacts.
const TagPhrases kKeywordTable[] = {
    {"TTC", "ttc|t t c|total ttc|net a payer|montant a payer|a payer|net ttc|montant ttc|montant du|amount due|"
            "balance due|total due|grand total|total general|total incl|incl gst|inclusive|total amount|"
            "total a payer|net montant a payer|prime totale|prix total|total sales|nett total|net total"},
    {"TOTAL", "total|totale|totaux|montant total|amount|montant"},
    {"HT", "ht|h t|total ht|montant ht|hors taxe|hors taxes|sous total|sub total|subtotal|total hors taxes|"
           "total excl|excl gst|excluding|net amount|total ht net"},
    {"TVA", "tva|t v a|vat|gst|tax|taxe|taxes|montant tva|total tva|tax amount|sst|service tax|service charge"},
    {"INV", "facture|invoice|inv|bill|receipt|recu|tax invoice|cash bill|cash sales|bon de livraison|avoir"},
    {"NUM", "numero|no|num|number|ref|reference|nr"},
    {"DATE", "date|dated|le|date facture|invoice date|date d emission|issue date|date de facturation"},
    {"DUE", "echeance|date d echeance|due date|date limite|date limite de paiement|payment due"},
    {"CASH", "cash|especes|espece|paid|tendered|payment|paiement|visa|mastercard|card|credit|cheque|debit"},
    {"CHANGE", "change|rendu|monnaie|balance|change due"},
    {"ROUND", "rounding|round|rounded|adj|adjustment|arrondi|rounding adj"},
    {"QTY", "qty|quantite|qte|quantity|qte livree"},
    {"PRICE", "price|prix|unit price|pu|p u|prix unitaire|u price|rate"},
    {"DISC", "discount|remise|disc|rabais"},
    {"TEL", "tel|telephone|phone|fax|gsm|mobile|email|e mail|mail|www|site web|web|hotline|contact"},
    {"CO", "sdn|bhd|sdn bhd|s b|enterprise|enterprises|trading|restaurant|store|shop|mart|company|co|ltd|"
           "sarl|s a r l|sa|sas|sarlau|societe|ste|group|berhad|plt|cafe|hardware|supermarket|bakery|"
           "stationery|marketing|services|industries|holdings|corporation|corp"},
    {"ADDR", "jalan|jln|taman|lot|rue|avenue|av|bd|boulevard|route|lotissement|residence|quartier|street|road|"
             "bandar|kuala|lumpur|selangor|johor|bahru|casablanca|rabat|tanger|marrakech|fes|agadir|maroc|"
             "morocco|france|malaysia|etage|immeuble|zone industrielle|km|angle|batiment|bloc|block|"
             "floor|level|unit|plaza|centre|center|pusat|perdagangan|seksyen|kawasan|perindustrian"},
    {"ID", "ice|if|i f|rc|r c|patente|tp|cnss|siret|rcs|ape|gst reg|gst id|reg no|co reg|company reg|"
           "identifiant fiscal|i fiscal|ifu|mf|capital|tva intracommunautaire|roc|brn|sst id"},
    {"CUST", "client|customer|doit|destinataire|bill to|sold to|adresse de facturation|livre a|ship to|"
             "code client|member"},
    {"BANK", "rib|iban|bic|swift|banque|bank|compte"},
    {"CUR", "dh|dhs|mad|dirham|dirhams|rm|eur|euro|euros|myr|usd|ringgit"},
    {"ITEM", "description|designation|article|libelle|item|items|desc|produit|product"},
    {"TIME", "time|heure|hour"},
    {"STAFF", "cashier|caissier|counter|table|served|server|pos|terminal|till|operator|salesperson|staff|"
              "vendeur|pax"},
    {"THANKS", "thank|thank you|merci|welcome|again|please|goods sold|not returnable|exchangeable"},
};

struct Phrase {
  std::vector<std::string> tokens;
  std::string tag;
};

// Phrases grouped by first token, longest first, so matching is one map lookup per token.
const std::map<std::string, std::vector<Phrase>>& phrase_index() {
  static const std::map<std::string, std::vector<Phrase>> index = [] {
    std::map<std::string, std::vector<Phrase>> idx;
    for (const TagPhrases& row : kKeywordTable) {
      std::stringstream all(row.phrases);
      std::string phrase;
      while (std::getline(all, phrase, '|')) {
        Phrase p{keyword_tokens(phrase), row.tag};
        if (!p.tokens.empty()) idx[p.tokens.front()].push_back(std::move(p));
      }
    }
    for (auto& [first, phrases] : idx) {
      std::stable_sort(phrases.begin(), phrases.end(),
                       [](const Phrase& a, const Phrase& b) { return a.tokens.size() > b.tokens.size(); });
    }
    return idx;
  }();
  return index;
}

}  // namespace

std::vector<std::string> keyword_tokens(std::string_view text) {
  std::string s = utf8::to_lower(utf8::strip_accents(text));
  std::vector<std::string> tokens;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) tokens.push_back(std::move(current));
    current.clear();
  };
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t before = pos;
    char32_t cp = utf8::next(s, pos);
    bool degree = cp == 0xB0 || cp == 0xBA;  // ° º
    if (degree && current == "n") {
      current = "numero";
      flush();
    } else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
      current += s[before];
    } else {
      flush();
    }
  }
  flush();
  return tokens;
}

std::vector<KeywordHit> find_keywords(const std::vector<std::string>& tokens) {
  const auto& index = phrase_index();
  std::vector<KeywordHit> hits;
  for (std::size_t i = 0; i < tokens.size();) {
    auto it = index.find(tokens[i]);
    std::size_t matched = 0;
    if (it != index.end()) {
      for (const Phrase& p : it->second) {
        if (i + p.tokens.size() > tokens.size()) continue;
        if (std::equal(p.tokens.begin(), p.tokens.end(), tokens.begin() + i)) {
          hits.push_back({p.tag, i, i + p.tokens.size()});
          matched = p.tokens.size();
          break;
        }
      }
    }
    i += matched == 0 ? 1 : matched;
  }
  return hits;
}

}  // namespace textra::ner
