#include "ocr/engine.h"

#include <leptonica/allheaders.h>
#include <omp.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <mutex>

#include "base/utf8.h"
#include "imaging/leptonica_messages.h"

namespace textra::ocr {
namespace {

// OSD answers below this confidence are treated as "no rotation": a wrong turn ruins a page. Measured
// with `tesseract --psm 0` on 40 upright SROIE receipts: 8 wrong 180-degree answers, confidences up to
// 4.7; invoices turned by 90 or 180 degrees got the right answer at about 12.
constexpr float kMinOrientationConfidence = 6.0f;
// Orientation tests are tuned for 150-300 ppi text: pages wider than this are halved first (SROIE holds
// 600 ppi A4 scans, on which OSD alone takes longer than recognising a small receipt).
constexpr int kMaxOrientationWidth = 2500;

// Process-wide Tesseract settings, applied once before the first engine loads: Tesseract's diagnostics
// ("Estimating resolution as ...") go to /dev/null, Leptonica's to our log: we report our own errors.
void configure_tesseract_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    imaging::route_leptonica_messages_to_log();
    tesseract::TessBaseAPI settings;
    settings.SetVariable("debug_file", "/dev/null");
  });
}

// OpenMP off in the calling thread: each engine runs on one thread and the pool's -j is the parallelism.
// Tesseract's own OpenMP regions over-subscribe the cores when several engines run (its `num_threads`
// clauses ignore omp_set_num_threads, but a maximum of 0 active levels makes every region serial). Since
// GCC 11 that maximum is a per-thread setting (OpenMP 5.1), so every thread that runs Tesseract sets it:
// set once in one thread only, `-j 2` spent 60 % more CPU and ran slower than `-j 1` (10 SROIE receipts).
void serial_openmp_in_this_thread() {
  thread_local bool done = false;
  if (done) return;
  omp_set_max_active_levels(0);
  done = true;
}

// Leptonica's orientation test (ascender and descender counts on a binary copy) takes milliseconds;
// OSD costs about as much as recognising a receipt and, on receipts, sometimes claims 180 degrees for an
// upright page. So OSD only confirms a turn that Leptonica is confident about: pages Leptonica finds
// upright, or cannot judge (most receipts), are left as they are. Measured on 10 SROIE receipts + 4
// invoices: OSD on every page Leptonica could not call upright halved the pages per second.
bool leptonica_finds_turned(Pix* page) {
  PIX* gray = pixConvertTo8(page, 0);
  if (gray == nullptr) return false;
  PIX* binary = pixConvertTo1(gray, 128);
  pixDestroy(&gray);
  while (binary != nullptr && pixGetWidth(binary) > kMaxOrientationWidth) {
    PIX* half = pixReduceRankBinary2(binary, 1, nullptr);
    pixDestroy(&binary);
    binary = half;
  }
  if (binary == nullptr) return false;
  l_float32 up_confidence = 0, left_confidence = 0;
  l_int32 orientation = L_TEXT_ORIENT_UNKNOWN;
  bool measured = pixOrientDetect(binary, &up_confidence, &left_confidence, 0, 0) == 0 &&
                  makeOrientDecision(up_confidence, left_confidence, 0, 0, &orientation, 0) == 0;
  pixDestroy(&binary);
  return measured && orientation != L_TEXT_ORIENT_UP && orientation != L_TEXT_ORIENT_UNKNOWN;
}

std::string tessdata_description(const EngineOptions& options) {
  return options.tessdata_dir.empty() ? "Tesseract's default tessdata folder" : options.tessdata_dir;
}

std::string trimmed(const char* text) {
  std::string_view s(text == nullptr ? "" : text);
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return utf8::sanitize(s);
}

}  // namespace

Status validate(const EngineOptions& options) {
  // 0 (OSD only) and 2 (layout without OCR) produce no text; 1..13 otherwise as in `tesseract --help-psm`.
  if (options.psm < 1 || options.psm > 13 || options.psm == 2) {
    return invalid_argument("page segmentation mode " + std::to_string(options.psm) +
                            ": use 1 or 3..13 (see `tesseract --help-psm`)");
  }
  if (options.languages.empty()) return invalid_argument("no OCR language given (e.g. fra+eng)");
  for (char c : options.languages) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '+' || c == '-';
    if (!ok) return invalid_argument("OCR languages '" + options.languages + "': expected codes like fra+eng");
  }
  return Status::ok();
}

