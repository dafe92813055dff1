// The invoice's parties from the page layout and keywords, for the fields the NER labels leave null:
//   - customer: the block a customer label opens ("Client", "Facturé à", "Adresse de facturation",
//     "Adresse de livraison", "Destinataire", "Doit", "Bill to", "Sold to", "Ship to", "Customer"): the
//     text after the label on its cell, then the cells below it in the same column, down to a gap, an
//     id/contact/date line or six lines. The first line is the name, the rest the address.
//   - supplier name: a company name with a legal form (SARL, S.A., SAS, Société...) near the top,
//     else in the footer's legal-id block, else the tallest text at the top that is no title or label
//     (the letterhead, when the logo's text was read); never from the customer block.
//   - supplier address: the first address-looking line (rue, avenue, bd, lot, résidence, zone
//     industrielle... or a city) outside the customer block, near the top or in the footer, with the
//     line below it when that continues it (a post code and city).
// The chosen lines carry a "reason" naming the rule.
#pragma once

#include "doc/document.h"
#include "fields/field_value.h"
#include "fields/result.h"
#include "fields/schema.h"

namespace textra::extract {

void fill_parties(const doc::Document& document, const fields::Schema& schema, const fields::NormalizeOptions& options,
                  fields::Extraction& extraction);

}  // namespace textra::extract
