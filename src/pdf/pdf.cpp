#include "pdf/pdf.h"

#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <mutex>
#include <string_view>

#include "base/log.h"
#include "base/strings.h"
#include "base/utf8.h"
#include "doc/line_builder.h"

namespace textra::pdf {
namespace {

constexpr double kPointsPerInch = 72.0;
constexpr int kMinRenderDpi = 72;

void poppler_message_to_log(const std::string& message, void*) { LOG_DEBUG("poppler: " << message); }

void route_poppler_messages_to_log() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(poppler_message_to_log, nullptr); });
}

// A complete PDF ends with "%%EOF" (readers look for it in the last 1024 bytes). Poppler reconstructs
// files cut short and would quietly return fewer pages or blank ones: we refuse them instead.
bool has_eof_marker(std::string_view bytes) {
  constexpr std::string_view kMarker = "%%EOF";
  std::string_view tail = bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0);
  return tail.find(kMarker) != std::string_view::npos;
}

struct PageSizePoints {
  double width = 0, height = 0;
};

// The size as displayed: poppler's text boxes and renderings follow the page's /Rotate.
PageSizePoints displayed_size(const poppler::page& page) {
  poppler::rectf rect = page.page_rect(poppler::crop_box);
  const auto orientation = page.orientation();
  if (orientation == poppler::page::landscape || orientation == poppler::page::seascape) {
    return {rect.height(), rect.width()};
  }
  return {rect.width(), rect.height()};
}

int to_pixels(double points, double scale) { return static_cast<int>(std::lround(points * scale)); }

std::string utf8_of(const poppler::ustring& text) {
  poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

doc::Box clamp_to_page(doc::Box box, int width, int height) {
  box.x0 = std::clamp(box.x0, 0, width);
  box.x1 = std::clamp(box.x1, box.x0, width);
  box.y0 = std::clamp(box.y0, 0, height);
  box.y1 = std::clamp(box.y1, box.y0, height);
  return box;
}

// Gray8 rows from poppler (padded to bytes_per_row) into an 8-bit PIX.
Result<imaging::Image> to_image(const poppler::image& rendered, int dpi) {
  const int width = rendered.width(), height = rendered.height();
  imaging::Image image = imaging::Image::adopt(pixCreate(width, height, 8));
  if (image.empty()) return internal_error("could not allocate a " + std::to_string(width) + "x" +
                                           std::to_string(height) + " page image");
  const auto* src = reinterpret_cast<const unsigned char*>(rendered.const_data());
  l_uint32* dst = pixGetData(image.pix());
  const l_int32 words_per_line = pixGetWpl(image.pix());
  for (int y = 0; y < height; ++y) {
    const unsigned char* row = src + static_cast<std::ptrdiff_t>(y) * rendered.bytes_per_row();
    l_uint32* line = dst + static_cast<std::ptrdiff_t>(y) * words_per_line;
    for (int x = 0; x < width; ++x) SET_DATA_BYTE(line, x, row[x]);
  }
  pixSetResolution(image.pix(), dpi, dpi);
  return image;
}

}  // namespace

PdfDocument::PdfDocument(std::string bytes, std::unique_ptr<poppler::document> document)
    : bytes_(std::move(bytes)), document_(std::move(document)) {}

PdfDocument::~PdfDocument() = default;

Result<std::unique_ptr<PdfDocument>> PdfDocument::open(std::string bytes) {
  route_poppler_messages_to_log();
  if (bytes.empty()) return corrupt("empty file");
  if (bytes.size() > static_cast<std::size_t>(INT_MAX)) return limit_exceeded("PDF larger than 2 GB");
  if (!has_eof_marker(bytes)) return corrupt("truncated PDF (no %%EOF marker at the end)");
  // The bytes move into the object first: poppler keeps pointing at them.
  std::unique_ptr<PdfDocument> pdf(new PdfDocument(std::move(bytes), nullptr));
  pdf->document_.reset(poppler::document::load_from_raw_data(pdf->bytes_.data(), static_cast<int>(pdf->bytes_.size())));
  if (pdf->document_ == nullptr) return corrupt("malformed PDF (poppler could not read its structure)");
  if (pdf->document_->is_locked()) return unsupported("encrypted PDF (a password is required to open it)");
  if (pdf->document_->pages() <= 0) return corrupt("PDF has no pages");
  return pdf;
}

