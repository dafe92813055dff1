#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <cmath>

#include "imaging/analysis.h"
#include "imaging/preprocess.h"

namespace textra::imaging {
namespace {

// A white page with rows of dark "characters" (char_height tall, 0.6 of that wide) like lines of text.
Image text_page(int width, int height, int char_height, int dpi = 300) {
  Image page = Image::adopt(pixCreate(width, height, 8));
  pixSetAllArbitrary(page.pix(), 255);
  const int char_width = std::max(2, char_height * 6 / 10);
  for (int y = char_height * 2; y + char_height < height - char_height; y += char_height * 2) {
    for (int x = char_width * 2; x + char_width < width - char_width * 2; x += char_width * 3 / 2 + 1) {
      if ((x / char_width) % 7 == 6) continue;  // word gaps
      BOX* glyph = boxCreate(x, y, char_width, char_height);
      pixClearInRect(page.pix(), glyph);
      boxDestroy(&glyph);
    }
  }
  pixSetResolution(page.pix(), dpi, dpi);
  return page;
}

int gray_at(const Image& image, int x, int y) {
  Image gray = to_gray(image);
  l_uint32 v = 0;
  pixGetPixel(gray.pix(), x, y, &v);
  return static_cast<int>(v);
}

PreprocessOptions steps(const char* spec) {
  auto options = parse_preprocess(spec);
  EXPECT_TRUE(options.is_ok()) << options.status().message();
  return options.is_ok() ? *options : PreprocessOptions{};
}

TEST(ParsePreprocess, AutoNoneAndLists) {
  EXPECT_TRUE(steps("auto").automatic);
  EXPECT_EQ(to_string(steps("none")), "none");
  const PreprocessOptions list = steps("otsu, deskew,gray,upscale");
  EXPECT_TRUE(list.grayscale && list.deskew && list.upscale);
  EXPECT_FALSE(list.contrast || list.invert || list.denoise || list.automatic);
  EXPECT_EQ(list.binarization, Binarization::kOtsu);
  EXPECT_EQ(to_string(list), "gray,deskew,upscale,otsu");  // pipeline order
  EXPECT_EQ(to_string(steps("denoise,sauvola,contrast,invert")), "invert,contrast,sauvola,denoise");
  for (const char* spec : {"auto", "none", "gray,invert,deskew,upscale,downscale,contrast,otsu,denoise", "sauvola"}) {
    EXPECT_EQ(to_string(steps(spec)), spec);
  }
}

TEST(ParsePreprocess, ErrorsNameTheProblem) {
  auto unknown = parse_preprocess("gray,sharpen");
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_NE(unknown.status().message().find("\"sharpen\""), std::string::npos);
  EXPECT_FALSE(parse_preprocess("otsu,sauvola").is_ok());
  EXPECT_FALSE(parse_preprocess("gray,,deskew").is_ok());
}

TEST(Preprocess, NoneReturnsAnIdenticalCopy) {
  const Image page = text_page(200, 100, 10);
  auto out = preprocess(page, PreprocessOptions::none());
  ASSERT_TRUE(out.is_ok());
  EXPECT_NE(out->pix(), page.pix());
  l_int32 same = 0;
  pixEqual(out->pix(), page.pix(), &same);
  EXPECT_TRUE(same);
}

TEST(Preprocess, GrayConvertsColour) {
  Image colour = Image::adopt(pixConvertTo32(text_page(120, 80, 10).pix()));
  auto out = preprocess(colour, steps("gray"));
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(out->depth(), 8);
}

TEST(Preprocess, InvertsOnlyDarkBackgrounds) {
  Image negative = text_page(300, 200, 12);
  pixInvert(negative.pix(), negative.pix());
  PreprocessReport report;
  auto out = preprocess(negative, steps("invert"), &report);
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(gray_at(*out, 2, 2), 255);
  EXPECT_EQ(report.summary(), "invert");

  auto untouched = preprocess(text_page(300, 200, 12), steps("invert"), &report);
  ASSERT_TRUE(untouched.is_ok());
  EXPECT_EQ(gray_at(*untouched, 2, 2), 255);
  EXPECT_EQ(report.summary(), "nothing to do");
}

TEST(Preprocess, DeskewStraightensARotatedPage) {
  const Image straight = text_page(1200, 900, 16);
  Image tilted = Image::adopt(pixRotate(straight.pix(), 2.5f * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  PreprocessReport report;
  auto out = preprocess(tilted, steps("deskew"), &report);
  ASSERT_TRUE(out.is_ok());
  EXPECT_NEAR(std::fabs(report.skew_degrees), 2.5f, 0.3f);
  const Skew after = measure_skew(to_binary(to_gray(*out)));
  EXPECT_LT(std::fabs(after.degrees), 0.3f);
}

// Where the centre of the dark pixels inside `region` is.
PointF dark_centre(const Image& image, int x0, int y0, int x1, int y1) {
  Image gray = to_gray(image);
  double sx = 0, sy = 0, n = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      l_uint32 v = 0;
      pixGetPixel(gray.pix(), x, y, &v);
      if (v < 128) sx += x, sy += y, n += 1;
    }
  }
  return n > 0 ? PointF{sx / n, sy / n} : PointF{-1, -1};
}

TEST(Preprocess, ReportMapsPointsBackThroughDeskewAndUpscale) {
  // Small text in the top half (so both steps run), a 9x9 mark alone near the bottom right corner.
  Image page = text_page(900, 1200, 8);
  BOX* blank = boxCreate(0, 600, 900, 600);
  pixSetInRectArbitrary(page.pix(), blank, 255);
  boxDestroy(&blank);
  BOX* mark = boxCreate(760, 1000, 9, 9);
  pixClearInRect(page.pix(), mark);
  boxDestroy(&mark);
  Image tilted = Image::adopt(pixRotate(page.pix(), 3.0f * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  const PointF before = dark_centre(tilted, 650, 900, 900, 1200);

  PreprocessReport report;
  auto out = preprocess(tilted, steps("deskew,upscale"), &report);
  ASSERT_TRUE(out.is_ok());
  ASSERT_TRUE(report.deskewed);
  ASSERT_GT(report.scale, 1.0f);
  const PointF after = dark_centre(*out, static_cast<int>(650 * report.scale), static_cast<int>(900 * report.scale),
                                   out->width(), out->height());
  const PointF back = report.to_input(after);
  EXPECT_NEAR(back.x, before.x, 2.0);
  EXPECT_NEAR(back.y, before.y, 2.0);
}

TEST(Preprocess, UpscalesSmallTextAndKeepsTheDpiTrue) {
  PreprocessReport report;
  auto out = preprocess(text_page(600, 400, 8, 100), steps("upscale"), &report);
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(report.text_height, 8);
  EXPECT_EQ(report.line_pitch, 16);
  EXPECT_FLOAT_EQ(report.scale, 3.0f);  // lines 40 px apart is the target: 40 / 16 rounded
  EXPECT_EQ(out->width(), 1800);
  EXPECT_EQ(out->dpi(), 300);

  auto large = preprocess(text_page(600, 400, 24), steps("upscale"), &report);
  ASSERT_TRUE(large.is_ok());
  EXPECT_EQ(large->width(), 600);
  EXPECT_FLOAT_EQ(report.scale, 1.0f);
}

TEST(Preprocess, DownscalesOnlyLargeTextByAnIntegerDivisor) {
  PreprocessReport report;
  // 45 px characters on lines 90 px apart, as a receipt scanned at 600 dpi: halved, and the dpi with it.
  auto out = preprocess(text_page(1200, 900, 45, 600), steps("downscale"), &report);
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(report.line_pitch, 90);
  EXPECT_FLOAT_EQ(report.scale, 0.5f);
  EXPECT_EQ(out->width(), 600);
  EXPECT_EQ(out->dpi(), 300);
  EXPECT_EQ(report.summary(), "downscale(1/2)");
  const PointF back = report.to_input({100, 50});
  EXPECT_NEAR(back.x, 200, 1e-6);
  EXPECT_NEAR(back.y, 100, 1e-6);

  // Lines 48 px apart are comfortable for Tesseract: left alone, and small text is never shrunk.
  auto comfortable = preprocess(text_page(1200, 900, 24), steps("downscale"), &report);
  ASSERT_TRUE(comfortable.is_ok());
  EXPECT_EQ(comfortable->width(), 1200);
  EXPECT_FLOAT_EQ(report.scale, 1.0f);
  auto small = preprocess(text_page(600, 400, 8), steps("downscale"), &report);
  ASSERT_TRUE(small.is_ok());
  EXPECT_EQ(small->width(), 600);
}

TEST(Preprocess, UpscaleStaysWithinItsPixelBudget) {
  PreprocessOptions options = steps("upscale");
  options.max_upscaled_pixels = 600 * 400 * 4;  // at most x2
  auto out = preprocess(text_page(600, 400, 8), options);
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(out->width(), 1200);
}

TEST(Preprocess, ContrastStretchesAFadedPage) {
  // Paper at 234, ink at 117: a faded receipt.
  Image page = text_page(400, 300, 12);
  Image faded = Image::adopt(pixGammaTRC(nullptr, page.pix(), 1.0f, -255, 300));  // 0..255 -> 117..234
  ASSERT_GT(gray_at(faded, 2, 2), 200);
  ASSERT_NEAR(gray_at(faded, 182, 30), 117, 2);  // inside a glyph of the second row
  auto out = preprocess(faded, steps("contrast"));
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(gray_at(*out, 2, 2), 255);
  EXPECT_LT(gray_at(*out, 182, 30), 10);
}

TEST(Preprocess, BinarisationGivesOneBitPerPixel) {
  for (const char* method : {"otsu", "sauvola"}) {
    auto out = preprocess(text_page(400, 300, 12), steps(method));
    ASSERT_TRUE(out.is_ok()) << method;
    EXPECT_EQ(out->depth(), 1) << method;
  }
}

TEST(Preprocess, DenoiseRemovesSpecksFromBinaryPages) {
  Image page = text_page(400, 300, 12);
  for (int i = 0; i < 50; ++i) pixSetPixel(page.pix(), 3 + i * 7 % 390, 295 - i % 4, 0);  // isolated dots
  auto binary = preprocess(page, steps("otsu"));
  auto clean = preprocess(page, steps("otsu,denoise"));
  ASSERT_TRUE(binary.is_ok() && clean.is_ok());
  l_int32 before = 0, after = 0;
  pixCountPixels(binary->pix(), &before, nullptr);
  pixCountPixels(clean->pix(), &after, nullptr);
  EXPECT_EQ(before - after, 50);
}

TEST(PreprocessAuto, LeavesACleanPageAlone) {
  PreprocessReport report;
  auto out = preprocess(text_page(1000, 800, 24), PreprocessOptions::automatic_policy(), &report);
  ASSERT_TRUE(out.is_ok());
  EXPECT_EQ(report.summary(), "nothing to do");
}

TEST(PreprocessAuto, FixesASmallTiltedNegativeColourPageKeepingItsColour) {
  Image page = text_page(900, 700, 10);
  pixInvert(page.pix(), page.pix());
  Image tilted = Image::adopt(pixRotate(page.pix(), -2.0f * 3.14159265f / 180.0f, L_ROTATE_AREA_MAP, L_BRING_IN_BLACK, 0, 0));
  Image colour = Image::adopt(pixConvertTo32(tilted.pix()));
  PreprocessReport report;
  auto out = preprocess(colour, PreprocessOptions::automatic_policy(), &report);
  ASSERT_TRUE(out.is_ok());
  const std::string summary = report.summary();
  EXPECT_EQ(summary.find("gray"), std::string::npos) << summary;  // Tesseract reads colour better
  EXPECT_NE(summary.find("invert"), std::string::npos) << summary;
  EXPECT_NE(summary.find("deskew"), std::string::npos) << summary;
  EXPECT_NE(summary.find("upscale(x2)"), std::string::npos) << summary;
  EXPECT_EQ(out->depth(), 32);
  EXPECT_EQ(gray_at(*out, 20, 20), 255);
}

TEST(Preprocess, EmptyImageIsAnError) { EXPECT_FALSE(preprocess(Image(), PreprocessOptions::automatic_policy()).is_ok()); }

}  // namespace
}  // namespace textra::imaging
