// FEC (article A47 A-1 LPF): the 18 columns in their order, one header line, '|' or tab between fields,
// ISO 8859-15, dates AAAAMMJJ, amounts with a decimal comma. A purchase invoice is one entry: an expense
// line per VAT rate (debit, HT), a deductible VAT line per rate (debit), the supplier line (credit, TTC).
// Amounts are counted in cents, so every entry balances exactly. docs/exports.md shows an example.
#include <algorithm>
#include <array>
#include <cctype>

#include "exports/invoice_view.h"
#include "exports/latin9.h"
#include "exports/money.h"
#include "exports/writers.h"

namespace textra::exports {
namespace {

constexpr std::array<const char*, 18> kColumns = {
    "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum",   "CompteLib",
    "CompAuxNum",  "CompAuxLib", "PieceRef",    "PieceDate",    "EcritureLib", "Debit",
    "Credit",      "EcritureLet", "DateLet",    "ValidDate",    "Montantdevise", "Idevise"};

struct Line {
  std::string account, label, aux_account, aux_label;
  std::int64_t cents = 0;      // > 0 debit, < 0 credit, in the book currency
  std::int64_t foreign = 0;    // the same in the invoice's currency, when it differs
};

// Letters and digits, upper-case: how supplier names and ids are matched in the account map.
std::string match_key(const std::string& text) {
  std::string key;
  for (unsigned char c : text) {
    if (std::isalnum(c)) key += static_cast<char>(std::toupper(c));
  }
  return key;
}

const SupplierAccounts* supplier_accounts(const AccountMap& map, const InvoiceView& invoice) {
  std::vector<std::string> keys{match_key(invoice.supplier_vat_id)};
  for (const auto& [unused, id] : invoice.supplier_other_ids) keys.push_back(match_key(id));
  keys.push_back(match_key(invoice.supplier_name));
  for (const std::string& key : keys) {
    if (key.empty()) continue;
    for (const auto& [name, accounts] : map.suppliers) {
      if (match_key(name) == key) return &accounts;
    }
  }
  return nullptr;
}

std::string by_rate(const std::map<std::string, std::string>& accounts, const std::optional<double>& rate,
                    const std::string& fallback) {
  if (!rate) return fallback;
  auto it = accounts.find(rate_text(*rate));
  return it == accounts.end() ? fallback : it->second;
}

std::string account_label(const AccountMap& map, const std::string& account, const char* fallback) {
  auto it = map.account_labels.find(account);
  return it == map.account_labels.end() ? fallback : it->second;
}

std::vector<Line> entry_lines(const InvoiceView& invoice, const AccountMap& map) {
  const SupplierAccounts* supplier = supplier_accounts(map, invoice);
  std::string aux = supplier != nullptr && !supplier->auxiliary.empty() ? supplier->auxiliary
                                                                        : "F" + match_key(invoice.supplier_name).substr(0, 16);
  bool foreign = !invoice.currency.empty() && invoice.currency != map.book_currency;
  // Without a rate (only when forced: readiness refuses it otherwise) amounts stay in the invoice's currency.
  auto known_rate = map.exchange_rates.find(invoice.currency);
  double rate = foreign && known_rate != map.exchange_rates.end() ? known_rate->second : 1.0;
  auto book = [&](std::int64_t cents) { return foreign ? to_cents(static_cast<double>(cents) / 100.0 * rate) : cents; };

  std::vector<Line> lines;
  std::int64_t debit_book = 0, debit_foreign = 0;
  for (const TaxGroup& group : tax_breakdown(invoice)) {
    std::string rate_note = group.rate ? " " + rate_text(*group.rate) + " %" : "";
    std::string expense = supplier != nullptr && !supplier->expense_account.empty()
                              ? supplier->expense_account
                              : by_rate(map.expense_accounts_by_rate, group.rate, map.expense_account);
    std::int64_t base_book = book(group.base_cents);
    lines.push_back({expense, account_label(map, expense, "Achats") + rate_note, "", "", base_book, group.base_cents});
    debit_book += base_book;
    if (group.tax_cents != 0) {
      std::string vat = by_rate(map.vat_accounts_by_rate, group.rate, map.vat_account);
      std::int64_t tax_book = book(group.tax_cents);
      lines.push_back({vat, account_label(map, vat, "TVA déductible") + rate_note, "", "", tax_book, group.tax_cents});
      debit_book += tax_book;
    }
    debit_foreign += group.base_cents + group.tax_cents;
  }
  // The supplier is credited with what the debits add up to, so the entry balances to the cent even when
  // converted amounts were rounded line by line.
  lines.push_back({map.supplier_account, account_label(map, map.supplier_account, "Fournisseurs"), aux,
                   invoice.supplier_name, -debit_book, -debit_foreign});
  return lines;
}

std::string fec_date(const std::string& iso) {
  std::string digits;
  for (char c : iso) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
  }
  return digits.size() == 8 ? digits : "";
}

// A field may hold neither the separator nor a line break.
std::string clean(std::string text, char separator) {
  for (char& c : text) {
    if (c == separator || c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

ExportFile write_fec(const std::vector<const ExportDocument*>& documents, const ExportOptions& options) {
  const AccountMap& map = options.accounts;
  const char sep = options.fec_separator;
  std::vector<std::pair<InvoiceView, const ExportDocument*>> invoices;
  for (const ExportDocument* d : documents) invoices.emplace_back(invoice_view(d->extraction), d);
  // Entries are numbered in date order, as the format asks (chronological, no gaps within a journal).
  std::stable_sort(invoices.begin(), invoices.end(),
                   [](const auto& a, const auto& b) { return a.first.issue_date < b.first.issue_date; });

  std::string out;
  for (std::size_t i = 0; i < kColumns.size(); ++i) out += std::string(i ? 1 : 0, sep) + kColumns[i];
  out += "\r\n";
  int entry_number = 0;
  for (const auto& [invoice, document] : invoices) {
    ++entry_number;
    std::string date = fec_date(invoice.issue_date);
    std::string valid = options.validation_date.empty() ? date : fec_date(options.validation_date);
    std::string piece = invoice.number.empty() ? "DOC" + std::to_string(document->id) : invoice.number;
    std::string wording = "Facture " + piece + " " + invoice.supplier_name;
    bool foreign = !invoice.currency.empty() && invoice.currency != map.book_currency;
    for (const Line& line : entry_lines(invoice, map)) {
      std::string debit = format_cents(line.cents > 0 ? line.cents : 0, ',');
      std::string credit = format_cents(line.cents < 0 ? -line.cents : 0, ',');
      std::array<std::string, 18> cells = {
          map.journal_code, map.journal_label, std::to_string(entry_number), date, line.account, line.label,
          line.aux_account, line.aux_label, piece, date, wording, debit, credit, "", "", valid,
          foreign ? format_cents(std::llabs(line.foreign), ',') : "", foreign ? invoice.currency : ""};
      for (std::size_t c = 0; c < cells.size(); ++c) out += std::string(c ? 1 : 0, sep) + clean(cells[c], sep);
      out += "\r\n";
    }
  }
  return {"FEC.txt", "text/plain; charset=iso-8859-15", to_latin9(out)};
}

}  // namespace textra::exports
