#include "ocr/fusion_engine.h"

#include "ocr/fusion_rules.h"

namespace textra::ocr {
namespace {

std::vector<std::string> texts(const std::vector<doc::Word>& words) {
  std::vector<std::string> out;
  for (const doc::Word& w : words) out.push_back(w.text);
  return out;
}

}  // namespace

Result<std::unique_ptr<FusionEngine>> FusionEngine::create(const EngineOptions& options,
                                                           const ppocr::PipelineOptions& pipeline) {
  TEXTRA_ASSIGN_OR_RETURN(std::shared_ptr<const ppocr::Networks> networks, ppocr::load_networks(options.ppocr_dir));
  TEXTRA_ASSIGN_OR_RETURN(std::unique_ptr<TesseractLineReader> reader, TesseractLineReader::create(options));
  return std::unique_ptr<FusionEngine>(
      new FusionEngine(options, ppocr::Pipeline(std::move(networks), pipeline), std::move(reader)));
}

Status FusionEngine::restore_letters(ppocr::ReadLine& line) {
  TEXTRA_ASSIGN_OR_RETURN(std::vector<doc::Word> theirs, reader_->read(line.crop));
  std::vector<doc::Word>& ours = line.segment.words;
  std::vector<std::string> restored = fusion::restore_letters(texts(ours), texts(theirs));
  for (std::size_t i = 0; i < ours.size(); ++i) ours[i].text = std::move(restored[i]);
  return Status::ok();
}

Result<doc::Page> FusionEngine::recognize(const imaging::Image& image, int page_index) {
  TEXTRA_ASSIGN_OR_RETURN(doc::Page page, empty_ocr_page(image, page_index));
  TEXTRA_ASSIGN_OR_RETURN(ppocr::PageImage pixels, ppocr::PageImage::from_pix(image.pix()));
  auto lines = pipeline_.read(pixels);
  if (!lines.is_ok()) return lines.status().with_context("page " + std::to_string(page_index + 1));
  std::vector<std::string> page_words;
  for (const ppocr::ReadLine& line : *lines) {
    for (const doc::Word& w : line.segment.words) page_words.push_back(w.text);
  }
  // Only French pages hold the letters PP-OCR lacks; English and Malay receipts are left to PP-OCR alone.
  const bool french = fusion::looks_french(page_words);
  std::vector<ppocr::Segment> segments;
  for (ppocr::ReadLine& line : *lines) {
    if (french && fusion::may_need_letters(texts(line.segment.words))) {
      Status status = restore_letters(line);
      if (!status.is_ok()) return status.with_context("page " + std::to_string(page_index + 1));
    }
    segments.push_back(std::move(line.segment));
  }
  page.lines = ppocr::lines_in_reading_order(std::move(segments));
  return page;
}

Result<int> FusionEngine::upright_rotation(const imaging::Image& image) { return orientation_.upright_rotation(image); }

}  // namespace textra::ocr
