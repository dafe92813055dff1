// JSON form of the document model (documented in docs/formats.md). Reading validates every field:
// a document from a file or a request is untrusted.
#pragma once

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "doc/document.h"

namespace textra::doc {

constexpr int kDocumentJsonVersion = 1;

nlohmann::json to_json(const Document& document);
nlohmann::json to_json(const Page& page);
Result<Document> document_from_json(const nlohmann::json& j);
Result<Page> page_from_json(const nlohmann::json& j);

// A document JSON file (what `textra ocr -f json` writes), up to 64 MiB; errors name the file.
Result<Document> read_document_file(const std::string& path);

}  // namespace textra::doc
