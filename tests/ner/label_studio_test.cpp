#include <gtest/gtest.h>

#include "ner/label_studio.h"
#include "ner/textra_format.h"

namespace textra::ner {
namespace {

// An export written from Label Studio's documented task format and OCR template: three results per
// region sharing its id (rectangle, labels, textarea), percent geometry, original_width/height.
const char* kExport = R"([
 {"id": 7, "data": {"ocr": "/data/upload/1/facture.png"},
  "annotations": [{"id": 1001, "was_cancelled": false, "result": [
    {"id": "a1", "from_name": "bbox", "to_name": "image", "type": "rectangle", "original_width": 1000,
     "original_height": 2000, "image_rotation": 0, "value": {"x": 60, "y": 10, "width": 20, "height": 1, "rotation": 0}},
    {"id": "a1", "from_name": "label", "to_name": "image", "type": "labels", "original_width": 1000,
     "original_height": 2000, "image_rotation": 0,
     "value": {"x": 60, "y": 10, "width": 20, "height": 1, "rotation": 0, "labels": ["InvNum"]}},
    {"id": "a1", "from_name": "transcription", "to_name": "image", "type": "textarea", "original_width": 1000,
     "original_height": 2000, "image_rotation": 0,
     "value": {"x": 60, "y": 10, "width": 20, "height": 1, "rotation": 0, "text": ["FV230009"]}},
    {"id": "b2", "from_name": "bbox", "to_name": "image", "type": "rectangle", "original_width": 1000,
     "original_height": 2000, "image_rotation": 0, "value": {"x": 10, "y": 10, "width": 30, "height": 1, "rotation": 0}},
    {"id": "b2", "from_name": "transcription", "to_name": "image", "type": "textarea", "original_width": 1000,
     "original_height": 2000, "image_rotation": 0,
     "value": {"x": 10, "y": 10, "width": 30, "height": 1, "rotation": 0, "text": ["Facture N°"]}}
  ]}],
  "predictions": []},
 {"id": 8, "data": {"ocr": "/data/upload/1/blank.png"}, "annotations": []}
])";

TEST(LabelStudio, ImportsAnExport) {
  auto j = nlohmann::json::parse(kExport);
  ASSERT_TRUE(is_label_studio_export(j));
  ASSERT_FALSE(is_textra_format(j));
  auto pages = parse_label_studio_export(j, "export.json");
  ASSERT_TRUE(pages.is_ok()) << pages.status().message();
  ASSERT_EQ(pages->size(), 1u);  // the task without annotations is skipped
  const LabelledPage& p = (*pages)[0];
  EXPECT_EQ(p.id, "/data/upload/1/facture.png");
  EXPECT_EQ(p.page.width, 1000);
  ASSERT_EQ(p.page.lines.size(), 2u);
  EXPECT_EQ(p.page.lines[0].text(), "Facture N°");  // left of the number on the same row
  EXPECT_EQ(p.page.lines[1].box, (doc::Box{600, 200, 800, 220}));
  EXPECT_EQ(p.labels, (std::vector<std::string>{"", "", "InvNum"}));
}

TEST(LabelStudio, ExportRoundTripsThroughImport) {
  doc::Page page;
  page.width = 1000;
  page.height = 1000;
  page.lines.push_back({{100, 100, 500, 130}, {{"Total", {100, 100, 200, 130}}, {"TTC", {210, 100, 280, 130}},
                                               {"4 680,00", {300, 100, 500, 130}}}});
  std::vector<std::string> labels = {"", "", "TTC"};
  nlohmann::json task = label_studio_task(page, labels, "/data/x.png", "textra-ner");
  ASSERT_EQ(task["predictions"][0]["result"].size(), 5u);  // 2 regions: 2 rectangles, 1 labels, 2 textareas
  EXPECT_EQ(task["predictions"][0]["result"][0]["type"], "rectangle");
  EXPECT_DOUBLE_EQ(task["predictions"][0]["result"][0]["value"]["x"].get<double>(), 10.0);
  auto pages = parse_label_studio_export(nlohmann::json::array({task}), "tasks.json");
  ASSERT_TRUE(pages.is_ok()) << pages.status().message();
  ASSERT_EQ(pages->size(), 1u);
  EXPECT_EQ((*pages)[0].page.text(), "Total TTC\n4 680,00");
  EXPECT_EQ((*pages)[0].labels, (std::vector<std::string>{"", "", "TTC", "TTC"}));
  std::string config = labeling_config(*builtin_label_set("invoice"));
  EXPECT_NE(config.find("<Label value=\"InvNum\"/>"), std::string::npos);
  EXPECT_EQ(config.find("Autre"), std::string::npos);
}

TEST(LabelStudio, RefusesResultsWithoutImageSize) {
  auto j = nlohmann::json::parse(R"([{"data": {"ocr": "a.png"}, "annotations": [{"result": [
      {"id": "a", "type": "rectangle", "value": {"x": 1, "y": 1, "width": 1, "height": 1}}]}]}])");
  EXPECT_FALSE(parse_label_studio_export(j, "x.json").is_ok());
}

// Found by label_studio_import_fuzz: a non-boolean was_cancelled threw out of the reader.
TEST(LabelStudio, ReadsFieldsOfTheWrongTypeWithoutThrowing) {
  auto j = nlohmann::json::parse(R"([{"data": {}, "annotations": [{"was_cancelled": 1, "result": []}]}])");
  auto pages = parse_label_studio_export(j, "x.json");
  ASSERT_TRUE(pages.is_ok()) << pages.status().message();
  EXPECT_EQ(pages->size(), 1u);  // only true cancels an annotation
}

// Found by label_studio_import_fuzz: a huge percentage overflowed the row grouping's arithmetic.
TEST(LabelStudio, ClampsRegionsToTheImage) {
  auto j = nlohmann::json::parse(R"([{"data": {"ocr": "a.png"}, "annotations": [{"result": [
      {"id": "a", "original_width": 1000, "original_height": 500,
       "value": {"x": 90, "y": -5, "width": 1e12, "height": 10, "text": ["Total"]}},
      {"id": "b", "original_width": 1000, "original_height": 500,
       "value": {"x": 10, "y": 2, "width": 20, "height": -1e300, "text": ["Net"]}}]}]}])");
  auto pages = parse_label_studio_export(j, "x.json");
  ASSERT_TRUE(pages.is_ok()) << pages.status().message();
  ASSERT_EQ((*pages)[0].page.lines.size(), 2u);  // one row, left to right
  EXPECT_EQ((*pages)[0].page.lines[0].box, (doc::Box{100, 0, 300, 10}));
  EXPECT_EQ((*pages)[0].page.lines[1].box, (doc::Box{900, 0, 1000, 25}));
}

}  // namespace
}  // namespace textra::ner
