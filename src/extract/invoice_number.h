// The invoice number by its label when the CRF found none: after "Facture N°", "N° Facture", "Facture :",
// "Invoice No", "Invoice #" on the same visual row, within three words, the first word holding a digit ("FA-2024-0117",
// "00213945"), skipping ":" and "N°". Dates and amounts are not numbers of invoices.
#pragma once

#include "doc/document.h"
#include "fields/field_value.h"
#include "fields/result.h"
#include "fields/schema.h"

namespace textra::extract {

void fill_invoice_number(const doc::Document& document, const fields::Schema& schema,
                         const fields::NormalizeOptions& options, fields::Extraction& extraction);

}  // namespace textra::extract
