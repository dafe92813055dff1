#include "synth/synth.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <mutex>

#include "base/files.h"
#include "base/thread_pool.h"
#include "ner/labelled_document.h"
#include "synth/canvas.h"
#include "synth/content.h"
#include "synth/fonts.h"
#include "synth/layout.h"

namespace textra::synth {
namespace {

constexpr int kDefaultJpegQuality = 90;

std::string invoice_name(int index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "synth-%06d", index);
  return buf;
}

doc::Box line_box(const DrawnLine& line) {
  doc::Box box{};
  for (const DrawnWord& w : line) box = box.united(w.word.box);
  return box;
}

// Lines in reading order as an OCR engine gives them: rows top to bottom (lines whose middles are
// within half a line height of each other share a row), left to right within a row.
std::vector<DrawnLine> reading_order(std::vector<DrawnLine> lines) {
  auto middle = [](const DrawnLine& l) { doc::Box b = line_box(l); return (b.y0 + b.y1) / 2; };
  std::stable_sort(lines.begin(), lines.end(), [&](const DrawnLine& a, const DrawnLine& b) { return middle(a) < middle(b); });
  std::vector<DrawnLine> out;
  for (std::size_t start = 0; start < lines.size();) {
    const doc::Box first = line_box(lines[start]);
    std::size_t end = start + 1;
    while (end < lines.size() && middle(lines[end]) - (first.y0 + first.y1) / 2 <= first.height() / 2) ++end;
    std::stable_sort(lines.begin() + static_cast<long>(start), lines.begin() + static_cast<long>(end),
                     [](const DrawnLine& a, const DrawnLine& b) { return line_box(a).x0 < line_box(b).x0; });
    for (std::size_t k = start; k < end; ++k) out.push_back(std::move(lines[k]));
    start = end;
  }
  return out;
}

}  // namespace

InvoiceGenerator::InvoiceGenerator(SynthOptions options, ner::LabelSet labels, std::unique_ptr<FontLibrary> fonts)
    : options_(std::move(options)), labels_(std::move(labels)), fonts_(std::move(fonts)) {}
InvoiceGenerator::~InvoiceGenerator() = default;

Result<std::unique_ptr<InvoiceGenerator>> InvoiceGenerator::create(const SynthOptions& options) {
  if (options.image_format != "png" && options.image_format != "jpg" && options.image_format != "none") {
    return invalid_argument("--image: '" + options.image_format + "' is not png, jpg or none");
  }
  if (!(options.word_noise >= 0 && options.word_noise <= 1)) return invalid_argument("--word-noise: must be between 0 and 1");
  TEXTRA_ASSIGN_OR_RETURN(ner::LabelSet labels, ner::builtin_label_set(options.label_set));
  TEXTRA_ASSIGN_OR_RETURN(std::unique_ptr<FontLibrary> fonts, FontLibrary::load());
  return std::unique_ptr<InvoiceGenerator>(new InvoiceGenerator(options, std::move(labels), std::move(fonts)));
}

Result<SynthInvoice> InvoiceGenerator::generate(int index) {
  Rng rng(invoice_seed(options_.seed, static_cast<std::uint64_t>(index)));
  const InvoiceContent content = draw_content(rng);
  const PageSize size = draw_page_size(rng);
  const bool paint = options_.image_format != "none";
  // Long invoices are drawn again with smaller fonts until they fit the page.
  std::unique_ptr<Canvas> canvas;
  double scale = 1.0;
  for (int attempt = 0;; ++attempt, scale *= 0.88) {
    Rng layout_rng = rng;
    canvas = std::make_unique<Canvas>(*fonts_, size.width, size.height, paint);
    if (draw_layout(content, layout_rng, *canvas, size.dpi, scale)) {
      rng = layout_rng;
      break;
    }
    if (attempt == 8) return internal_error(invoice_name(index) + ": the invoice does not fit the page");
  }
  const ScanEffects effects = draw_effects(rng, options_.effects);
  std::vector<DrawnLine> lines = canvas->lines();
  int width = size.width, height = size.height;
  apply_box_effects(effects, lines, width, height);
  if (options_.word_noise > 0) add_ocr_errors(lines, options_.word_noise, rng);

  SynthInvoice out;
  out.name = invoice_name(index);
  const std::string extension = options_.image_format == "jpg" ? ".jpg" : ".png";
  out.ground_truth = content.ground_truth(out.name + extension);
  if (paint) out.image = apply_image_effects(effects, canvas->image(), rng);
  out.jpeg_quality = effects.jpeg_quality;
  doc::Page& page = out.page.page;
  out.page.id = out.name + extension;
  page.width = width;
  page.height = height;
  page.dpi = static_cast<int>(std::lround(size.dpi * effects.scale));
  for (const DrawnLine& line : reading_order(std::move(lines))) {
    doc::Line l;
    for (const DrawnWord& w : line) {
      l.words.push_back(w.word);
      const auto label = std::find_if(labels_.labels.begin(), labels_.labels.end(), [&](const ner::Label& x) { return !x.field.empty() && x.field == w.field; });
      out.page.labels.push_back(label == labels_.labels.end() ? "" : label->name);
    }
    l.box = line_box(line);
    page.lines.push_back(std::move(l));
  }
  return out;
}

