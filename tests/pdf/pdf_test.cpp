#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include "pdf/pdf.h"
#include "test_images.h"

namespace textra::pdf {
namespace {

using testing::PdfPage;
using testing::PdfRect;
using testing::PdfText;

PdfPage invoice_page() {
  PdfPage page;
  page.texts = {{72, 770, 14, "FACTURE N 2024-017"},
                {72, 700, 10, "Total HT"},
                {400, 700, 10, "1 250,00"},
                {72, 680, 10, "TVA 20%"},
                {400, 680, 10, "250,00"}};
  return page;
}

std::unique_ptr<PdfDocument> open_ok(const std::string& bytes) {
  auto pdf = PdfDocument::open(bytes);
  EXPECT_TRUE(pdf.is_ok()) << pdf.status().message();
  return pdf.is_ok() ? std::move(pdf).value() : nullptr;
}

TEST(PdfTextLayer, GivesExactWordsWithBoxesAtTheRequestedDpi) {
  auto pdf = open_ok(testing::make_pdf({invoice_page()}));
  ASSERT_NE(pdf, nullptr);
  auto page = pdf->text_page(0, 300, 8);
  ASSERT_TRUE(page.is_ok()) << page.status().message();
  ASSERT_TRUE(page->has_value());
  const doc::Page& p = **page;
  EXPECT_EQ(p.source, doc::PageSource::kTextLayer);
  EXPECT_EQ(p.dpi, 300);
  EXPECT_EQ(p.width, 2479);   // 595 pt at 300 dpi
  EXPECT_EQ(p.height, 3508);  // 842 pt
  ASSERT_EQ(p.lines.size(), 3u);
  EXPECT_EQ(p.lines[0].text(), "FACTURE N 2024-017");
  // Label and value drawn separately end up on one line, left to right.
  EXPECT_EQ(p.lines[1].text(), "Total HT 1 250,00");
  EXPECT_EQ(p.lines[2].text(), "TVA 20% 250,00");
  const doc::Word& total = p.lines[1].words[0];
  // "Total" starts at x = 72 pt = 300 px; its baseline is at 842 - 700 = 142 pt = 592 px from the top.
  EXPECT_NEAR(total.box.x0, 300, 3);
  EXPECT_LT(total.box.y0, 592);
  EXPECT_GT(total.box.y1, 592 - 10);
  EXPECT_NEAR(total.box.y1, 592, 15);
  EXPECT_FLOAT_EQ(total.confidence, 1.0f);
}

TEST(PdfTextLayer, PageWithoutTextHasNoTextLayerAndRendersAtTheDpi) {
  PdfPage scan;
  scan.width = 200;
  scan.height = 100;
  scan.rects = {{50, 25, 100, 50}};  // black box in the middle
  auto pdf = open_ok(testing::make_pdf({scan}));
  ASSERT_NE(pdf, nullptr);
  auto text = pdf->text_page(0, 300, 8);
  ASSERT_TRUE(text.is_ok());
  EXPECT_FALSE(text->has_value());

  auto image = pdf->render(0, 300, {});
  ASSERT_TRUE(image.is_ok()) << image.status().message();
  EXPECT_EQ(image->width(), 833);  // 200 pt at 300 dpi
  EXPECT_EQ(image->height(), 417);
  EXPECT_EQ(image->depth(), 8);
  EXPECT_EQ(image->dpi(), 300);
  l_uint32 centre = 0, corner = 0;
  pixGetPixel(image->pix(), 416, 208, &centre);
  pixGetPixel(image->pix(), 10, 10, &corner);
  EXPECT_EQ(centre, 0u);
  EXPECT_EQ(corner, 255u);
}

TEST(PdfTextLayer, FewCharactersCountAsAScan) {
  PdfPage stamp;
  stamp.texts = {{500, 20, 8, "p. 1"}};
  auto pdf = open_ok(testing::make_pdf({stamp}));
  ASSERT_NE(pdf, nullptr);
  auto text = pdf->text_page(0, 300, 8);
  ASSERT_TRUE(text.is_ok());
  EXPECT_FALSE(text->has_value());
  text = pdf->text_page(0, 300, 1);
  ASSERT_TRUE(text.is_ok());
  EXPECT_TRUE(text->has_value());
}

TEST(PdfTextLayer, RotatedPageBoxesFollowTheDisplayedPage) {
  PdfPage page = invoice_page();
  page.rotate = 90;
  auto pdf = open_ok(testing::make_pdf({page}));
  ASSERT_NE(pdf, nullptr);
  auto text = pdf->text_page(0, 72, 1);
  ASSERT_TRUE(text.is_ok() && text->has_value());
  const doc::Page& p = **text;
  EXPECT_EQ(p.width, 842);
  EXPECT_EQ(p.height, 595);
  auto image = pdf->render(0, 72, {});
  ASSERT_TRUE(image.is_ok());
  EXPECT_EQ(image->width(), p.width);
  EXPECT_EQ(image->height(), p.height);
  p.for_each_word([&](std::size_t, const doc::Line&, const doc::Word& w) {
    EXPECT_LE(w.box.x1, p.width);
    EXPECT_LE(w.box.y1, p.height);
    EXPECT_FALSE(w.box.empty()) << w.text;
  });
}

TEST(PdfRender, LowersTheDpiToFitThePixelLimit) {
  PdfPage poster;
  poster.width = 2000;  // 27.8 x 27.8 inches: 69 Mpx at 300 dpi
  poster.height = 2000;
  auto pdf = open_ok(testing::make_pdf({poster}));
  ASSERT_NE(pdf, nullptr);
  imaging::DecodeLimits limits;
  limits.max_pixels_per_page = 10'000'000;
  auto image = pdf->render(0, 300, limits);
  ASSERT_TRUE(image.is_ok()) << image.status().message();
  EXPECT_LE(static_cast<std::int64_t>(image->width()) * image->height(), limits.max_pixels_per_page);
  EXPECT_EQ(image->dpi(), 113);  // 300 * sqrt(10 / 69.4)
  limits.max_pixels_per_page = 1'000'000;  // would need 36 dpi: refused
  EXPECT_EQ(pdf->render(0, 300, limits).status().code(), ErrorCode::kLimitExceeded);
}

TEST(PdfErrors, EncryptedFileSaysSo) {
  auto pdf = PdfDocument::open(testing::make_pdf({invoice_page()}, /*encrypted=*/true));
  ASSERT_FALSE(pdf.is_ok());
  EXPECT_EQ(pdf.status().code(), ErrorCode::kUnsupported);
  EXPECT_NE(pdf.status().message().find("encrypted"), std::string::npos) << pdf.status().message();
}

TEST(PdfErrors, TruncatedFileSaysSo) {
  const std::string full = testing::make_pdf({invoice_page(), invoice_page()});
  auto pdf = PdfDocument::open(full.substr(0, full.size() * 2 / 3));
  ASSERT_FALSE(pdf.is_ok());
  EXPECT_EQ(pdf.status().code(), ErrorCode::kCorrupt);
  EXPECT_NE(pdf.status().message().find("truncated"), std::string::npos);
}

TEST(PdfErrors, EmptyMalformedAndPagelessFiles) {
  EXPECT_EQ(PdfDocument::open("").status().code(), ErrorCode::kCorrupt);
  EXPECT_EQ(PdfDocument::open("%PDF-1.4\nnothing useful here\n%%EOF\n").status().code(), ErrorCode::kCorrupt);
  EXPECT_EQ(PdfDocument::open(testing::make_pdf({})).status().code(), ErrorCode::kCorrupt);
}

}  // namespace
}  // namespace textra::pdf
