// Duplicate detection: the same invoice stored as several documents (its PNG and its PDF are different
// bytes, a re-scan too). Two documents are the same invoice when they have the same supplier and either
// the same invoice number, or the same date and the same total incl. tax to the cent. The same supplier:
// when both have a legal id of one kind (VAT id, SIRET, ICE, ...), every kind both have is equal; when they
// share no kind, both have a name and the names match. Matching ignores case, accents, spaces, punctuation
// and legal forms (SARL, SAS, Ltd, ...) of names; case, spaces and punctuation of numbers and ids.
//
// A document's duplicate_of is the id of the earliest earlier document that is the same invoice (null for
// the first of a group). Both back ends store the keys below beside the summary and call relink_duplicates
// whenever a document's summary changes or a document is removed.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/summary.h"

namespace textra::store {

// A document's summary as duplicate detection compares it (the normalised forms, never shown).
struct DuplicateKeys {
  std::optional<std::string> supplier_key;        // name_key of the supplier's name
  std::map<std::string, std::string> supplier_ids;  // kind -> id, both as id_key
  std::optional<std::string> number_key;          // id_key of the invoice number
  std::optional<std::string> invoice_date;        // ISO, as summarised
  std::optional<std::int64_t> total_cents;        // total incl. tax, rounded to the cent

  bool operator==(const DuplicateKeys&) const = default;
};

DuplicateKeys duplicate_keys(const Summary& summary);
bool same_invoice(const DuplicateKeys& a, const DuplicateKeys& b);

// Upper-case letters and digits of an invoice number or legal id ("fa 2024/0117" -> "FA20240117").
std::string id_key(std::string_view text);
// A supplier name's words, upper-case without accents, legal forms left out, run together
// ("Atelier Duval S.A.R.L." -> "ATELIERDUVAL").
std::string name_key(std::string_view name);

// The legal ids as one column: "KIND=ID;KIND=ID" (sorted by kind; keys hold no '=' or ';'), null when none.
std::optional<std::string> encode_supplier_ids(const std::map<std::string, std::string>& ids);
std::map<std::string, std::string> decode_supplier_ids(const std::optional<std::string>& text);

// The schema version (1-based, both back ends) that added duplicate detection: stores older than it have
// their summaries computed again once migrated.
inline constexpr int kDuplicatesMigration = 3;

// The documents table's columns of a DuplicateCandidate, in this order, for both back ends' queries.
inline constexpr const char* kDuplicateCandidateColumns =
    "id, duplicate_of, supplier_key, supplier_ids, number_key, invoice_date, total_cents";

struct DuplicateCandidate {
  std::int64_t id = 0;
  std::optional<std::int64_t> duplicate_of;
  DuplicateKeys keys;
};

// What relink_duplicates needs of a back end, inside the transaction that changed the document.
struct DuplicateIndex {
  // Every document whose number key equals keys.number_key, or whose date and total equal keys', oldest
  // first (null keys match nothing).
  std::function<Result<std::vector<DuplicateCandidate>>(const DuplicateKeys& keys)> candidates;
  std::function<Status(std::int64_t id, std::optional<std::int64_t> duplicate_of)> set_duplicate_of;
};

// After document `id`'s keys went from `before` to `after` (nullopt: the document was removed), sets the
// duplicate_of of the document and of every later document whose match with it changed. Only a document
// that lost the match it pointed to is compared with its candidates again.
Status relink_duplicates(std::int64_t id, const DuplicateKeys& before, const std::optional<DuplicateKeys>& after,
                         const DuplicateIndex& index);

}  // namespace textra::store
