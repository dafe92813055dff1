#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <filesystem>

#include "fields/annotate/annotate.h"
#include "test_support.h"

namespace textra::fields {
namespace {

imaging::Image white_page(int width, int height) {
  Pix* pix = pixCreate(width, height, 8);
  pixSetAll(pix);
  return imaging::Image::adopt(pix);
}

void rgb_at(const imaging::Image& image, int x, int y, int& r, int& g, int& b) {
  l_uint32 pixel = 0;
  pixGetPixel(image.pix(), x, y, &pixel);
  extractRGBValues(pixel, &r, &g, &b);
}

Extraction located_total() {
  Extraction e;
  e.fields.set_member("total_ttc", FieldNode::leaf({4680.0, "4 680,00", 0.9, Source{1, {{100, 200, 300, 240}}, {7, 8}}}));
  e.fields.set_member("due_date", FieldNode::leaf({}));
  return e;
}

TEST(Annotate, DrawsBoxesScaledToTheImage) {
  doc::Page page;
  page.width = 800;
  page.height = 1000;
  imaging::Image image = white_page(400, 500);  // half the page's resolution
  auto annotated = annotate_page(image, page, located_total());
  ASSERT_TRUE(annotated.is_ok()) << annotated.status().message();
  EXPECT_EQ(annotated->depth(), 32);
  int r, g, b;
  rgb_at(*annotated, 47, 110, r, g, b);  // left edge: x0 100/2 = 50, less the line width (2), drawn around x = 48
  EXPECT_FALSE(r == g && g == b) << r << "," << g << "," << b;
  rgb_at(*annotated, 100, 110, r, g, b);  // inside the box: untouched
  EXPECT_EQ(r + g + b, 3 * 255);
  rgb_at(*annotated, 300, 400, r, g, b);  // far away: untouched
  EXPECT_EQ(r + g + b, 3 * 255);
  // The input is not modified.
  l_uint32 grey = 0;
  pixGetPixel(image.pix(), 47, 110, &grey);
  EXPECT_EQ(grey, 255u);
}

TEST(Annotate, OtherPagesAreLeftClean) {
  doc::Page second;
  second.index = 1;
  second.width = 400;
  second.height = 500;
  auto annotated = annotate_page(white_page(400, 500), second, located_total());
  ASSERT_TRUE(annotated.is_ok());
  int r, g, b;
  rgb_at(*annotated, 97, 220, r, g, b);
  EXPECT_EQ(r + g + b, 3 * 255);
}

TEST(Annotate, WritesOnePngPerPage) {
  doc::Document document;
  document.pages.resize(2);
  for (int i = 0; i < 2; ++i) {
    document.pages[i].index = i;
    document.pages[i].width = 400;
    document.pages[i].height = 500;
  }
  std::vector<imaging::Image> images;
  images.push_back(white_page(400, 500));
  images.push_back(white_page(400, 500));
  std::string dir = testing::temp_dir("annotate") + "/out";
  auto written = write_annotated_pages(dir, "invoice", images, document, located_total());
  ASSERT_TRUE(written.is_ok()) << written.status().message();
  ASSERT_EQ(written->size(), 2u);
  EXPECT_EQ(std::filesystem::path((*written)[0]).filename(), "invoice-p1.png");
  Pix* back = pixRead((*written)[1].c_str());
  ASSERT_NE(back, nullptr);
  EXPECT_EQ(pixGetWidth(back), 400);
  pixDestroy(&back);
  EXPECT_FALSE(annotate_page(imaging::Image(), document.pages[0], located_total()).is_ok());
}

}  // namespace
}  // namespace textra::fields
