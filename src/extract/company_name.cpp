#include "extract/company_name.h"

#include <algorithm>
#include <set>

#include "ner/keywords.h"

namespace textra::extract {
namespace {

// Tokens of a legal form of company.
const std::set<std::string> kLegalForms = {"sarl", "sa", "sas", "sarlau", "eurl", "sasu", "snc", "ste", "societe",
                                           "ltd", "inc", "llc", "gmbh", "corp", "company"};

bool capitals(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; }) &&
         std::none_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_separator(const std::string& text) {
  return text == "-" || text == "\xE2\x80\x93" || text == "|" || text == ":" || text == "\xC2\xB7";
}

// A word that opens what follows a name: the capital ("capitalde" glued), the seat, ids, contacts, address.
bool opens_after_name(const std::vector<std::string>& tokens) {
  static const std::set<std::string> kAfterName = {"siege", "ice", "rc", "if", "patente", "tel", "adresse", "rcs", "siret"};
  if (tokens.empty()) return false;
  return kAfterName.contains(tokens.front()) || tokens.front().starts_with("capital") ||
         tokens == std::vector<std::string>{"r", "c"} || tokens == std::vector<std::string>{"i", "f"};
}

}  // namespace

bool names_legal_form(const std::vector<std::string>& tokens) {
  for (const std::string& t : tokens) {
    if (kLegalForms.contains(t)) return true;
  }
  // "S.A.R.L" and "S.A." read as letters apart.
  std::string joined;
  for (const std::string& t : tokens) joined += t.size() == 1 ? t : " ";
  return joined.find("sarl") != std::string::npos || joined.find("sa") != std::string::npos;
}

bool has_own_word(const std::vector<std::string>& tokens) {
  static const std::set<std::string> kGeneric = {"a", "au", "de", "du", "des", "la", "le", "et", "par", "actions", "unique"};
  // The words of a legal form's description, by their start: OCR drops letters inside them.
  static const std::vector<std::string> kDescriptionStarts = {"respons", "limit", "anonym", "associ", "simplif", "unipers"};
  return std::any_of(tokens.begin(), tokens.end(), [](const std::string& t) {
    auto describes = [&](const std::string& start) { return t.starts_with(start); };
    return !kLegalForms.contains(t) && !kGeneric.contains(t) && t.size() > 1 &&
           std::none_of(kDescriptionStarts.begin(), kDescriptionStarts.end(), describes);
  });
}

bool names_ids(const Cell& cell) {
  std::vector<std::string> tokens = tokens_of(cell);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    static const std::set<std::string> kIds = {"ice", "rc", "patente", "cnss", "capital", "rcs", "siret", "siren"};
    if (kIds.contains(tokens[i]) || (tokens[i] == "r" && i + 1 < tokens.size() && tokens[i + 1] == "c")) return true;
  }
  return false;
}

Cell name_part(const Cell& cell) {
  Cell out;
  bool named = false;   // a word of the name's own before
  bool formed = false;  // a legal form after the name: what is not part of it ends the name
  bool after_legal = false;  // the word before is a legal form
  for (std::size_t i = 0; i < cell.size(); ++i) {
    const std::string& text = cell[i].word->text;
    std::vector<std::string> tokens = ner::keyword_tokens(text);
    bool legal = !tokens.empty() && names_legal_form(tokens);
    bool au = tokens == std::vector<std::string>{"au"} || tokens == std::vector<std::string>{"a"};
    bool stop = is_separator(text) || opens_after_name(tokens) ||
                (au && i + 1 < cell.size() && opens_after_name(ner::keyword_tokens(cell[i + 1].word->text)));
    // "SARL au capital", "SA à conseil d'administration": the legal form's description follows; "SARL AU"
    // (associé unique) is the legal form.
    if (after_legal && au && !capitals(text)) stop = true;
    if (formed && !legal && !(au && capitals(text))) stop = true;
    if (stop && !out.empty()) break;
    if (stop) continue;
    out.push_back(cell[i]);
    formed |= named && legal;
    after_legal = legal;
    named |= has_own_word(tokens);
    // "MEDITELECOM, SA au capital": the name ends at its comma; "Auditia Maroc- Membre de ...": at its dash.
    if (text.size() > 1 && (text.back() == ',' || text.back() == '-')) break;
  }
  return out;
}

bool names_company(const Cell& name) {
  std::vector<std::string> tokens = tokens_of(name);
  if (std::any_of(tokens.begin(), tokens.end(), is_stop_token)) return false;
  bool capital = false;
  for (const RowWord& w : name) capital |= std::any_of(w.word->text.begin(), w.word->text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!has_own_word(tokens) || !capital) return false;
  if (name.size() <= 5) return true;
  for (std::size_t i = 1; i + 2 < tokens.size(); ++i) {
    if (kLegalForms.contains(tokens[i])) return false;
  }
  return true;
}

}  // namespace textra::extract
