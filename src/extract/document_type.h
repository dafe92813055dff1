// What a document is, before choosing the schema to extract it with (`--schema auto`):
//   - "invoice" or "receipt" by the conventions each follows (below); then an invoice-like document is
//     "other" when its title names another kind of document (a receipt keeps its type, with the kind
//     its title names: a till's credit note has a receipt's fields): a credit note (Avoir, Facture d'avoir,
//     Credit note), a quote (Devis, Quotation, Pro forma), a delivery note (Bon de livraison, Delivery
//     note) or an order (Bon de commande, Purchase order). The title is the tallest line of the top
//     40 % of the first page that names a document kind.
//   The conventions, counted once per cue:
//     invoices print HT/TTC/TVA, company ids (ICE, SIRET, RC...), a customer block, due dates, bank
//     details and "Désignation" columns; receipts print cash, change, the cashier, "thank you", the time
//     of sale, and come on narrow paper. The confidence is the logistic of the cue difference.
#pragma once

#include "doc/document.h"
#include "fields/result.h"

namespace textra::extract {

fields::DocumentType detect_document_type(const doc::Document& document);

}  // namespace textra::extract
