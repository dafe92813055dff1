#include <gtest/gtest.h>

#include "base/files.h"
#include "ingest/ingest.h"
#include "test_images.h"
#include "test_support.h"

namespace textra::ingest {
namespace {

using testing::ImageFormat;

std::string png_page() { return testing::encode(testing::make_page(300, 200), ImageFormat::kPng); }

std::string text_pdf_page_then_scan_page() {
  testing::PdfPage text;
  text.texts = {{72, 770, 12, "Invoice 42 total 99.00"}};
  testing::PdfPage scan;
  scan.rects = {{100, 100, 300, 200}};
  return testing::make_pdf({text, scan});
}

TEST(DetectContentType, ByMagicBytes) {
  auto detect = [](const std::string& s) {
    return detect_content_type({reinterpret_cast<const std::uint8_t*>(s.data()), s.size()});
  };
  EXPECT_EQ(detect(png_page()), ContentType::kPng);
  EXPECT_EQ(detect(testing::encode(testing::make_page(20, 20), ImageFormat::kJpeg)), ContentType::kJpeg);
  EXPECT_EQ(detect(testing::encode(testing::make_page(20, 20), ImageFormat::kTiff)), ContentType::kTiff);
  EXPECT_EQ(detect(testing::encode(testing::make_page(20, 20), ImageFormat::kWebp)), ContentType::kWebp);
  EXPECT_EQ(detect(testing::encode(testing::make_page(20, 20), ImageFormat::kBmp)), ContentType::kBmp);
  EXPECT_EQ(detect(testing::encode(testing::make_page(20, 20), ImageFormat::kPnm)), ContentType::kPnm);
  EXPECT_EQ(detect("%PDF-1.7\n..."), ContentType::kPdf);
  EXPECT_EQ(detect("junk before the header\n%PDF-1.4\n"), ContentType::kPdf);
  EXPECT_EQ(detect("GIF89a......"), ContentType::kGif);
  EXPECT_EQ(detect("hello"), ContentType::kUnknown);
  EXPECT_EQ(detect(""), ContentType::kUnknown);
  EXPECT_EQ(detect("P"), ContentType::kUnknown);
  EXPECT_STREQ(mime_type(ContentType::kPng), "image/png");
}

TEST(Ingest, ImageGivesOnePageToOcr) {
  auto source = open_bytes("receipt.png", png_page());
  ASSERT_TRUE(source.is_ok()) << source.status().message();
  EXPECT_EQ((*source)->type(), ContentType::kPng);
  EXPECT_STREQ((*source)->mime(), "image/png");
  ASSERT_EQ((*source)->page_count(), 1);
  auto page = (*source)->page(0);
  ASSERT_TRUE(page.is_ok());
  EXPECT_TRUE(page->needs_ocr());
  EXPECT_EQ(page->image.width(), 300);
  EXPECT_FALSE((*source)->page(1).is_ok());
}

TEST(Ingest, MultipageTiffGivesEveryPage) {
  const imaging::Image a = testing::make_page(100, 100), b = testing::make_page(120, 90);
  auto source = open_bytes("scan.tif", testing::encode_multipage_tiff({&a, &b}));
  ASSERT_TRUE(source.is_ok()) << source.status().message();
  auto pages = load_all_pages(**source);
  ASSERT_TRUE(pages.is_ok());
  ASSERT_EQ(pages->size(), 2u);
  EXPECT_EQ((*pages)[1].index, 1);
  EXPECT_EQ((*pages)[1].image.width(), 120);
}

TEST(Ingest, MixedPdfGivesTextLayerAndImagePages) {
  auto source = open_bytes("mixed.pdf", text_pdf_page_then_scan_page());
  ASSERT_TRUE(source.is_ok()) << source.status().message();
  EXPECT_EQ((*source)->type(), ContentType::kPdf);
  auto pages = load_all_pages(**source);
  ASSERT_TRUE(pages.is_ok()) << pages.status().message();
  ASSERT_EQ(pages->size(), 2u);
  ASSERT_FALSE((*pages)[0].needs_ocr());
  EXPECT_EQ((*pages)[0].text_page->text(), "Invoice 42 total 99.00");
  EXPECT_EQ((*pages)[0].text_page->index, 0);
  EXPECT_TRUE((*pages)[1].needs_ocr());
  EXPECT_EQ((*pages)[1].image.dpi(), 300);
  EXPECT_EQ((*pages)[1].image.width(), 2479);
}

TEST(Ingest, TypeComesFromContentNotTheName) {
  auto pdf_named_jpg = open_bytes("photo.jpg", text_pdf_page_then_scan_page());
  ASSERT_TRUE(pdf_named_jpg.is_ok());
  EXPECT_EQ((*pdf_named_jpg)->type(), ContentType::kPdf);
  auto png_named_pdf = open_bytes("invoice.pdf", png_page());
  ASSERT_TRUE(png_named_pdf.is_ok());
  EXPECT_EQ((*png_named_pdf)->type(), ContentType::kPng);

  auto text_named_png = open_bytes("notes.png", "Total: 12.00 EUR\n");
  ASSERT_FALSE(text_named_png.is_ok());
  EXPECT_EQ(text_named_png.status().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(text_named_png.status().message().rfind("notes.png: ", 0), 0u) << text_named_png.status().message();
  EXPECT_NE(text_named_png.status().message().find(".png"), std::string::npos);
}

// Each damaged input gives an error that starts with the file name and says why.
struct BadInput {
  const char* name;
  std::string bytes;
  ErrorCode code;
  const char* reason;
};

std::vector<BadInput> bad_inputs() {
  const std::string png = png_page();
  const std::string pdf = text_pdf_page_then_scan_page();
  return {
      {"empty.png", "", ErrorCode::kCorrupt, "empty file"},
      {"truncated.png", png.substr(0, png.size() / 2), ErrorCode::kCorrupt, "truncated"},
      {"corrupt.jpg", "\xff\xd8\xff\xe0 this is no JPEG stream at all, only text", ErrorCode::kCorrupt, "malformed"},
      // Leptonica refuses a zero width while reading the header, before our size check.
      {"zero.png", testing::png_claiming_size(0, 10), ErrorCode::kCorrupt, "malformed or truncated image header"},
      {"huge.png", testing::png_claiming_size(50'000, 50'000), ErrorCode::kLimitExceeded, "limit"},
      {"truncated.pdf", pdf.substr(0, pdf.size() - 200), ErrorCode::kCorrupt, "truncated PDF"},
      {"locked.pdf", testing::make_pdf({{}}, true), ErrorCode::kUnsupported, "encrypted"},
      {"anim.gif", "GIF89a\x01\x00\x01\x00", ErrorCode::kUnsupported, "GIF"},
  };
}

TEST(IngestErrors, EachBadInputNamesTheFileAndTheReason) {
  for (const BadInput& input : bad_inputs()) {
    auto source = open_bytes(input.name, input.bytes);
    ASSERT_FALSE(source.is_ok()) << input.name;
    EXPECT_EQ(source.status().code(), input.code) << input.name << ": " << source.status().message();
    const std::string& message = source.status().message();
    EXPECT_EQ(message.rfind(std::string(input.name) + ": ", 0), 0u) << message;
    ASSERT_NE(std::string(input.reason), "") << input.name << ": every bad input names its reason";
    EXPECT_NE(message.find(input.reason), std::string::npos) << message;
  }
}

TEST(IngestErrors, ByteLimit) {
  Limits limits;
  limits.max_bytes = 100;
  auto source = open_bytes("big.png", png_page(), limits);
  EXPECT_EQ(source.status().code(), ErrorCode::kLimitExceeded);
}

TEST(IngestErrors, PdfPageLimit) {
  Limits limits;
  limits.image.max_pages = 1;
  EXPECT_EQ(open_bytes("two.pdf", text_pdf_page_then_scan_page(), limits).status().code(),
            ErrorCode::kLimitExceeded);
}

TEST(IngestFiles, ReadsFromDiskAndReportsMissingFiles) {
  const std::string dir = testing::temp_dir("ingest_files");
  const std::string path = dir + "/scan.bin";
  ASSERT_TRUE(write_file(path, png_page()).is_ok());
  auto source = open_file(path);
  ASSERT_TRUE(source.is_ok()) << source.status().message();
  EXPECT_EQ((*source)->file(), path);
  auto missing = open_file(dir + "/nope.png");
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace textra::ingest
