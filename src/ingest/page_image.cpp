#include "ingest/page_image.h"

#include "base/files.h"
#include "pdf/pdf.h"

namespace textra::ingest {

Result<imaging::Image> page_image(const std::string& path, int index, const Limits& limits) {
  TEXTRA_ASSIGN_OR_RETURN(auto source, open_file(path, limits));
  if (index < 0 || index >= source->page_count()) {
    return not_found(path + ": page " + std::to_string(index + 1) + " does not exist (the document has " +
                     std::to_string(source->page_count()) + ")");
  }
  TEXTRA_ASSIGN_OR_RETURN(PageInput input, source->page(index));
  if (input.needs_ocr()) return std::move(input.image);
  // A text-layer page has no image: render it at the dpi its word boxes are expressed in.
  TEXTRA_ASSIGN_OR_RETURN(std::string bytes, read_file(path, limits.max_bytes));
  TEXTRA_ASSIGN_OR_RETURN(auto pdf, pdf::PdfDocument::open(std::move(bytes)));
  return pdf->render(index, limits.pdf_render_dpi, limits.image);
}

}  // namespace textra::ingest
