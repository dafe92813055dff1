// The shipped samples (scripts/make-samples) read back as their sources say.
#include <gtest/gtest.h>

#include "doc/layout_text.h"
#include "ingest/ingest.h"
#include "test_support.h"

namespace textra::ingest {
namespace {

std::string sample(const std::string& name) { return testing::source_dir() + "/samples/" + name; }

const std::string* find_row(const std::vector<std::string>& rows, const std::string& needle) {
  for (const std::string& row : rows) {
    if (row.find(needle) != std::string::npos) return &row;
  }
  return nullptr;
}

TEST(Samples, InvoicePdfHasAnExactTextLayerThatLaysOutLikeItsSource) {
  auto source = open_file(sample("facture-fr.pdf"));
  ASSERT_TRUE(source.is_ok()) << source.status().message();
  auto page = (*source)->page(0);
  ASSERT_TRUE(page.is_ok()) << page.status().message();
  ASSERT_FALSE(page->needs_ocr());
  const std::string text = page->text_page->text();
  for (const char* expected : {"FA-2024-0117", "12/03/2024", "Échéance", "Pièces détachées", "828,00 EUR"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
  // Label and amount of each total on one row, the amounts right-aligned in one column.
  const std::string layout = doc::layout_text(*page->text_page);
  std::vector<std::string> rows;
  for (std::size_t start = 0, end; start <= layout.size(); start = end + 1) {
    end = std::min(layout.find('\n', start), layout.size());
    rows.push_back(layout.substr(start, end - start));
  }
  const std::string* ht = find_row(rows, "Total HT");
  const std::string* ttc = find_row(rows, "Total TTC");
  ASSERT_TRUE(ht && ttc) << layout;
  EXPECT_NE(ht->find("690,00"), std::string::npos);
  EXPECT_EQ(ht->find("690,00"), ttc->find("828,00")) << *ht << "\n" << *ttc;
}

TEST(Samples, ImagesDecodeAtTheirResolution) {
  for (const char* name : {"facture-fr.png", "receipt-en.png", "receipt-en-scan.jpg"}) {
    auto source = open_file(sample(name));
    ASSERT_TRUE(source.is_ok()) << source.status().message();
    auto page = (*source)->page(0);
    ASSERT_TRUE(page.is_ok());
    EXPECT_TRUE(page->needs_ocr());
    EXPECT_EQ(page->image.dpi(), 200) << name;
  }
}

}  // namespace
}  // namespace textra::ingest
