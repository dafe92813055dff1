// `--annotate DIR`: page images with each located field's boxes and name drawn on them, so a person can
// check at a glance where every value was read. A separate library (textra_fields_annotate) so that
// textra_fields itself stays free of image code (it depends on base and doc only).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "doc/document.h"
#include "fields/result.h"
#include "imaging/image.h"

namespace textra::fields {

// A colour copy of `image` with the boxes of every value of `extraction` whose source is on `page`, each
// labelled with its field path ("total_ttc", "line_items.0.amount"). Boxes are in the page's pixel frame
// and are scaled when the image has another size than the page.
Result<imaging::Image> annotate_page(const imaging::Image& image, const doc::Page& page, const Extraction& extraction);

// Writes DIR/STEM-pN.png (N from 1) for every page that has an image; creates DIR if needed.
// Returns the paths written.
Result<std::vector<std::string>> write_annotated_pages(const std::string& dir, const std::string& stem,
                                                       const std::vector<imaging::Image>& page_images,
                                                       const doc::Document& document, const Extraction& extraction);

}  // namespace textra::fields
