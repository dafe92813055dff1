// Line crops (geometry of the rectified crop, turning, resizing, tensors) and reading order of segments.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include "ocr/ppocr/crop.h"
#include "ocr/ppocr/image.h"
#include "ocr/ppocr/reading_order.h"

namespace textra::ocr::ppocr {
namespace {

// A page whose red channel is x, green is y, blue is 7.
FloatImage gradient(int w, int h) {
  FloatImage page(w, h);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      float* p = page.at(x, y);
      p[0] = static_cast<float>(x), p[1] = static_cast<float>(y), p[2] = 7;
    }
  }
  return page;
}

TEST(PpocrCrop, AnAxisAlignedQuadCropsExactlyItsPixels) {
  FloatImage page = gradient(50, 40);
  OrientedQuad line = line_quad({Point{10, 5}, Point{30, 5}, Point{30, 13}, Point{10, 13}});
  EXPECT_EQ(line.width, 20);
  EXPECT_EQ(line.height, 8);
  FloatImage c = crop(page, line);
  ASSERT_EQ(c.width, 20);
  ASSERT_EQ(c.height, 8);
  EXPECT_NEAR(c.at(0, 0)[0], 10, 1e-3);
  EXPECT_NEAR(c.at(0, 0)[1], 5, 1e-3);
  EXPECT_NEAR(c.at(19, 7)[0], 29, 1e-3);
  EXPECT_NEAR(c.at(19, 7)[1], 12, 1e-3);
}

// Pages are read in place from Leptonica's pixels; crops and resizing from them equal those from the same
// pixels as floats, for a colour page and for a grey one (converted to RGB).
TEST(PpocrCrop, PagePixelsGiveTheSameCropsAsFloats) {
  const int w = 37, h = 23;
  for (int depth : {32, 8}) {
    Pix* pix = pixCreate(w, h, depth);
    FloatImage floats(w, h);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        const int r = (x * 7 + y) % 256, g = depth == 32 ? (y * 11) % 256 : r, b = depth == 32 ? (x * y) % 256 : r;
        if (depth == 32) pixSetRGBPixel(pix, x, y, r, g, b);
        else pixSetPixel(pix, x, y, static_cast<l_uint32>(r));
        float* p = floats.at(x, y);
        p[0] = static_cast<float>(r), p[1] = static_cast<float>(g), p[2] = static_cast<float>(b);
      }
    }
    auto page = PageImage::from_pix(pix);
    pixDestroy(&pix);
    ASSERT_TRUE(page.is_ok()) << page.status().message();
    EXPECT_EQ(page->width(), w);
    EXPECT_EQ(page->height(), h);
    OrientedQuad skewed = line_quad({Point{3.2f, 4.5f}, Point{30.7f, 6.1f}, Point{29.9f, 15.3f}, Point{2.8f, 13.9f}});
    EXPECT_EQ(crop(*page, skewed).pixels, crop(floats, skewed).pixels) << depth << " bpp";
    EXPECT_EQ(resized(*page, 16, 10).pixels, resized(floats, 16, 10).pixels) << depth << " bpp";
    EXPECT_EQ(resized(*page, 50, 30).pixels, resized(floats, 50, 30).pixels) << depth << " bpp";
  }
  EXPECT_FALSE(PageImage::from_pix(nullptr).is_ok());
}

