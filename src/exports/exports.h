// exports: what accountants take away from reviewed documents. CSV (one row per document, or per line
// item), the French FEC journal (article A47 A-1 of the Livre des procédures fiscales: purchase invoices as
// balanced journal lines) and EN 16931 invoices as UN/CEFACT CII D16B XML. Public header of the module.
//
// A document with unresolved errors (a status other than extracted/reviewed, consistency warnings that are
// still there after the person's corrections, fields the format cannot do without, or being a duplicate of
// an earlier document: the same invoice booked twice) is refused, with the reason, unless `force` is set. Every function here is pure: no file or store access, safe from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "fields/result.h"

namespace textra::exports {

enum class Format {
  kCsv,       // one row per document: id, file, status, every single-valued field, warnings
  kCsvLines,  // one row per line item (every array of the schema), with its document's id
  kFec,       // Fichier des écritures comptables, ISO 8859-15, '|' separated
  kCii,       // one EN 16931 CII XML file per invoice
};
// "csv", "csv-lines", "fec", "cii".
Result<Format> parse_format(std::string_view name);
const char* format_name(Format format);

// One stored document as exports see it: the extraction with the person's corrections applied.
struct ExportDocument {
  std::int64_t id = 0;
  std::string file_name;
  std::string status;  // the store's: new, queued, running, extracted, failed, dead, reviewed
  fields::Extraction extraction;
  std::optional<std::int64_t> duplicate_of;  // the store's: another document holds the same invoice
};

// Builds an ExportDocument from the store's JSON: the latest result (as `textra extract` prints it) and the
// corrections (dotted path -> value). Warnings are computed again on the corrected fields, so a correction
// that fixes a total also clears its warning.
Result<ExportDocument> make_export_document(std::int64_t id, std::string file_name, std::string status,
                                            const fields::Json& result, const fields::Json& corrections);

// The FEC's accounts (docs/exports.md shows the file): plan comptable général defaults, overridable per VAT
// rate and per supplier (matched by VAT id, any legal id, or name).
struct SupplierAccounts {
  std::string expense_account;  // "" = the default for the rate
  std::string auxiliary;        // CompAuxNum; "" = made from the supplier's name
};
struct AccountMap {
  std::string journal_code = "HA";
  std::string journal_label = "Achats";
  std::string book_currency = "EUR";
  std::string expense_account = "607000";  // Achats de marchandises
  std::string vat_account = "445660";      // TVA déductible sur autres biens et services
  std::string supplier_account = "401000"; // Fournisseurs
  std::map<std::string, std::string> expense_accounts_by_rate;  // "20" / "5.5" -> account
  std::map<std::string, std::string> vat_accounts_by_rate;
  std::map<std::string, double> exchange_rates;  // currency -> book currency units per unit
  std::map<std::string, SupplierAccounts> suppliers;  // key: normalised VAT id, legal id or name
  std::map<std::string, std::string> account_labels;  // account -> CompteLib
};
// Reads the JSON form; unknown keys and wrong types are errors naming the key.
Result<AccountMap> account_map_from_json(const fields::Json& json);

struct ExportOptions {
  bool force = false;           // export documents with unresolved errors too
  AccountMap accounts;          // FEC
  std::string validation_date;  // FEC ValidDate, ISO (YYYY-MM-DD); "" = the invoice date
  char fec_separator = '|';     // '|' or '\t', the two the format allows
};

struct ExportFile {
  std::string name;          // suggested file name ("documents.csv", "FEC.txt", "invoice-12.xml")
  std::string content_type;  // "text/csv; charset=utf-8", ...
  std::string bytes;
};
struct Refusal {
  std::int64_t id = 0;
  std::string file_name;
  std::string reason;  // every unresolved error, "; "-joined
};
struct ExportOutput {
  std::vector<ExportFile> files;  // one for csv/csv-lines/fec; one per exported invoice for cii
  std::vector<Refusal> refused;
  std::size_t exported = 0;
};

// Exports the documents that are ready (all of them with force). Fails only on bad options; a document
// that cannot be exported is listed in `refused`.
Result<ExportOutput> export_documents(const std::vector<ExportDocument>& documents, Format format,
                                      const ExportOptions& options);

}  // namespace textra::exports
