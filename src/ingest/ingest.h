// Ingestion: from a file (or bytes received by the server) to the pages the pipeline works on.
// The type comes from the content (detect.h), never the name. Images are decoded at once; PDF pages are
// read or rendered when asked for, so a long PDF never sits in memory as images all at once.
//
//   auto source = ingest::open_file("scan.pdf");          // Result<std::unique_ptr<Source>>
//   for (int i = 0; i < (*source)->page_count(); ++i) {
//     auto page = (*source)->page(i);                     // Result<PageInput>
//     if (page->text_page) { /* words known: no OCR */ } else { /* OCR page->image */ }
//   }
//
// Every error message starts with the file name: "scan.pdf: encrypted PDF (a password is required)".
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "doc/document.h"
#include "imaging/decode.h"
#include "imaging/image.h"
#include "ingest/detect.h"

namespace textra::ingest {

struct Limits {
  std::size_t max_bytes = 256u << 20;  // whole file
  imaging::DecodeLimits image;         // pixels per page (default 100 Mpx), pixels per side, pages
  int pdf_render_dpi = 300;            // PDF pages without a text layer are rendered at this resolution
  int pdf_text_min_chars = 8;          // fewer non-space characters than this: the page is treated as a scan
};

// One page of the input: either its words are known (a PDF text layer, exact text, no OCR) or an image
// to preprocess and OCR.
struct PageInput {
  int index = 0;                       // 0-based
  std::optional<doc::Page> text_page;  // PDF page with a text layer: lines and words with boxes
  imaging::Image image;                // otherwise the page image (PDF pages rendered at pdf_render_dpi)
  bool needs_ocr() const { return !text_page.has_value(); }
};

class Source {
 public:
  virtual ~Source() = default;
  const std::string& file() const { return file_; }
  ContentType type() const { return type_; }
  const char* mime() const { return mime_type(type_); }
  virtual int page_count() const = 0;
  // Safe to call from several threads (PDF rendering is serialised inside).
  virtual Result<PageInput> page(int index) const = 0;

 protected:
  Source(std::string file, ContentType type) : file_(std::move(file)), type_(type) {}

 private:
  std::string file_;
  ContentType type_;
};

// Reads the file (up to limits.max_bytes), detects its type and opens it. Images are decoded now;
// PDF pages on demand.
Result<std::unique_ptr<Source>> open_file(const std::string& path, const Limits& limits = {});
// The same for bytes already in memory; `name` is used in messages and as Document.file.
Result<std::unique_ptr<Source>> open_bytes(const std::string& name, std::string bytes, const Limits& limits = {});

// Every page, in order (convenience for small inputs and tests).
Result<std::vector<PageInput>> load_all_pages(const Source& source);

}  // namespace textra::ingest
