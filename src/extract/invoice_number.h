// The invoice number by its label when the CRF found none: after "Facture N°", "N° Facture", "Facture :",
// "Invoice No", "Invoice #", "Note d'honoraires", or a "N°" that opens its row, on the same visual row,
// within three words, the first word holding a digit ("FA-2024-0117", "00213945"), skipping words without
// digits ("Facture Eau N°"). Dates and amounts are not numbers of invoices, and the label stops at a word
// naming another number (ICE, client, commande, page, date...).
#pragma once

#include "doc/document.h"
#include "fields/field_value.h"
#include "fields/result.h"
#include "fields/schema.h"

namespace textra::extract {

void fill_invoice_number(const doc::Document& document, const fields::Schema& schema,
                         const fields::NormalizeOptions& options, fields::Extraction& extraction);

// The invoice number as printed, whoever found it: without the label's marks glued to it ("n°0022/2022"),
// up to a label after it ("20220274 Tél.:06..."), with its digit groups ("63 739") and a suffix of two
// or three capitals that ends its cell ("20604016 FY", "2/202212/100726 BIS").
void tidy_invoice_number(const doc::Document& document, const fields::Schema& schema,
                         const fields::NormalizeOptions& options, fields::Extraction& extraction);

}  // namespace textra::extract
