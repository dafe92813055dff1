// The field-value ceiling of an OCR output: the share of ground-truth field values printed exactly in its
// words (fields::locate at similarity 1: the same letters and digits, or the same date or amount). An
// extractor cannot return a value the OCR did not read, so this bounds its accuracy.
//   SROIE: the four key/<id>.json values (company, date, address, total).
//   invoices-fr: the `raw` values (as printed) of gt/<id>.json's scalar fields, nested ones by dotted path.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "doc/document.h"

namespace textra::bench {

struct Ceiling {
  int present = 0, total = 0;
  std::vector<std::string> missed;  // "field: value" of each value not printed, for bench_ocr --show-misses
  void add(const Ceiling& other) {
    present += other.present, total += other.total;
    missed.insert(missed.end(), other.missed.begin(), other.missed.end());
  }
  void count(const std::string& field, const std::string& value, bool is_printed) {
    ++total;
    if (is_printed) ++present;
    else missed.push_back(field + ": " + value);
  }
  double share() const { return total == 0 ? 0.0 : static_cast<double>(present) / total; }
};

Result<Ceiling> sroie_ceiling(const doc::Document& document, const std::string& key_json_path);
Result<Ceiling> invoice_ceiling(const doc::Document& document, const std::string& gt_json_path);

// Plain OCR text (the tesseract CLI's) as a document of words without boxes, for the same measure.
doc::Document document_from_text(const std::string& text);

}  // namespace textra::bench
