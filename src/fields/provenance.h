// Provenance: finding the words of a document that print an extracted value, so every value can be
// shown on the page (page, boxes, word ids) with the OCR's confidence in those words.
// The match runs over consecutive words in reading order (a value may span lines: addresses) and
// tolerates OCR errors (edit distance on letters and digits) and different number spellings (a date
// or an amount matches any words that parse to the same value: "4 680,00" for 4680).
#pragma once

#include <cstddef>
#include <optional>
#include <span>

#include "doc/document.h"
#include "fields/result.h"
#include "fields/schema.h"

namespace textra::fields {

struct LocateOptions {
  double min_similarity = 0.8;  // 1 - edit distance / length, on upper-case letters and digits
  std::size_t max_words = 40;   // longest run of words tried
};

struct Provenance {
  Source source;
  double similarity = 0;      // 1 = the words print exactly the value (or parse to it)
  double ocr_confidence = 0;  // mean confidence of the words, 0..1
};

// The best run of words for the value (its printed text `raw` when given, else the value itself);
// nullopt when nothing is similar enough or the value is null.
std::optional<Provenance> locate(const doc::Document& document, const FieldSpec& spec, const FieldValue& value,
                                 const LocateOptions& options = {});

// The source of given words of a page: one box per line the words are on (union of their boxes).
// Word ids that do not exist on the page are ignored.
Source source_of_words(const doc::Page& page, std::span<const std::size_t> word_ids);

// Mean OCR confidence of the words (0 when none exist).
double words_confidence(const doc::Page& page, std::span<const std::size_t> word_ids);

}  // namespace textra::fields
