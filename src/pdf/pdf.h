// PDF through poppler-cpp: the text layer of a page as words with boxes (exact text, no OCR), and page
// rendering for pages that only hold scanned images. Poppler is lenient (it repairs broken files and
// prints to stderr); here its messages go to the debug log and the file is checked so that encrypted,
// truncated or empty documents give an error instead of a half-read result.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "doc/document.h"
#include "imaging/decode.h"
#include "imaging/image.h"

namespace poppler {
class document;
}

namespace textra::pdf {

class PdfDocument {
 public:
  // Takes the file's bytes (kept alive: poppler reads them in place). Errors: kCorrupt (empty,
  // truncated, malformed, no pages), kUnsupported (encrypted with a password).
  static Result<std::unique_ptr<PdfDocument>> open(std::string bytes);
  ~PdfDocument();
  PdfDocument(const PdfDocument&) = delete;
  PdfDocument& operator=(const PdfDocument&) = delete;

  int page_count() const;

  // The page's text layer as lines of words, boxes in pixels at `dpi` (the size the page would have
  // if rendered at that dpi), source text_layer, confidence 1. nullopt when the layer holds fewer than
  // `min_chars` non-space characters (a scan, perhaps with a stamp or page number as text).
  Result<std::optional<doc::Page>> text_page(int index, int dpi, int min_chars) const;

  // Renders the page as an 8-bit gray image at `dpi`, its resolution set. When the page at that dpi
  // would exceed the pixel limits the dpi is lowered to fit (a warning is logged); below 72 dpi it is
  // an error. Not thread-safe: callers serialise (poppler documents are not safe across threads).
  Result<imaging::Image> render(int index, int dpi, const imaging::DecodeLimits& limits) const;

 private:
  PdfDocument(std::string bytes, std::unique_ptr<poppler::document> document);
  std::string bytes_;
  std::unique_ptr<poppler::document> document_;
};

}  // namespace textra::pdf
