// Real OCR on a few shared images (SROIE receipts with their box/ transcripts, one French invoice with its
// ground truth), orientation detection, and text-layer PDFs that must not reach Tesseract.
#include <leptonica/allheaders.h>
#include <omp.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "base/utf8.h"
#include "ingest/ingest.h"
#include "ocr/batch.h"
#include "ocr/document_ocr.h"
#include "ocr/engine.h"
#include "ocr/scoring.h"
#include "test_images.h"
#include "test_support.h"

namespace textra::ocr {
namespace {

struct TruthLine {
  doc::Box box;
  std::string text;
};

// box/<id>.csv: x1,y1,x2,y2,x3,y3,x4,y4,transcript (axis-aligned rectangles in this copy).
std::vector<TruthLine> read_truth(const std::string& id) {
  std::ifstream in(testing::shared_dir() + "/data/sroie/box/" + id + ".csv");
  std::vector<TruthLine> lines;
  std::string row;
  while (std::getline(in, row)) {
    std::vector<int> numbers;
    std::size_t pos = 0;
    for (int i = 0; i < 8; ++i) {
      std::size_t comma = row.find(',', pos);
      numbers.push_back(std::stoi(row.substr(pos, comma - pos)));
      pos = comma + 1;
    }
    lines.push_back({{numbers[0], numbers[1], numbers[4], numbers[5]}, row.substr(pos)});
  }
  return lines;
}

// Without preprocessing: these tests are about recognition, and CI time is short.
doc::Document ocr_file(const std::string& path) {
  OcrOptions options;
  options.preparation = *parse_preparation("none");
  auto source = ingest::open_file(path);
  EXPECT_TRUE(source.is_ok()) << source.status().message();
  EnginePool engines(options.engine);
  auto document = ocr_document(**source, engines, options);
  EXPECT_TRUE(document.is_ok()) << document.status().message();
  return document.is_ok() ? *document : doc::Document{};
}

bool contains(const doc::Box& outer, int x, int y) { return x >= outer.x0 && x < outer.x1 && y >= outer.y0 && y < outer.y1; }

TEST(OcrIntegration, ReceiptsGiveWordsWithSaneBoxesMatchingTheGroundTruth) {
  TEXTRA_REQUIRE_SHARED();
  for (const std::string id : {"001", "002"}) {
    SCOPED_TRACE("sroie/img/" + id + ".jpg");
    doc::Document document = ocr_file(testing::shared_dir() + "/data/sroie/img/" + id + ".jpg");
    ASSERT_EQ(document.pages.size(), 1u);
    const doc::Page& page = document.pages[0];
    EXPECT_EQ(page.source, doc::PageSource::kOcr);
    ASSERT_GT(page.word_count(), 40u);

    std::vector<TruthLine> truth = read_truth(id);
    std::string truth_text;
    for (const TruthLine& line : truth) truth_text += line.text + "\n";
    EXPECT_GT(word_scores(page.text(), truth_text).f1, 0.6);
    EXPECT_LT(character_error_rate(page.text(), truth_text), 0.45);

    // Every box lies on the page with a confidence in 0..1; a word that reads exactly as a ground-truth
    // word sits (by its centre) inside a ground-truth line holding that word, up to a few pixels.
    int matched = 0, inside = 0;
    page.for_each_word([&](std::size_t, const doc::Line& line, const doc::Word& word) {
      EXPECT_FALSE(word.box.empty()) << word.text;
      EXPECT_TRUE(word.box.x0 >= 0 && word.box.y0 >= 0 && word.box.x1 <= page.width && word.box.y1 <= page.height);
      EXPECT_TRUE(line.box.united(word.box) == line.box);
      EXPECT_GE(word.confidence, 0.0f);
      EXPECT_LE(word.confidence, 1.0f);
      std::string upper = utf8::to_upper(word.text);
      if (upper.size() < 4) return;
      bool found = false, in_box = false;
      for (const TruthLine& t : truth) {
        std::istringstream words(t.text);
        for (std::string w; words >> w;) {
          if (w != upper) continue;
          found = true;
          doc::Box grown{t.box.x0 - 8, t.box.y0 - 8, t.box.x1 + 8, t.box.y1 + 8};
          in_box = in_box || contains(grown, (word.box.x0 + word.box.x1) / 2, (word.box.y0 + word.box.y1) / 2);
        }
      }
      matched += found;
      inside += in_box;
    });
    EXPECT_GT(matched, 10);
    EXPECT_GE(inside, matched * 9 / 10);
  }
}

TEST(OcrIntegration, FrenchInvoiceShowsItsNumberSupplierAndTotal) {
  TEXTRA_REQUIRE_SHARED();
  // invoices-fr/gt/80.json: invoice_number FY22/0239, supplier Auditia Maroc, total_ttc 2280.0 (printed 2280,00).
  doc::Document document = ocr_file(testing::shared_dir() + "/data/invoices-fr/img/80.jpg");
  ASSERT_EQ(document.pages.size(), 1u);
  std::string text = utf8::to_upper(document.text());
  EXPECT_NE(text.find("FY22/0239"), std::string::npos) << text;
  EXPECT_NE(text.find("AUDITIA"), std::string::npos);
  EXPECT_NE(text.find("2280,00"), std::string::npos);
}

TEST(OcrIntegration, TurnedPageIsDetectedAndTurnedBack) {
  TEXTRA_REQUIRE_SHARED();
  auto source = ingest::open_file(testing::shared_dir() + "/data/invoices-fr/img/80.jpg");
  ASSERT_TRUE(source.is_ok()) << source.status().message();
  auto input = (*source)->page(0);
  ASSERT_TRUE(input.is_ok());
  int width = input->image.width(), height = input->image.height();
  // Turned 90 degrees clockwise: turning it upright again takes 270 degrees clockwise.
  input->image = imaging::Image::adopt(pixRotateOrth(input->image.pix(), 1));
  OcrOptions options;
  options.preparation = *parse_preparation("orient");
  EnginePool engines(options.engine);
  auto page = ocr_page(std::move(input).value(), engines, options);
  ASSERT_TRUE(page.is_ok()) << page.status().message();
  EXPECT_EQ(page->rotation, 270);
  EXPECT_EQ(page->width, width);
  EXPECT_EQ(page->height, height);
  EXPECT_NE(utf8::to_upper(page->text()).find("AUDITIA"), std::string::npos);
}

TEST(OcrIntegration, TextLayerPdfGivesItsExactTextWithoutOcr) {
  testing::PdfPage pdf_page;
  pdf_page.texts = {{72, 760, 14, "FACTURE N 2024-0042"}, {72, 700, 12, "Total TTC 1 234,56 EUR"}};
  std::string pdf = testing::make_pdf({pdf_page});
  auto source = ingest::open_bytes("invoice.pdf", pdf);
  ASSERT_TRUE(source.is_ok()) << source.status().message();
  // Languages that do not exist: any attempt to run Tesseract would fail the document.
  OcrOptions options;
  options.engine.languages = "nonexistent";
  EnginePool engines(options.engine);
  auto document = ocr_document(**source, engines, options);
  ASSERT_TRUE(document.is_ok()) << document.status().message();
  ASSERT_EQ(document->pages.size(), 1u);
  EXPECT_EQ(document->pages[0].source, doc::PageSource::kTextLayer);
  EXPECT_EQ(document->text(), "FACTURE N 2024-0042\nTotal TTC 1 234,56 EUR");
  EXPECT_EQ(engines.engines_created(), 0u);
}

TEST(OcrIntegration, BatchReportsEveryFileAndKeepsGoingAfterFailures) {
  TEXTRA_REQUIRE_SHARED();
  std::string dir = testing::temp_dir("ocr_batch");
  std::string bad = dir + "/not-an-image.png";
  std::ofstream(bad) << "this is text, not a PNG";
  std::vector<std::string> files = {bad, testing::shared_dir() + "/data/sroie/img/002.jpg", dir + "/missing.jpg"};
  std::vector<std::optional<Result<doc::Document>>> results(files.size());
  std::mutex mutex;
  ocr_files(files, OcrOptions{}, 2, [&](std::size_t i, Result<doc::Document> result) {
    std::lock_guard<std::mutex> lock(mutex);
    EXPECT_FALSE(results[i].has_value()) << "file " << i << " reported twice";
    results[i] = std::move(result);
  });
  for (const auto& r : results) ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(results[0]->is_ok());
  EXPECT_NE(results[0]->status().message().find("not-an-image.png"), std::string::npos);
  ASSERT_TRUE(results[1]->is_ok()) << results[1]->status().message();
  EXPECT_GT((*results[1])->pages.at(0).word_count(), 40u);
  EXPECT_FALSE(results[2]->is_ok());
  EXPECT_NE(results[2]->status().message().find("missing.jpg"), std::string::npos);
}

// Tesseract's OpenMP regions are serial in every thread that recognises (the -j workers are the parallelism):
// the OpenMP setting that does it is per thread since GCC 11, so a worker thread that never set it would
// run Tesseract's regions on all cores beside the other workers.
TEST(OcrIntegration, EveryRecognisingThreadRunsTesseractWithoutOpenMpThreads) {
  EngineOptions options;
  options.kind = EngineKind::kTesseract;
  auto engine = Engine::create(options);
  ASSERT_TRUE(engine.is_ok()) << engine.status().message();
  imaging::Image page = imaging::Image::adopt(pixCreate(200, 100, 8));
  pixSetAllArbitrary(page.pix(), 255);
  int levels_in_worker = -1;
  std::thread worker([&] {
    ASSERT_TRUE((*engine)->recognize(page, 0).is_ok());
    levels_in_worker = omp_get_max_active_levels();
  });
  worker.join();
  EXPECT_EQ(levels_in_worker, 0);
}

}  // namespace
}  // namespace textra::ocr
