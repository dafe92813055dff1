#include "store/duplicates.h"

#include <cmath>
#include <set>

#include "base/utf8.h"

namespace textra::store {
namespace {

bool is_word_byte(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80; }

// Company forms printed after (or before) a name, or left out by a re-scan or a person's correction.
bool is_legal_form(const std::string& word) {
  static const std::set<std::string> kForms = {"SARL", "SAS", "SASU", "SA", "EURL", "SNC", "SCI", "SCOP", "SELARL",
                                                "SARLAU", "LTD", "LIMITED", "INC", "LLC", "PLC", "GMBH", "AG",
                                                "SRL", "SPA", "BV", "NV"};
  return kForms.count(word) > 0;
}

// Upper-case words without accents; runs of one-letter words are joined ("S.A.R.L." is "SARL").
std::vector<std::string> words(std::string_view text) {
  std::string upper = utf8::to_upper(utf8::strip_accents(text));
  std::vector<std::string> out;
  std::string word;
  bool last_single = false;
  auto flush = [&] {
    if (word.empty()) return;
    bool single = word.size() == 1;
    if (single && last_single) out.back() += word;
    else out.push_back(word);
    last_single = single;
    word.clear();
  };
  for (unsigned char c : upper) {
    if (is_word_byte(c)) word += static_cast<char>(c);
    else flush();
  }
  flush();
  return out;
}

std::optional<std::string> non_empty(std::string key) {
  return key.empty() ? std::nullopt : std::optional<std::string>(std::move(key));
}

bool same_supplier(const DuplicateKeys& a, const DuplicateKeys& b) {
  bool shared_kind = false;
  for (const auto& [kind, id] : a.supplier_ids) {
    auto other = b.supplier_ids.find(kind);
    if (other == b.supplier_ids.end()) continue;
    if (other->second != id) return false;
    shared_kind = true;
  }
  if (shared_kind) return true;
  return a.supplier_key && b.supplier_key && *a.supplier_key == *b.supplier_key;
}

// The earliest document before `id` that is the same invoice as `keys`.
Result<std::optional<std::int64_t>> earliest_match(std::int64_t id, const DuplicateKeys& keys,
                                                   const DuplicateIndex& index) {
  TEXTRA_ASSIGN_OR_RETURN(std::vector<DuplicateCandidate> candidates, index.candidates(keys));
  for (const DuplicateCandidate& candidate : candidates) {
    if (candidate.id >= id) break;
    if (same_invoice(keys, candidate.keys)) return std::optional<std::int64_t>(candidate.id);
  }
  return std::optional<std::int64_t>();
}

}  // namespace

std::string id_key(std::string_view text) {
  std::string key;
  for (unsigned char c : text) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) key += static_cast<char>(c);
    else if (c >= 'a' && c <= 'z') key += static_cast<char>(c - 'a' + 'A');
  }
  return key;
}

std::string name_key(std::string_view name) {
  std::vector<std::string> all = words(name);
  std::string key, with_forms;
  for (const std::string& word : all) {
    with_forms += word;
    if (!is_legal_form(word)) key += word;
  }
  return key.empty() ? with_forms : key;  // a name that is only a legal form keeps it
}

DuplicateKeys duplicate_keys(const Summary& summary) {
  DuplicateKeys keys;
  if (summary.supplier) keys.supplier_key = non_empty(name_key(*summary.supplier));
  for (const auto& [kind, id] : summary.supplier_ids) {
    std::string kind_key = id_key(kind), value = id_key(id);
    if (!kind_key.empty() && !value.empty()) keys.supplier_ids.emplace(kind_key, value);
  }
  if (summary.invoice_number) keys.number_key = non_empty(id_key(*summary.invoice_number));
  keys.invoice_date = summary.invoice_date;
  if (summary.total_ttc && std::isfinite(*summary.total_ttc) && std::fabs(*summary.total_ttc) < 1e15) {
    keys.total_cents = std::llround(*summary.total_ttc * 100);
  }
  return keys;
}

bool same_invoice(const DuplicateKeys& a, const DuplicateKeys& b) {
  bool same_number = a.number_key && a.number_key == b.number_key;
  bool same_date_total = a.invoice_date && a.total_cents && a.invoice_date == b.invoice_date &&
                         a.total_cents == b.total_cents;
  return (same_number || same_date_total) && same_supplier(a, b);
}

std::optional<std::string> encode_supplier_ids(const std::map<std::string, std::string>& ids) {
  std::string text;
  for (const auto& [kind, id] : ids) text += (text.empty() ? "" : ";") + kind + "=" + id;
  return non_empty(std::move(text));
}

std::map<std::string, std::string> decode_supplier_ids(const std::optional<std::string>& text) {
  std::map<std::string, std::string> ids;
  if (!text) return ids;
  std::size_t start = 0;
  while (start < text->size()) {
    std::size_t end = text->find(';', start);
    if (end == std::string::npos) end = text->size();
    std::string pair = text->substr(start, end - start);
    if (std::size_t equals = pair.find('='); equals != std::string::npos) {
      ids.emplace(pair.substr(0, equals), pair.substr(equals + 1));
    }
    start = end + 1;
  }
  return ids;
}

Status relink_duplicates(std::int64_t id, const DuplicateKeys& before, const std::optional<DuplicateKeys>& after,
                         const DuplicateIndex& index) {
  std::map<std::int64_t, DuplicateCandidate> affected;  // later documents that matched before or match now
  for (const DuplicateKeys* keys : {&before, after ? &*after : nullptr}) {
    if (keys == nullptr) continue;
    TEXTRA_ASSIGN_OR_RETURN(std::vector<DuplicateCandidate> candidates, index.candidates(*keys));
    for (DuplicateCandidate& candidate : candidates) {
      if (candidate.id > id) affected.emplace(candidate.id, std::move(candidate));
    }
  }
  if (after) {
    TEXTRA_ASSIGN_OR_RETURN(std::optional<std::int64_t> own, earliest_match(id, *after, index));
    TEXTRA_RETURN_IF_ERROR(index.set_duplicate_of(id, own));
  }
  for (const auto& [later, document] : affected) {
    bool matches_now = after && same_invoice(*after, document.keys);
    if (matches_now && (!document.duplicate_of || *document.duplicate_of > id)) {
      TEXTRA_RETURN_IF_ERROR(index.set_duplicate_of(later, id));
    } else if (!matches_now && document.duplicate_of == id) {
      TEXTRA_ASSIGN_OR_RETURN(std::optional<std::int64_t> earliest, earliest_match(later, document.keys, index));
      TEXTRA_RETURN_IF_ERROR(index.set_duplicate_of(later, earliest));
    }
  }
  return Status::ok();
}

}  // namespace textra::store
