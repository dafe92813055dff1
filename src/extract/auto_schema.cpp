#include "extract/auto_schema.h"

#include <algorithm>

#include "extract/document_type.h"

namespace textra::extract {

Result<fields::Extraction> extract_auto(const doc::Document& document, const SchemaEngine& invoice,
                                        const SchemaEngine* receipt) {
  fields::DocumentType type = detect_document_type(document);
  const SchemaEngine& chosen = type.type == "receipt" && receipt != nullptr ? *receipt : invoice;
  TEXTRA_ASSIGN_OR_RETURN(fields::Extraction result, chosen.engine->extract(document, chosen.schema));
  if (type.type == "other" && chosen.schema.name == "invoice") {
    std::string kind = type.kind;
    std::replace(kind.begin(), kind.end(), '_', ' ');
    result.warn("not_an_invoice", "the document's title says it is a " + kind +
                                      ", not an invoice: its fields were read with the invoice schema");
  }
  result.document_type = std::move(type);
  return result;
}

}  // namespace textra::extract