int PdfDocument::page_count() const { return document_->pages(); }

Result<std::optional<doc::Page>> PdfDocument::text_page(int index, int dpi, int min_chars) const {
  std::unique_ptr<poppler::page> page(document_->create_page(index));
  if (page == nullptr) return corrupt("page " + std::to_string(index + 1) + " cannot be read");
  const double scale = dpi / kPointsPerInch;
  const PageSizePoints size = displayed_size(*page);
  doc::Page out;
  out.index = index;
  out.width = to_pixels(size.width, scale);
  out.height = to_pixels(size.height, scale);
  out.dpi = dpi;
  out.source = doc::PageSource::kTextLayer;

  std::vector<doc::Word> words;
  int visible_chars = 0;
  for (const poppler::text_box& box : page->text_list()) {
    std::string text = utf8::sanitize(std::string(trim_ascii_space(utf8_of(box.text()))));
    if (text.empty()) continue;
    visible_chars += static_cast<int>(utf8::length(text));  // a text box is one word: no spaces inside
    const poppler::rectf r = box.bbox();
    doc::Box pixels{static_cast<int>(std::floor(r.left() * scale)), static_cast<int>(std::floor(r.top() * scale)),
                    static_cast<int>(std::ceil(r.right() * scale)), static_cast<int>(std::ceil(r.bottom() * scale))};
    words.push_back({std::move(text), clamp_to_page(pixels, out.width, out.height), 1.0f});
  }
  if (visible_chars < min_chars) return std::optional<doc::Page>();
  out.lines = doc::group_words_into_lines(std::move(words));
  return std::optional<doc::Page>(std::move(out));
}

Result<imaging::Image> PdfDocument::render(int index, int dpi, const imaging::DecodeLimits& limits) const {
  std::unique_ptr<poppler::page> page(document_->create_page(index));
  const std::string where = "page " + std::to_string(index + 1);
  if (page == nullptr) return corrupt(where + " cannot be read");
  const PageSizePoints size = displayed_size(*page);
  if (!(size.width > 0 && size.height > 0)) return corrupt(where + " has an empty page box");

  // Lower the resolution until the page fits the pixel limits (huge posters, malicious page boxes).
  double fit_dpi = dpi;
  const double pixels = size.width * size.height * (dpi / kPointsPerInch) * (dpi / kPointsPerInch);
  if (pixels > static_cast<double>(limits.max_pixels_per_page)) {
    fit_dpi = std::min(fit_dpi, dpi * std::sqrt(static_cast<double>(limits.max_pixels_per_page) / pixels));
  }
  fit_dpi = std::min(fit_dpi, limits.max_dimension * kPointsPerInch / std::max(size.width, size.height));
  const int render_dpi = static_cast<int>(std::floor(fit_dpi));
  if (render_dpi < kMinRenderDpi) {
    return limit_exceeded(where + " of " + std::to_string(static_cast<long long>(size.width)) + "x" +
                          std::to_string(static_cast<long long>(size.height)) +
                          " points is too large to render within the pixel limits");
  }
  if (render_dpi < dpi) LOG_WARN(where << ": rendered at " << render_dpi << " dpi to stay within the pixel limits");

  poppler::page_renderer renderer;
  renderer.set_render_hints(poppler::page_renderer::antialiasing | poppler::page_renderer::text_antialiasing);
  renderer.set_image_format(poppler::image::format_gray8);
  poppler::image rendered = renderer.render_page(page.get(), render_dpi, render_dpi);
  if (!rendered.is_valid() || rendered.width() <= 0 || rendered.height() <= 0) {
    return corrupt(where + " could not be rendered");
  }
  TEXTRA_RETURN_IF_ERROR(imaging::check_page_size(rendered.width(), rendered.height(), limits).with_context(where));
  return to_image(rendered, render_dpi);
}

}  // namespace textra::pdf
