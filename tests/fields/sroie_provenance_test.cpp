// Provenance on real receipts: SROIE's text lines (box/*.csv) as a document, the key values (key/*.json)
// located back in them. Keys are not copies of the lines (OCR differences, addresses over several lines),
// so this measures the fuzzy match on real data.
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>

#include "base/files.h"
#include "fields/field_value.h"
#include "fields/provenance.h"
#include "test_support.h"

namespace textra::fields {
namespace {

// One line per CSV row: x1,y1,x2,y2,x3,y3,x4,y4,transcript (the transcript may hold commas); words get
// a share of the line's width in proportion to their length.
doc::Document sroie_document(const std::string& csv) {
  doc::Document document;
  doc::Page page;
  std::istringstream in(csv);
  std::string row;
  while (std::getline(in, row)) {
    int c[8];
    std::size_t pos = 0;
    bool ok = true;
    for (int& v : c) {
      std::size_t comma = row.find(',', pos);
      if (comma == std::string::npos) {
        ok = false;
        break;
      }
      v = std::atoi(row.substr(pos, comma - pos).c_str());
      pos = comma + 1;
    }
    if (!ok) continue;
    std::string text = row.substr(pos);
    doc::Line line;
    line.box = {c[0], c[1], c[4], c[5]};
    std::istringstream words(text);
    std::string word;
    int x = c[0];
    int per_char = text.empty() ? 0 : (c[4] - c[0]) / static_cast<int>(text.size());
    while (words >> word) {
      int w = per_char * static_cast<int>(word.size());
      line.words.push_back({word, {x, c[1], x + w, c[5]}, 1.0f});
      x += w + per_char;
    }
    if (!line.words.empty()) page.lines.push_back(line);
  }
  document.pages.push_back(page);
  return document;
}

TEST(SroieProvenance, KeyValuesAreFoundInTheTextLines) {
  TEXTRA_REQUIRE_SHARED();
  auto schema = builtin_schema("receipt");
  const std::string root = testing::shared_dir() + "/data/sroie/";
  const char* fields[] = {"company", "date", "address", "total"};
  int found[4] = {0, 0, 0, 0}, present[4] = {0, 0, 0, 0};
  // Every fifth document keeps the test short; the rates are stable across the set.
  for (int id = 0; id < 626; id += 5) {
    char name[8];
    std::snprintf(name, sizeof name, "%03d", id);
    auto box = read_file(root + "box/" + name + ".csv");
    auto key = read_file(root + "key/" + name + ".json");
    ASSERT_TRUE(box.is_ok() && key.is_ok()) << name;
    doc::Document document = sroie_document(*box);
    Json keys = Json::parse(*key);
    for (int f = 0; f < 4; ++f) {
      std::string raw = keys.value(fields[f], "");
      if (raw.empty()) continue;
      ++present[f];
      const FieldSpec& spec = *schema->find(fields[f]);
      auto value = normalize_printed(spec, raw, {});
      FieldValue v{value.is_ok() ? *value : Json(nullptr), raw, {}, {}};
      if (auto match = locate(document, spec, v)) {
        ++found[f];
        EXPECT_FALSE(match->source.words.empty());
      }
    }
  }
  for (int f = 0; f < 4; ++f) {
    double rate = double(found[f]) / present[f];
    std::printf("%-8s located %d / %d (%.1f%%)\n", fields[f], found[f], present[f], 100 * rate);
    EXPECT_GE(rate, 0.9) << fields[f];
  }
}

}  // namespace
}  // namespace textra::fields
