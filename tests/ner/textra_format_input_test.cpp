// Hostile inputs of the Textra training format found by textra_format_import_fuzz (docs/testing.md).
#include <gtest/gtest.h>

#include "ner/textra_format.h"

namespace textra::ner {
namespace {

nlohmann::json one_annotation(nlohmann::json box) {
  return nlohmann::json::array({{{"file_name", "a.png"}, {"width", 99999}, {"height", 850},
                                 {"annotations", {{{"box", box}, {"text", "TOTAL"}, {"label", 3}}}}}});
}

// 24999996 % of a 99999 px image overflowed an int when the page was written back (UBSan).
TEST(TextraFormatInput, BoxesOutsideTheImageAreRefused) {
  const LabelSet labels = *builtin_label_set("invoice");
  for (double bad : {-0.5, 100.5, 24999996.0, 1e300}) {
    auto pages = parse_textra_format(one_annotation({10, 10, bad, 20}), labels, "t.json");
    ASSERT_FALSE(pages.is_ok()) << bad;
    EXPECT_NE(pages.status().message().find("percents from 0 to 100"), std::string::npos) << pages.status().message();
  }
}

// Pages from other sources (OCR, Label Studio) can be large: 100 * x must not be computed in int.
TEST(TextraFormatInput, LargePagesWriteBackWithoutOverflow) {
  LabelledPage page;
  page.id = "big.png";
  page.page.width = 40'000'000;
  page.page.height = 1000;
  page.page.lines.push_back({{0, 0, 30'000'000, 10}, {{"TOTAL", {0, 0, 30'000'000, 10}, 1.0f}}});
  page.labels = {"TTC"};
  auto written = to_textra_format({page}, *builtin_label_set("invoice"));
  ASSERT_TRUE(written.is_ok()) << written.status().message();
  EXPECT_NEAR((*written)[0]["annotations"][0]["box"][2].get<double>(), 75.0, 1e-9);
}

}  // namespace
}  // namespace textra::ner
