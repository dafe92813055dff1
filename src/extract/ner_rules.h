// Invoice fields the NER labels do not cover, filled by rules when the schema has them and they are
// still null: supplier ids by keyword and pattern (ICE 15 digits, IF/IFU/MF -> vat_id, RC, TP/Patente,
// CNSS, SIRET 14 digits, SIREN 9; the last occurrence on the page wins, since the supplier's legal block
// is the footer and the customer's ICE sits near the top); the currency (the totals' own symbol or code
// first, then the one at least two amounts print, then the country of those ids: ICE -> MAD, SIRET -> EUR, then the first currency word: DH,
// Dhs, €, MAD, RM); the due date after "échéance" / "due date" / "date limite".
#pragma once

#include "doc/document.h"
#include "fields/field_value.h"
#include "fields/result.h"
#include "fields/schema.h"

namespace textra::extract {

void fill_by_rules(const doc::Document& document, const fields::Schema& schema,
                   const fields::NormalizeOptions& options, fields::Extraction& extraction);

}  // namespace textra::extract
