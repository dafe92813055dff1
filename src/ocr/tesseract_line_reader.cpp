#include "ocr/tesseract_line_reader.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <cmath>

#include "base/utf8.h"
#include "imaging/image.h"
#include "ocr/tesseract_setup.h"

namespace textra::ocr {
namespace {

// The crop as an 8-bit gray image (Tesseract binarises gray itself).
imaging::Image gray_pix(const ppocr::FloatImage& crop) {
  imaging::Image image = imaging::Image::adopt(pixCreate(crop.width, crop.height, 8));
  if (image.empty()) return image;
  l_uint32* data = pixGetData(image.pix());
  const int wpl = pixGetWpl(image.pix());
  for (int y = 0; y < crop.height; ++y) {
    l_uint32* row = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (int x = 0; x < crop.width; ++x) {
      const float* p = crop.at(x, y);
      float gray = 0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2];
      SET_DATA_BYTE(row, x, static_cast<l_int32>(std::clamp(std::lround(gray), 0L, 255L)));
    }
  }
  // Crops are cut at the page's resolution; stating one spares Tesseract its estimate (and its warning).
  pixSetResolution(image.pix(), 300, 300);
  return image;
}

}  // namespace

TesseractLineReader::~TesseractLineReader() = default;

Result<std::unique_ptr<TesseractLineReader>> TesseractLineReader::create(const EngineOptions& options) {
  TEXTRA_RETURN_IF_ERROR(validate(options));
  std::unique_ptr<TesseractLineReader> reader(new TesseractLineReader());
  reader->options_ = options;
  return reader;
}

Status TesseractLineReader::load() {
  if (api_ != nullptr) return Status::ok();
  configure_tesseract_once();
  serial_openmp_in_this_thread();
  auto api = std::make_unique<tesseract::TessBaseAPI>();
  const char* datapath = options_.tessdata_dir.empty() ? nullptr : options_.tessdata_dir.c_str();
  if (api->Init(datapath, options_.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0) {
    return not_found("cannot load OCR languages '" + options_.languages + "' from " +
                     tessdata_description(options_.tessdata_dir) + " (install tesseract-ocr-<lang> or set TESSDATA_PREFIX)");
  }
  api->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
  api_ = std::move(api);
  return Status::ok();
}

Result<std::vector<doc::Word>> TesseractLineReader::read(const ppocr::FloatImage& crop) {
  std::vector<doc::Word> words;
  if (crop.width < 2 || crop.height < 2) return words;
  TEXTRA_RETURN_IF_ERROR(load());
  imaging::Image image = gray_pix(crop);
  if (image.empty()) return internal_error("cannot make a line image for Tesseract");
  serial_openmp_in_this_thread();
  api_->SetImage(image.pix());
  if (api_->Recognize(nullptr) != 0) {
    api_->Clear();
    return internal_error("Tesseract could not read a line");
  }
  std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
  constexpr auto kWord = tesseract::RIL_WORD;
  if (it != nullptr && !it->Empty(kWord)) {
    do {
      std::unique_ptr<char[]> raw(it->GetUTF8Text(kWord));
      std::string text = utf8::sanitize(raw == nullptr ? "" : raw.get());
      std::erase_if(text, [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; });
      int left = 0, top = 0, right = 0, bottom = 0;
      if (text.empty() || !it->BoundingBox(kWord, &left, &top, &right, &bottom)) continue;
      words.push_back({std::move(text), {left, top, right, bottom}, std::clamp(it->Confidence(kWord) / 100.0f, 0.0f, 1.0f)});
    } while (it->Next(kWord));
  }
  it.reset();
  api_->Clear();
  return words;
}

}  // namespace textra::ocr
