// The invoice date is not the due date: invoice_date candidates of the CRF that sit on a line naming a
// due date ("Échéance", "Date limite", "Due date") are dropped before the fields are filled; when no
// candidate is left, the first date after a date label ("Date", "Date de facture", "Invoice date", "Le")
// on a line that names no due date fills invoice_date, else the first such date on the page.
#pragma once

#include <vector>

#include "doc/document.h"
#include "fields/field_value.h"
#include "fields/result.h"
#include "fields/schema.h"
#include "ner/fields_from_labels.h"

namespace textra::extract {

void drop_due_date_candidates(const doc::Document& document, std::vector<ner::Candidate>& candidates);

// Fills a null invoice_date by the rule above; the leaf's reason names it.
void fill_invoice_date(const doc::Document& document, const fields::Schema& schema,
                       const fields::NormalizeOptions& options, fields::Extraction& extraction);

}  // namespace textra::extract
