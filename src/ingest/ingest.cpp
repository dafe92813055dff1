#include "ingest/ingest.h"

#include <filesystem>
#include <mutex>

#include "base/files.h"
#include "pdf/pdf.h"

namespace textra::ingest {
namespace {

std::span<const std::uint8_t> as_bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

Status out_of_range(int index, int count) {
  return invalid_argument("page " + std::to_string(index + 1) + " requested, the file has " +
                          std::to_string(count));
}

// Images are small enough to decode at once; each request gets its own copy of the page, so callers
// on different threads never share a Leptonica image.
class ImageSource final : public Source {
 public:
  ImageSource(std::string file, ContentType type, std::vector<imaging::Image> pages)
      : Source(std::move(file), type), pages_(std::move(pages)) {}

  int page_count() const override { return static_cast<int>(pages_.size()); }

  Result<PageInput> page(int index) const override {
    if (index < 0 || index >= page_count()) return out_of_range(index, page_count()).with_context(file());
    PageInput input;
    input.index = index;
    input.image = pages_[static_cast<std::size_t>(index)].clone();
    if (input.image.empty()) return internal_error("out of memory copying page " + std::to_string(index + 1));
    return input;
  }

 private:
  std::vector<imaging::Image> pages_;
};

class PdfSource final : public Source {
 public:
  PdfSource(std::string file, std::unique_ptr<pdf::PdfDocument> pdf, const Limits& limits)
      : Source(std::move(file), ContentType::kPdf), pdf_(std::move(pdf)), limits_(limits) {}

  int page_count() const override { return pdf_->page_count(); }

  Result<PageInput> page(int index) const override {
    if (index < 0 || index >= page_count()) return out_of_range(index, page_count()).with_context(file());
    std::lock_guard<std::mutex> lock(mutex_);  // poppler documents are not thread-safe
    PageInput input;
    input.index = index;
    auto text = pdf_->text_page(index, limits_.pdf_render_dpi, limits_.pdf_text_min_chars);
    if (!text) return text.status().with_context(file());
    if (text->has_value()) {
      input.text_page = std::move(text).value();
      return input;
    }
    auto image = pdf_->render(index, limits_.pdf_render_dpi, limits_.image);
    if (!image) return image.status().with_context(file());
    input.image = std::move(image).value();
    return input;
  }

 private:
  std::unique_ptr<pdf::PdfDocument> pdf_;
  Limits limits_;
  mutable std::mutex mutex_;
};

std::string extension_of(const std::string& name) {
  return std::filesystem::path(name).extension().string();
}

Status unknown_content(const std::string& name) {
  std::string message = "not a PDF or a supported image (PNG, JPEG, TIFF, WebP, BMP, PNM): unrecognised content";
  const std::string ext = extension_of(name);
  if (!ext.empty()) message += " (the name ends in " + ext + ", but the type is read from the content)";
  return unsupported(message);
}

}  // namespace

Result<std::unique_ptr<Source>> open_bytes(const std::string& name, std::string bytes, const Limits& limits) {
  if (bytes.empty()) return corrupt(name + ": empty file");
  if (bytes.size() > limits.max_bytes) {
    return limit_exceeded(name + ": file of " + std::to_string(bytes.size()) + " bytes exceeds the limit of " +
                          std::to_string(limits.max_bytes) + " bytes");
  }
  const ContentType type = detect_content_type(as_bytes(bytes));
  if (type == ContentType::kPdf) {
    auto pdf = pdf::PdfDocument::open(std::move(bytes));
    if (!pdf) return pdf.status().with_context(name);
    if ((*pdf)->page_count() > limits.image.max_pages) {
      return limit_exceeded(name + ": PDF has " + std::to_string((*pdf)->page_count()) +
                            " pages, more than the limit of " + std::to_string(limits.image.max_pages));
    }
    return std::unique_ptr<Source>(new PdfSource(name, std::move(pdf).value(), limits));
  }
  if (is_supported_image(type)) {
    auto pages = imaging::decode_image(as_bytes(bytes), limits.image);
    if (!pages) return pages.status().with_context(name + ": " + type_name(type));
    return std::unique_ptr<Source>(new ImageSource(name, type, std::move(pages).value()));
  }
  if (type == ContentType::kUnknown) return unknown_content(name).with_context(name);
  return unsupported(name + ": " + type_name(type) + " files are not supported (convert to PNG or PDF)");
}

Result<std::unique_ptr<Source>> open_file(const std::string& path, const Limits& limits) {
  auto bytes = read_file(path, limits.max_bytes);
  if (!bytes) return bytes.status();
  return open_bytes(path, std::move(bytes).value(), limits);
}

Result<std::vector<PageInput>> load_all_pages(const Source& source) {
  std::vector<PageInput> pages;
  for (int i = 0; i < source.page_count(); ++i) {
    TEXTRA_ASSIGN_OR_RETURN(PageInput page, source.page(i));
    pages.push_back(std::move(page));
  }
  return pages;
}

}  // namespace textra::ingest
