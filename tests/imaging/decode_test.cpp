#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <string>

#include "imaging/decode.h"
#include "test_images.h"

namespace textra::imaging {
namespace {

using testing::ImageFormat;

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

class DecodeEveryFormat : public ::testing::TestWithParam<ImageFormat> {};

TEST_P(DecodeEveryFormat, GivesThePageWithItsSizeAndNormalisedDepth) {
  const Image page = testing::make_page(320, 200, 150);
  const std::string encoded = testing::encode(page, GetParam());
  auto decoded = decode_image(bytes_of(encoded));
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  ASSERT_EQ(decoded->size(), 1u);
  const Image& out = decoded->front();
  EXPECT_EQ(out.width(), 320);
  EXPECT_EQ(out.height(), 200);
  EXPECT_TRUE(out.depth() == 8 || out.depth() == 32) << out.depth();
  EXPECT_EQ(pixGetColormap(out.pix()), nullptr);
  // The dark bar drawn by make_page survives every codec (JPEG and WebP only approximately).
  Pix* gray = pixConvertTo8(out.pix(), 0);
  l_uint32 value = 0;
  pixGetPixel(gray, 160, 200 / 10 + 2, &value);
  EXPECT_LT(value, 60u);
  pixGetPixel(gray, 5, 5, &value);
  EXPECT_GT(value, 200u);
  pixDestroy(&gray);
}

INSTANTIATE_TEST_SUITE_P(Formats, DecodeEveryFormat,
                         ::testing::Values(ImageFormat::kPng, ImageFormat::kJpeg, ImageFormat::kTiff,
                                           ImageFormat::kWebp, ImageFormat::kBmp, ImageFormat::kPnm));

TEST(Decode, KeepsTheResolutionTheFileStates) {
  auto decoded = decode_image(bytes_of(testing::encode(testing::make_page(100, 80, 200), ImageFormat::kPng)));
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(decoded->front().dpi(), 200);
}

TEST(Decode, ReadsEveryPageOfAMultipageTiff) {
  const Image a = testing::make_page(100, 150), b = testing::make_page(200, 120), c = testing::make_page(60, 60);
  auto decoded = decode_image(bytes_of(testing::encode_multipage_tiff({&a, &b, &c})));
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  ASSERT_EQ(decoded->size(), 3u);
  EXPECT_EQ((*decoded)[0].width(), 100);
  EXPECT_EQ((*decoded)[1].width(), 200);
  EXPECT_EQ((*decoded)[1].height(), 120);
  EXPECT_EQ((*decoded)[2].height(), 60);
}

TEST(Decode, TransparentAreasBecomeWhiteAndAlphaIsDropped) {
  Image rgba = Image::adopt(pixCreate(40, 30, 32));
  pixSetSpp(rgba.pix(), 4);
  pixSetAllArbitrary(rgba.pix(), 0x00000000);  // black, fully transparent
  auto decoded = decode_image(bytes_of(testing::encode(rgba, ImageFormat::kPng)));
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().message();
  const Image& out = decoded->front();
  ASSERT_EQ(out.depth(), 32);
  EXPECT_EQ(pixGetSpp(out.pix()), 3);
  l_int32 r = 0, g = 0, b = 0;
  pixGetRGBPixel(out.pix(), 10, 10, &r, &g, &b);
  EXPECT_EQ(r, 255);
  EXPECT_EQ(b, 255);
}

TEST(Decode, RemovesColourMaps) {
  Image page = testing::make_page(64, 64);
  Image mapped = Image::adopt(pixConvertGrayToColormap(page.pix()));
  ASSERT_NE(pixGetColormap(mapped.pix()), nullptr);
  auto decoded = decode_image(bytes_of(testing::encode(mapped, ImageFormat::kPng)));
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(pixGetColormap(decoded->front().pix()), nullptr);
}

TEST(DecodeLimits, RefusesAHeaderClaimingAGigapixelBeforeDecoding) {
  const std::string bomb = testing::png_claiming_size(60'000, 60'000);  // 3.6 Gpx in a tiny file
  auto decoded = decode_image(bytes_of(bomb));
  ASSERT_FALSE(decoded.is_ok());
  EXPECT_EQ(decoded.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_NE(decoded.status().message().find("60000x60000"), std::string::npos) << decoded.status().message();
}

TEST(DecodeLimits, RefusesAnOverlongSideWhateverThePixelCount) {
  auto decoded = decode_image(bytes_of(testing::png_claiming_size(1'000'000, 1)));
  EXPECT_EQ(decoded.status().code(), ErrorCode::kLimitExceeded);
}

TEST(DecodeLimits, PixelLimitIsConfigurable) {
  const std::string png = testing::encode(testing::make_page(200, 100), ImageFormat::kPng);
  DecodeLimits small;
  small.max_pixels_per_page = 19'999;
  EXPECT_EQ(decode_image(bytes_of(png), small).status().code(), ErrorCode::kLimitExceeded);
  small.max_pixels_per_page = 20'000;
  EXPECT_TRUE(decode_image(bytes_of(png), small).is_ok());
}

TEST(DecodeLimits, AppliesToEveryTiffPageAndNamesThePage) {
  const Image small = testing::make_page(50, 50), large = testing::make_page(300, 300);
  DecodeLimits limits;
  limits.max_pixels_per_page = 10'000;
  auto decoded = decode_image(bytes_of(testing::encode_multipage_tiff({&small, &large})), limits);
  ASSERT_FALSE(decoded.is_ok());
  EXPECT_EQ(decoded.status().code(), ErrorCode::kLimitExceeded);
  EXPECT_NE(decoded.status().message().find("TIFF page 2"), std::string::npos) << decoded.status().message();
}

TEST(DecodeLimits, TiffPageCountIsLimited) {
  const Image a = testing::make_page(20, 20);
  DecodeLimits limits;
  limits.max_pages = 2;
  auto decoded = decode_image(bytes_of(testing::encode_multipage_tiff({&a, &a, &a})), limits);
  EXPECT_EQ(decoded.status().code(), ErrorCode::kLimitExceeded);
}

TEST(DecodeErrors, ZeroPixelImageIsCorrupt) {
  auto decoded = decode_image(bytes_of(testing::png_claiming_size(0, 64)));
  ASSERT_FALSE(decoded.is_ok());
  EXPECT_NE(decoded.status().code(), ErrorCode::kOk);
}

TEST(DecodeErrors, EmptyAndGarbageDataAreRefused) {
  EXPECT_EQ(decode_image({}).status().code(), ErrorCode::kCorrupt);
  const std::string garbage = "this is not an image at all, just some text";
  EXPECT_EQ(decode_image(bytes_of(garbage)).status().code(), ErrorCode::kUnsupported);
}

class TruncatedFormat : public ::testing::TestWithParam<ImageFormat> {};

TEST_P(TruncatedFormat, IsAnErrorNotACrash) {
  const std::string full = testing::encode(testing::make_page(400, 300), GetParam());
  for (std::size_t keep : {std::size_t{8}, std::size_t{30}, full.size() / 2}) {
    auto decoded = decode_image(bytes_of(full.substr(0, keep)));
    EXPECT_FALSE(decoded.is_ok()) << "kept " << keep << " of " << full.size() << " bytes";
  }
}

INSTANTIATE_TEST_SUITE_P(Formats, TruncatedFormat,
                         ::testing::Values(ImageFormat::kPng, ImageFormat::kJpeg, ImageFormat::kTiff,
                                           ImageFormat::kWebp, ImageFormat::kBmp, ImageFormat::kPnm));

}  // namespace
}  // namespace textra::imaging