Status InvoiceGenerator::write(const SynthInvoice& invoice, const std::string& dir) const {
  namespace fs = std::filesystem;
  TEXTRA_RETURN_IF_ERROR(write_file((fs::path(dir) / "gt" / (invoice.name + ".json")).string(), invoice.ground_truth.dump(2) + "\n"));
  TEXTRA_RETURN_IF_ERROR(write_file((fs::path(dir) / "words" / (invoice.name + ".json")).string(),
                                    ner::to_labelled_document(invoice.page, labels_.name).dump() + "\n"));
  if (invoice.image.empty()) return Status();
  l_uint8* data = nullptr;
  std::size_t size = 0;
  const bool jpeg = options_.image_format == "jpg";
  const int quality = invoice.jpeg_quality > 0 ? invoice.jpeg_quality : kDefaultJpegQuality;
  if ((jpeg ? pixWriteMemJpeg(&data, &size, invoice.image.pix(), quality, 0) : pixWriteMemPng(&data, &size, invoice.image.pix(), 0.0f)) != 0) {
    return internal_error(invoice.name + ": the image could not be encoded");
  }
  Status written = write_file((fs::path(dir) / "img" / (invoice.name + (jpeg ? ".jpg" : ".png"))).string(),
                              std::string_view(reinterpret_cast<const char*>(data), size));
  lept_free(data);
  return written;
}

Status generate_invoices(const SynthOptions& options, int first, int count, const std::string& dir, int threads,
                         const std::function<void(int)>& progress) {
  namespace fs = std::filesystem;
  if (count < 0 || first < 0) return invalid_argument("-n: the number of invoices must not be negative");
  std::error_code ec;
  for (const char* sub : {"gt", "words", "img"}) {
    if (std::string(sub) == "img" && options.image_format == "none") continue;
    fs::create_directories(fs::path(dir) / sub, ec);
    if (ec) return io_error(dir + "/" + sub + ": cannot create folder: " + ec.message());
  }
  ThreadPool pool(static_cast<std::size_t>(threads));
  // One generator (fonts, glyph cache) per worker.
  std::vector<std::unique_ptr<InvoiceGenerator>> generators(pool.size());
  for (auto& generator : generators) {
    TEXTRA_ASSIGN_OR_RETURN(generator, InvoiceGenerator::create(options));
  }
  std::mutex mutex;
  Status first_error;
  int done = 0;
  pool.parallel_for(static_cast<std::size_t>(count), [&](std::size_t i) {
    const int worker = std::max(0, ThreadPool::current_worker());
    InvoiceGenerator& generator = *generators[static_cast<std::size_t>(worker)];
    auto invoice = generator.generate(first + static_cast<int>(i));
    Status status = invoice.is_ok() ? generator.write(*invoice, dir) : invoice.status();
    std::lock_guard<std::mutex> lock(mutex);
    if (!status.is_ok() && first_error.is_ok()) first_error = status;
    ++done;
    if (progress) progress(done);
  });
  return first_error;
}

}  // namespace textra::synth