Engine::Engine(EngineOptions options) : options_(std::move(options)) {}
Engine::~Engine() = default;

Result<std::unique_ptr<Engine>> Engine::create(const EngineOptions& options) {
  TEXTRA_RETURN_IF_ERROR(validate(options));
  configure_tesseract_once();
  serial_openmp_in_this_thread();
  std::unique_ptr<Engine> engine(new Engine(options));
  engine->api_ = std::make_unique<tesseract::TessBaseAPI>();
  const char* datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
  if (engine->api_->Init(datapath, options.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return not_found("cannot load OCR languages '" + options.languages + "' from " + tessdata_description(options) +
                     " (install tesseract-ocr-<lang> or set TESSDATA_PREFIX)");
  }
  engine->api_->SetPageSegMode(static_cast<tesseract::PageSegMode>(options.psm));
  return engine;
}

Result<doc::Page> Engine::recognize(const imaging::Image& image, int page_index) {
  if (image.empty() || image.width() <= 0 || image.height() <= 0) {
    return invalid_argument("page " + std::to_string(page_index + 1) + ": empty image");
  }
  doc::Page page;
  page.index = page_index;
  page.width = image.width();
  page.height = image.height();
  page.dpi = image.dpi();
  page.source = doc::PageSource::kOcr;

  serial_openmp_in_this_thread();
  api_->SetImage(image.pix());
  if (api_->Recognize(nullptr) != 0) {
    api_->Clear();
    return internal_error("page " + std::to_string(page_index + 1) + ": Tesseract recognition failed");
  }
  std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
  constexpr auto kWord = tesseract::RIL_WORD;
  bool start_line = true;
  if (it != nullptr && !it->Empty(kWord)) {
    do {
      if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) start_line = true;
      std::unique_ptr<char[]> raw(it->GetUTF8Text(kWord));
      std::string text = trimmed(raw.get());
      int left = 0, top = 0, right = 0, bottom = 0;
      if (text.empty() || !it->BoundingBox(kWord, &left, &top, &right, &bottom)) continue;
      if (start_line) page.lines.emplace_back();
      start_line = false;
      doc::Word word{std::move(text), {left, top, right, bottom},
                     std::clamp(it->Confidence(kWord) / 100.0f, 0.0f, 1.0f)};
      doc::Line& line = page.lines.back();
      line.box = line.box.united(word.box);
      line.words.push_back(std::move(word));
    } while (it->Next(kWord));
  }
  it.reset();
  api_->Clear();
  return page;
}

Status Engine::load_osd() {
  auto osd = std::make_unique<tesseract::TessBaseAPI>();
  const char* datapath = options_.tessdata_dir.empty() ? nullptr : options_.tessdata_dir.c_str();
  if (osd->Init(datapath, "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
    return not_found("cannot load orientation detection data 'osd' from " + tessdata_description(options_) +
                     " (install tesseract-ocr-osd)");
  }
  osd->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  osd_ = std::move(osd);
  return Status::ok();
}

Result<int> Engine::upright_rotation(const imaging::Image& image) {
  if (image.empty()) return invalid_argument("orientation detection: empty image");
  if (!leptonica_finds_turned(image.pix())) return 0;
  serial_openmp_in_this_thread();
  if (osd_ == nullptr) TEXTRA_RETURN_IF_ERROR(load_osd());
  imaging::Image reduced;
  for (Pix* page = image.pix(); pixGetWidth(page) > kMaxOrientationWidth; page = reduced.pix()) {
    reduced = imaging::Image::adopt(pixScale(page, 0.5f, 0.5f));
    if (reduced.empty()) return internal_error("orientation detection: cannot scale the page");
  }
  osd_->SetImage(reduced.empty() ? image.pix() : reduced.pix());
  int degrees = 0;
  float confidence = 0.0f;
  const char* script = nullptr;
  float script_confidence = 0.0f;
  bool found = osd_->DetectOrientationScript(&degrees, &confidence, &script, &script_confidence);
  osd_->Clear();
  if (!found || confidence < kMinOrientationConfidence) return 0;
  // OSD reports how far the page is turned clockwise; undoing it is the rest of a full turn.
  return (360 - degrees) % 360;
}

}  // namespace textra::ocr
