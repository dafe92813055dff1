#include "ocr/fusion_engine.h"

#include "ocr/fusion_page.h"

namespace textra::ocr {

Result<std::unique_ptr<FusionEngine>> FusionEngine::create(const EngineOptions& options,
                                                           const ppocr::PipelineOptions& pipeline) {
  TEXTRA_ASSIGN_OR_RETURN(std::shared_ptr<const ppocr::Networks> networks, ppocr::load_networks(options.ppocr_dir));
  TEXTRA_ASSIGN_OR_RETURN(std::unique_ptr<TesseractLineReader> reader, TesseractLineReader::create(options));
  return std::unique_ptr<FusionEngine>(
      new FusionEngine(options, ppocr::Pipeline(std::move(networks), pipeline), std::move(reader)));
}

Result<doc::Page> FusionEngine::recognize(const imaging::Image& image, int page_index) {
  TEXTRA_ASSIGN_OR_RETURN(doc::Page page, empty_ocr_page(image, page_index));
  TEXTRA_ASSIGN_OR_RETURN(ppocr::PageImage pixels, ppocr::PageImage::from_pix(image.pix()));
  auto lines = pipeline_.read(pixels);
  if (!lines.is_ok()) return lines.status().with_context("page " + std::to_string(page_index + 1));
  auto fused = fusion::fuse_page(std::move(lines).value(),
                                 [this](const ppocr::ReadLine& line) { return reader_->read(line.crop); });
  if (!fused.is_ok()) return fused.status().with_context("page " + std::to_string(page_index + 1));
  page.lines = std::move(fused).value();
  return page;
}

Result<int> FusionEngine::upright_rotation(const imaging::Image& image) { return orientation_.upright_rotation(image); }

}  // namespace textra::ocr
