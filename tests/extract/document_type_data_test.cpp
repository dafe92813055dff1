// Acceptance of the document type detector on the shared data: every SROIE receipt (from its box
// lines) is a receipt and every ground-truth invoice of invoices-fr (from our OCR, cached in the build
// tree as scripts/ner-accuracy does) is an invoice.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>

#include "base/files.h"
#include "doc/json.h"
#include "extract/document_type.h"
#include "ner/sroie.h"
#include "test_support.h"

namespace textra::extract {
namespace {

namespace fs = std::filesystem;

TEST(DocumentTypeData, EverySroieReceiptIsAReceipt) {
  TEXTRA_REQUIRE_SHARED();
  const fs::path box = fs::path(textra::testing::shared_dir()) / "data/sroie/box";
  int seen = 0;
  std::string wrong;
  for (const auto& entry : fs::directory_iterator(box)) {
    if (entry.path().extension() != ".csv") continue;
    auto text = read_file(entry.path().string());
    ASSERT_TRUE(text.is_ok()) << text.status().message();
    auto page = ner::parse_sroie_boxes(*text, entry.path().string());
    ASSERT_TRUE(page.is_ok()) << page.status().message();
    fields::DocumentType type = detect_document_type({entry.path().string(), "text/csv", {*page}});
    ++seen;
    if (type.type != "receipt") wrong += " " + entry.path().stem().string() + "(" + type.type + " " + type.kind + ")";
  }
  EXPECT_GE(seen, 600);
  EXPECT_TRUE(wrong.empty()) << "not detected as receipts:" << wrong;
}

TEST(DocumentTypeData, EveryGroundTruthInvoiceIsAnInvoice) {
  TEXTRA_REQUIRE_SHARED();
  const fs::path inv = fs::path(textra::testing::shared_dir()) / "data/invoices-fr";
  const fs::path cache = fs::path(textra::testing::binary_dir()) / "ocr-cache/invoices-fr";
  std::string missing, last;
  int count = 0;
  for (const auto& entry : fs::directory_iterator(inv / "gt")) {
    std::string stem = entry.path().stem().string();
    if (fs::exists(cache / (stem + ".json"))) continue;
    missing += " " + (inv / "img" / (stem + ".jpg")).string();
    last = stem;
    ++count;
  }
  if (count > 0) {
    // -o names a folder for several inputs, the file itself for one.
    fs::create_directories(cache);
    std::string out = count == 1 ? (cache / (last + ".json")).string() : cache.string();
    std::string cmd = std::string(TEXTRA_EXECUTABLE) + " ocr -f json -o " + out + missing;
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  int seen = 0;
  std::string wrong;
  for (const auto& entry : fs::directory_iterator(inv / "gt")) {
    std::string stem = entry.path().stem().string();
    auto text = read_file((cache / (stem + ".json")).string(), 64u << 20);
    ASSERT_TRUE(text.is_ok()) << text.status().message();
    auto document = doc::document_from_json(nlohmann::json::parse(*text));
    ASSERT_TRUE(document.is_ok()) << document.status().message();
    fields::DocumentType type = detect_document_type(*document);
    ++seen;
    if (type.type != "invoice") wrong += " " + stem + "(" + type.type + " " + type.kind + ")";
  }
  EXPECT_EQ(seen, 30);
  EXPECT_TRUE(wrong.empty()) << "not detected as invoices:" << wrong;
}

}  // namespace
}  // namespace textra::extract
