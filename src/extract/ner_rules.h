// Invoice fields the NER labels do not cover, filled by rules when the schema has them and they are
// still null: currency (symbols, codes and words: DH, Dhs, €, MAD, RM), supplier ids by keyword and
// pattern (ICE 15 digits, IF/IFU/MF -> vat_id, RC, TP/Patente, CNSS; the last occurrence on the page
// wins, since the supplier's legal block is the footer and the customer's ICE sits near the top),
// and the due date after "échéance" / "due date" / "date limite".
#pragma once

#include "doc/document.h"
#include "fields/field_value.h"
#include "fields/result.h"
#include "fields/schema.h"

namespace textra::extract {

void fill_by_rules(const doc::Document& document, const fields::Schema& schema,
                   const fields::NormalizeOptions& options, fields::Extraction& extraction);

}  // namespace textra::extract
