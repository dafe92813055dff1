// The supplier's name from the page's layout and words, each rule saying in the leaf's `reason` what
// chose it (docs/invoice-rules.md, "Parties"). Never from the customer block.
//   Before the CRF's labels (fill_supplier_name_from_layout), the first that finds one:
//   1. under a supplier label: "Émetteur", "Fournisseur", "Vendeur", "Prestataire", "Seller", "Supplier",
//      "Vendor", "Issued by" (the text after the label on its cell, else the first name under it);
//   2. the footer's legal line: a name with a legal form, or the name the ids follow, cut before what
//      follows it (company_name.h);
//   3. the head of the footer's legal-id block: the first line of the lines stacked over the ids line
//      ("Auditia Maroc - Membre de ..." over the address, contacts and ids);
//   4. the words that spell the e-mail or website domain printed on the page ("GEOXAL" for
//      contact@geoxal.ma, "fenêtre sur cour" for fenetresurcour.ma): a domain is never a name by itself.
//   After them, when still null (fill_supplier_name_from_letterhead): the letterhead (the tallest text of
//   the top fifth the OCR is sure of), else a name with a legal form at the top.
#pragma once

#include <vector>

#include "doc/document.h"
#include "fields/field_value.h"
#include "fields/result.h"
#include "fields/schema.h"
#include "ner/fields_from_labels.h"

namespace textra::extract {

void fill_supplier_name_from_layout(const doc::Document& document, const fields::Schema& schema,
                                    const fields::NormalizeOptions& options, fields::Extraction& extraction);
// Rule 2 alone, for documents other than invoices (a receipt's shop name is no invoice letterhead: its
// domain, its labels and its lines are read by the receipt model).
void fill_supplier_name_from_legal_line(const doc::Document& document, const fields::Schema& schema,
                                        const fields::NormalizeOptions& options, fields::Extraction& extraction);

void fill_supplier_name_from_letterhead(const doc::Document& document, const fields::Schema& schema,
                                        const fields::NormalizeOptions& options, fields::Extraction& extraction);

// A company's name is printed on one line: the CRF's supplier-name spans keep the words of their first
// visual row ("HANOVER ELECTROMENGER" and not the customer's "OUTIDIS" two rows under it).
void keep_supplier_name_on_one_row(const doc::Document& document, std::vector<ner::Candidate>& candidates);

}  // namespace textra::extract
