// A company's name as printed beside its legal form and legal ids: "DIGIBAY SA, à conseil
// d'administration au capital de ..." names "DIGIBAY SA", "Lydec SA Siège social : 48 rue ..." names
// "Lydec SA", "Ziri Trans Com : R.C: 302353" names "Ziri Trans Com". Used by the party rules.
#pragma once

#include <string>
#include <vector>

#include "extract/party_cells.h"

namespace textra::extract {

// Whether the keyword tokens hold a legal form: SARL, SA, SAS, SARLAU, EURL, Sté, Société, Ltd...,
// spelt with dots too ("S.A.R.L", "S.A.").
bool names_legal_form(const std::vector<std::string>& tokens);
// Whether the tokens name a company beyond its legal form and its description ("SARL AU", "Société à
// responsabilité limitée", even misread as "responsabité imitée", name none).
bool has_own_word(const std::vector<std::string>& tokens);
// Whether the cell names company ids or the share capital (ICE, RC, Patente, CNSS, capital, SIRET...).
bool names_ids(const Cell& cell);
// The name at the start of the cell, up to what follows it: a separator ("-", ":", "|", "·"), a word of
// the ids, the capital, the seat or the address, a comma ending a word ("MEDITELECOM, SA au capital"
// names "MEDITELECOM"), or, after a legal form that follows the name, the first word that is not part of
// the legal form ("Lydec SA Siège social", "X SA au capital", "X SARL à ..."; "IMIZEGH SARL AU" keeps
// its capital "AU", associé unique).
Cell name_part(const Cell& cell);
// Whether a name part can be a company's name: a word of its own beside the legal form, a capital letter,
// no contact or id word, and in a name of more than five words the legal form at its start or end (not
// "... au nom de notre société ou ...").
bool names_company(const Cell& name);

}  // namespace textra::extract
