#include "exports/from_store.h"

namespace textra::exports {
namespace {

Result<ExportDocument> load_document(store::Store& store, const store::DocumentRecord& record) {
  TEXTRA_ASSIGN_OR_RETURN(std::optional<nlohmann::json> result, store.latest_result(record.id));
  TEXTRA_ASSIGN_OR_RETURN(nlohmann::json corrections, store.corrections(record.id));
  ExportDocument document;
  if (!result) {
    document.id = record.id;
    document.file_name = record.file_name;
    document.status = record.status;
    document.extraction.file = record.file_name;
  } else {
    // The store speaks nlohmann::json, fields keeps key order (ordered_json): converted without text.
    TEXTRA_ASSIGN_OR_RETURN(document, make_export_document(record.id, record.file_name, record.status,
                                                           fields::Json(*result), fields::Json(corrections)));
  }
  document.duplicate_of = record.duplicate_of;
  return document;
}

}  // namespace

Result<std::vector<ExportDocument>> load_documents(store::Store& store, const Selection& selection) {
  std::vector<store::DocumentRecord> records;
  if (!selection.ids.empty()) {
    for (std::int64_t id : selection.ids) {
      TEXTRA_ASSIGN_OR_RETURN(store::DocumentRecord record, store.document(id));
      records.push_back(std::move(record));
    }
  } else {
    store::ListFilter filter = selection.filter;
    filter.cursor.reset();
    filter.limit = 500;
    for (;;) {
      TEXTRA_ASSIGN_OR_RETURN(store::DocumentPage page, store.list(filter));
      records.insert(records.end(), page.documents.begin(), page.documents.end());
      if (!page.next) break;
      filter.cursor = page.next;
    }
  }
  std::vector<ExportDocument> documents;
  documents.reserve(records.size());
  for (const store::DocumentRecord& record : records) {
    TEXTRA_ASSIGN_OR_RETURN(ExportDocument document, load_document(store, record));
    documents.push_back(std::move(document));
  }
  return documents;
}

}  // namespace textra::exports
