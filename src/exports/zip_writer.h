// A ZIP archive of stored (uncompressed) entries: several CII invoices in one download. XML compresses
// well, but a stored archive needs no deflate code and opens everywhere.
#pragma once

#include <string>
#include <vector>

#include "exports/exports.h"

namespace textra::exports {

// One entry per file, named by ExportFile::name. Files and the archive must stay under 4 GiB (no ZIP64).
std::string zip_stored(const std::vector<ExportFile>& files);

}  // namespace textra::exports
