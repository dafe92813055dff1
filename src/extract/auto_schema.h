// `--schema auto`: each document extracted with the schema its detected type calls for
// (extract/document_type.h): receipts with "receipt", invoices with "invoice". Credit notes, quotes,
// delivery notes and orders ("other") are flagged with a "not_an_invoice" warning; their fields are
// read with the invoice schema, whose fields they share, so a reviewer sees what they say. Every result
// carries the detected type and its confidence ("document_type").
#pragma once

#include <memory>

#include "extract/engine.h"

namespace textra::extract {

struct SchemaEngine {
  fields::Schema schema;
  std::shared_ptr<const Engine> engine;
};

// `receipt` may be null: then every document goes to `invoice` (a given NER model fixes the schema), and
// the detected type is still reported.
Result<fields::Extraction> extract_auto(const doc::Document& document, const SchemaEngine& invoice,
                                        const SchemaEngine* receipt);

}  // namespace textra::extract
