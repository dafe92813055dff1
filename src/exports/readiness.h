// Whether a document can be exported in a format: the unresolved errors that stop it, for people to read.
#pragma once

#include <string>
#include <vector>

#include "exports/exports.h"

namespace textra::exports {

// Empty when the document is ready. Checks the status (extracted or reviewed; CII wants reviewed), that it
// is no duplicate of an earlier document, the consistency warnings left after corrections, and the fields
// the format cannot do without.
std::vector<std::string> unresolved_errors(const ExportDocument& document, Format format, const ExportOptions& options);

}  // namespace textra::exports
