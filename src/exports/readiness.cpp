#include "exports/readiness.h"

#include "exports/invoice_view.h"

namespace textra::exports {
namespace {

void require(std::vector<std::string>& errors, const std::string& value, const char* field) {
  if (value.empty()) errors.push_back(std::string(field) + " is missing");
}

void check_invoice_fields(const InvoiceView& invoice, Format format, const ExportOptions& options,
                          std::vector<std::string>& errors) {
  require(errors, invoice.issue_date, "invoice_date");
  require(errors, invoice.supplier_name, "supplier.name");
  if (tax_breakdown(invoice).empty()) errors.push_back("at least two of total_ht, total_tva, total_ttc are needed");
  if (format == Format::kFec) {
    const std::string& book = options.accounts.book_currency;
    if (!invoice.currency.empty() && invoice.currency != book && !options.accounts.exchange_rates.count(invoice.currency)) {
      errors.push_back("currency " + invoice.currency + " is not the book currency " + book +
                       " and the account map has no exchange rate for it");
    }
  } else {
    require(errors, invoice.number, "invoice_number");
    require(errors, invoice.currency, "currency");
    require(errors, invoice.customer_name, "customer.name");
    if (!invoice.total_ttc) errors.push_back("total_ttc is missing");
  }
}

}  // namespace

std::vector<std::string> unresolved_errors(const ExportDocument& document, Format format, const ExportOptions& options) {
  std::vector<std::string> errors;
  const std::string& status = document.status;
  if (format == Format::kCii && status != "reviewed") {
    errors.push_back("status is " + status + ": EN 16931 invoices are made from reviewed documents");
  } else if (status != "extracted" && status != "reviewed") {
    errors.push_back("status is " + status + ", not extracted or reviewed");
  }
  if (document.duplicate_of) errors.push_back("duplicate of #" + std::to_string(*document.duplicate_of));
  for (const fields::Warning& warning : document.extraction.warnings) errors.push_back(warning.code + ": " + warning.message);
  if (format == Format::kFec || format == Format::kCii) {
    if (document.extraction.schema != "invoice") {
      errors.push_back("schema is " + document.extraction.schema + ": " + format_name(format) + " needs an invoice");
    } else {
      check_invoice_fields(invoice_view(document.extraction.fields), format, options, errors);
    }
  }
  return errors;
}

}  // namespace textra::exports
