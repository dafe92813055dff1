#include "exports/readiness.h"

#include "exports/invoice_view.h"

namespace textra::exports {
namespace {

using fields::Role;

// Fields are named as the document's schema names them; a role no field plays is named as a role.
void require(std::vector<std::string>& errors, const std::string& value, const fields::RoleMap& roles, Role role) {
  if (!value.empty()) return;
  errors.push_back(roles.path(role) ? roles.name(role) + " is missing"
                                    : std::string("the schema has no field with x-textra-role ") + fields::role_name(role));
}

void check_invoice_fields(const InvoiceView& invoice, const fields::RoleMap& roles, Format format,
                          const ExportOptions& options, std::vector<std::string>& errors) {
  require(errors, invoice.issue_date, roles, Role::kIssueDate);
  require(errors, invoice.supplier_name, roles, Role::kSupplierName);
  if (tax_breakdown(invoice).empty()) {
    errors.push_back("at least two of " + roles.name(Role::kTotalNet) + ", " + roles.name(Role::kTotalTax) + ", " +
                     roles.name(Role::kTotalGross) + " are needed");
  }
  if (format == Format::kFec) {
    const std::string& book = options.accounts.book_currency;
    if (!invoice.currency.empty() && invoice.currency != book && !options.accounts.exchange_rates.count(invoice.currency)) {
      errors.push_back("currency " + invoice.currency + " is not the book currency " + book +
                       " and the account map has no exchange rate for it");
    }
  } else {
    require(errors, invoice.number, roles, Role::kDocumentNumber);
    require(errors, invoice.currency, roles, Role::kCurrency);
    require(errors, invoice.customer_name, roles, Role::kCustomerName);
    if (!invoice.total_ttc) require(errors, "", roles, Role::kTotalGross);
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
  // Any schema whose roles give what the format needs: the invoice, or a user's with its own names.
  if (format == Format::kFec || format == Format::kCii) {
    check_invoice_fields(invoice_view(document.extraction), document.extraction.roles, format, options, errors);
  }
  return errors;
}

}  // namespace textra::exports
