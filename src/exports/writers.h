// The format writers behind export_documents(): each gets only documents that passed the readiness check
// (or all of them with force) and returns the files.
#pragma once

#include <vector>

#include "exports/exports.h"

namespace textra::exports {

ExportFile write_documents_csv(const std::vector<const ExportDocument*>& documents);
ExportFile write_line_items_csv(const std::vector<const ExportDocument*>& documents);
ExportFile write_fec(const std::vector<const ExportDocument*>& documents, const ExportOptions& options);
ExportFile write_cii(const ExportDocument& document);

}  // namespace textra::exports
