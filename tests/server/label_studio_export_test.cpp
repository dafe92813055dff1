// GET /v1/documents/{id}/label-studio against a real `textra serve`: the tasks parse back with the NER
// module's Label Studio importer, and the words labelled per field are the ones the extraction read.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "base/files.h"
#include "ner/label_studio.h"
#include "serve_process.h"
#include "test_support.h"

namespace textra::testing {
namespace {

using nlohmann::json;

// The text of the words of `page` labelled `label`, in reading order, joined by spaces.
std::string labelled_text(const ner::LabelledPage& page, const std::string& label) {
  std::string text;
  page.page.for_each_word([&](std::size_t id, const doc::Line&, const doc::Word& word) {
    if (page.labels[id] != label) return;
    text += (text.empty() ? "" : " ") + word.text;
  });
  return text;
}

TEST(LabelStudioExport, RoundTripsThroughTheImporter) {
  ServeProcess serve(temp_dir("serve-label-studio"));
  ASSERT_TRUE(serve.started());
  httplib::Client client("127.0.0.1", serve.port());
  client.set_read_timeout(120, 0);
  auto png = read_file(source_dir() + "/samples/facture-fr.png");
  ASSERT_TRUE(png.is_ok());
  auto extracted = client.Post("/v1/extract", *png, "image/png");
  ASSERT_TRUE(extracted);
  ASSERT_EQ(extracted->status, 200) << extracted->body;
  json result = json::parse(extracted->body);
  std::string id = std::to_string(result["document_id"].get<std::int64_t>());

  auto exported = client.Get("/v1/documents/" + id + "/label-studio");
  ASSERT_TRUE(exported);
  ASSERT_EQ(exported->status, 200) << exported->body;
  json tasks = json::parse(exported->body, nullptr, false);
  ASSERT_TRUE(tasks.is_array() && tasks.size() == 1) << exported->body.substr(0, 500);
  ASSERT_TRUE(ner::is_label_studio_export(tasks));

  // data.ocr is the page image this server serves, in the pixel frame of the regions.
  std::string image_url = tasks[0]["data"]["ocr"];
  std::string prefix = "http://127.0.0.1:" + std::to_string(serve.port());
  ASSERT_EQ(image_url.rfind(prefix, 0), 0u) << image_url;
  auto image = client.Get(image_url.substr(prefix.size()));
  ASSERT_TRUE(image);
  EXPECT_EQ(image->status, 200);
  EXPECT_EQ(image->get_header_value("Content-Type"), "image/png");

  auto pages = ner::parse_label_studio_export(tasks, "export");
  ASSERT_TRUE(pages.is_ok()) << pages.status().message();
  ASSERT_EQ(pages->size(), 1u);
  const ner::LabelledPage& page = (*pages)[0];
  EXPECT_GT(page.page.word_count(), 30u);
  EXPECT_EQ(page.page.width, tasks[0]["predictions"][0]["result"][0]["original_width"]);
  // Fields with a class in the invoice label set: their words carry it, and read as the value's raw text.
  const json& fields = result["fields"];
  EXPECT_EQ(labelled_text(page, "InvNum"), fields["invoice_number"]["raw"]);
  EXPECT_EQ(labelled_text(page, "TTC"), fields["total_ttc"]["raw"]);
  EXPECT_EQ(labelled_text(page, "TVA"), fields["total_tva"]["raw"]);
  EXPECT_EQ(labelled_text(page, "Fourni"), fields["supplier"]["name"]["raw"]);
  EXPECT_NE(page.page.text().find("Boulangerie"), std::string::npos);  // unlabelled words are there too

  // No such document, and a document without a result, answer JSON errors.
  auto missing = client.Get("/v1/documents/999/label-studio");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  auto failed = client.Post("/v1/extract", "not a document", "application/octet-stream");
  ASSERT_TRUE(failed);
  std::string failed_id = std::to_string(json::parse(failed->body)["document_id"].get<std::int64_t>());
  auto none = client.Get("/v1/documents/" + failed_id + "/label-studio");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 409) << none->body;
}

}  // namespace
}  // namespace textra::testing
