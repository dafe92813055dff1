// The image of a page in the pixel frame of its words: the decoded image for image files and scanned PDF
// pages, and for text-layer PDF pages a rendering at the dpi their word boxes use. Used to draw boxes
// (`textra extract --annotate`, the server's page images).
#pragma once

#include "imaging/image.h"
#include "ingest/ingest.h"

namespace textra::ingest {

// index is 0-based; the file is read again (pages are not kept in memory after extraction).
Result<imaging::Image> page_image(const std::string& path, int index, const Limits& limits = {});

}  // namespace textra::ingest