TEST(PpocrCrop, TallBoxesAreReadTurnedAndTurningRelabelsCorners) {
  // 10 wide, 40 tall: read with the page's right side as the line's top.
  OrientedQuad tall = line_quad({Point{0, 0}, Point{10, 0}, Point{10, 40}, Point{0, 40}});
  EXPECT_EQ(tall.width, 40);
  EXPECT_EQ(tall.height, 10);
  EXPECT_FLOAT_EQ(tall.quad[0].x, 10);
  EXPECT_FLOAT_EQ(tall.quad[0].y, 0);
  FloatImage c = crop(gradient(20, 50), tall);
  EXPECT_NEAR(c.at(39, 0)[1], 39, 1e-3);  // along the crop's top row, y of the page grows
  EXPECT_NEAR(c.at(0, 9)[0], 0, 1e-3);    // the crop's bottom row lies on the page's left

  OrientedQuad flat = line_quad({Point{0, 0}, Point{30, 0}, Point{30, 10}, Point{0, 10}});
  OrientedQuad upside_down = turned_180(flat);
  EXPECT_FLOAT_EQ(upside_down.quad[0].x, 30);
  EXPECT_FLOAT_EQ(upside_down.quad[0].y, 10);
  EXPECT_EQ(upside_down.width, 30);
}

TEST(PpocrImage, ShrinkingAveragesAreasAndEnlargingInterpolates) {
  FloatImage row(4, 1);
  for (int x = 0; x < 4; ++x) row.at(x, 0)[0] = 100.0f * x;
  FloatImage half = resized(row, 2, 1);
  EXPECT_NEAR(half.at(0, 0)[0], 50, 1e-3);
  EXPECT_NEAR(half.at(1, 0)[0], 250, 1e-3);
  FloatImage twice = resized(half, 4, 1);
  EXPECT_NEAR(twice.at(0, 0)[0], 50, 1e-3);   // edges clamp
  EXPECT_NEAR(twice.at(1, 0)[0], 100, 1e-3);  // a quarter of the way from 50 to 250
  FloatImage line = at_height(gradient(40, 10), 48, 1000);
  EXPECT_EQ(line.height, 48);
  EXPECT_EQ(line.width, 192);
  EXPECT_EQ(at_height(gradient(400, 10), 48, 320).width, 320);
}

TEST(PpocrImage, TensorsAreBgrNormalisedAndZeroPadded) {
  FloatImage a(2, 1);
  a.at(0, 0)[0] = 255, a.at(0, 0)[1] = 0, a.at(0, 0)[2] = 127.5f;  // R, G, B
  FloatImage b(3, 1);
  nn::Tensor t = to_tensor({&a, &b}, 4, kLineNormalization);
  EXPECT_EQ(t.shape, (std::vector<int64_t>{2, 3, 1, 4}));
  EXPECT_NEAR(t.data[0], 0.0f, 1e-5);    // image 0, B = 127.5 -> 0
  EXPECT_NEAR(t.data[4], -1.0f, 1e-5);   // G = 0 -> -1
  EXPECT_NEAR(t.data[8], 1.0f, 1e-5);    // R = 255 -> 1
  EXPECT_EQ(t.data[2], 0.0f);            // padding
  EXPECT_NEAR(t.data[12], -1.0f, 1e-5);  // image 1 (black), first pixel
  EXPECT_EQ(t.data[15], 0.0f);
  nn::Tensor d = to_tensor({&a}, 2, kDetectionNormalization);
  EXPECT_NEAR(d.data[0], (0.5f - 0.485f) / 0.229f, 1e-5);  // B channel, ImageNet's first statistics
}

TEST(PpocrReadingOrder, SegmentsOnOneRowJoinLeftToRightAndRowsGoTopToBottom) {
  auto segment = [](int x0, int y0, int x1, int y1, std::string text) {
    return Segment{{x0, y0, x1, y1}, {doc::Word{std::move(text), {x0, y0, x1, y1}, 0.9f}}};
  };
  std::vector<doc::Line> lines = lines_in_reading_order({
      segment(10, 100, 60, 120, "below"),
      segment(200, 12, 260, 32, "12.00"),  // the same row as TOTAL, a little lower
      segment(10, 10, 80, 30, "TOTAL"),
      Segment{{10, 40, 80, 60}, {}},  // nothing read: dropped
  });
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].text(), "TOTAL 12.00");
  EXPECT_EQ(lines[0].box, (doc::Box{10, 10, 260, 32}));
  EXPECT_EQ(lines[1].text(), "below");
}

}  // namespace
}  // namespace textra::ocr::ppocr
