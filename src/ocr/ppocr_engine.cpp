#include "ocr/ppocr_engine.h"

namespace textra::ocr {

Result<std::unique_ptr<PpocrEngine>> PpocrEngine::create(const EngineOptions& options,
                                                         const ppocr::PipelineOptions& pipeline) {
  TEXTRA_ASSIGN_OR_RETURN(std::shared_ptr<const ppocr::Networks> networks, ppocr::load_networks(options.ppocr_dir));
  return std::unique_ptr<PpocrEngine>(new PpocrEngine(options, ppocr::Pipeline(std::move(networks), pipeline)));
}

Result<doc::Page> PpocrEngine::recognize(const imaging::Image& image, int page_index) {
  TEXTRA_ASSIGN_OR_RETURN(doc::Page page, empty_ocr_page(image, page_index));
  TEXTRA_ASSIGN_OR_RETURN(ppocr::PageImage pixels, ppocr::PageImage::from_pix(image.pix()));
  auto lines = pipeline_.read(pixels);
  if (!lines.is_ok()) return lines.status().with_context("page " + std::to_string(page_index + 1));
  std::vector<ppocr::Segment> segments;
  for (ppocr::ReadLine& line : *lines) segments.push_back(std::move(line.segment));
  page.lines = ppocr::lines_in_reading_order(std::move(segments));
  return page;
}

Result<int> PpocrEngine::upright_rotation(const imaging::Image& image) { return orientation_.upright_rotation(image); }

}  // namespace textra::ocr
