// The invoice's parties from the page layout and keywords, for the fields the NER labels leave null:
//   - customer: the block a customer label opens ("Client", "Facturé à", "Adresse de facturation",
//     "Adresse de livraison", "Destinataire", "Doit", "Bill to", "Sold to", "Ship to", "Customer"): the
//     text after the label on its cell, then the cells below it in the same column, down to a gap, an
//     id/contact/date line or six lines. The first line that reads as a name is the name, the rest the
//     address. Without a label: the other company with a legal form at the top (not the supplier).
//   - supplier name: the rules of supplier_name.h; those that go after the CRF's labels run here.
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

// Everything above, for the fields still null.
void fill_parties(const doc::Document& document, const fields::Schema& schema, const fields::NormalizeOptions& options,
                  fields::Extraction& extraction);

}  // namespace textra::extract
