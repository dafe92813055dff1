#include "ocr/tesseract_engine.h"

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>

#include "base/strings.h"
#include "base/utf8.h"
#include "ocr/tesseract_setup.h"

namespace textra::ocr {
namespace {

std::string trimmed(const char* text) { return utf8::sanitize(trim_ascii_space(text == nullptr ? "" : text)); }

}  // namespace

TesseractEngine::TesseractEngine(const EngineOptions& options) : orientation_(options.tessdata_dir) {}
TesseractEngine::~TesseractEngine() = default;

Result<std::unique_ptr<TesseractEngine>> TesseractEngine::create(const EngineOptions& options) {
  TEXTRA_RETURN_IF_ERROR(validate(options));
  configure_tesseract_once();
  serial_openmp_in_this_thread();
  std::unique_ptr<TesseractEngine> engine(new TesseractEngine(options));
  engine->api_ = std::make_unique<tesseract::TessBaseAPI>();
  const char* datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
  if (engine->api_->Init(datapath, options.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return not_found("cannot load OCR languages '" + options.languages + "' from " +
                     tessdata_description(options.tessdata_dir) + " (install tesseract-ocr-<lang> or set TESSDATA_PREFIX)");
  }
  engine->api_->SetPageSegMode(static_cast<tesseract::PageSegMode>(options.psm));
  return engine;
}

Result<doc::Page> TesseractEngine::recognize(const imaging::Image& image, int page_index) {
  TEXTRA_ASSIGN_OR_RETURN(doc::Page page, empty_ocr_page(image, page_index));
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

Result<int> TesseractEngine::upright_rotation(const imaging::Image& image) {
  return orientation_.upright_rotation(image);
}

}  // namespace textra::ocr
