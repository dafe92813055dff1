// Keywords that give nearby words their meaning on invoices and receipts, in French and English
// ("Total TTC", "TVA", "N° Facture", "Montant dû", "Date", "Total", "SDN BHD", ...). The table in
// keywords.cpp maps phrases to a few tags; features use the tags, so "Net à payer" and "Amount due"
// teach the model the same thing.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace textra::ner {

// Lower-case, accents removed, "n°"/"nº" spelled "numero", every other non-alphanumeric character a
// separator: the tokens keyword phrases are matched against.
std::vector<std::string> keyword_tokens(std::string_view text);

struct KeywordHit {
  std::string tag;        // e.g. "TTC", "DATE", "CO"
  std::size_t first = 0;  // token range [first, last) of the match
  std::size_t last = 0;
};

// Greedy longest-match of the keyword phrases over a token sequence (a line's tokens).
std::vector<KeywordHit> find_keywords(const std::vector<std::string>& tokens);

}  // namespace textra::ner
