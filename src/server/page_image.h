// Page images for the web UI: page n of a stored original as PNG, in the pixel space of the result's
// boxes (images as decoded, PDF pages at the ingest dpi), optionally with the result's boxes drawn.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "base/status.h"
#include "ingest/ingest.h"

namespace textra::server {

// page is 0-based. result: the result JSON whose leaves' source boxes on that page are drawn, or nullptr.
Result<std::string> render_page_png(const std::string& original_path, int page, const nlohmann::json* result,
                                    const ingest::Limits& limits);

}  // namespace textra::server
