// SROIE 2019 (task 3) as training and evaluation data: box/<id>.csv text lines become words, and
// key/<id>.json values become word labels (company, date, address, total). Rules in docs/ner.md.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "doc/document.h"
#include "ner/dataset.h"

namespace textra::ner {

// The lines of a box CSV ("x1,y1,...,x4,y4,transcript"); every line is split into words on spaces and
// the line's box is shared among its words in proportion to their character counts. The page size is
// the extent of the boxes (box files carry no image size). `name` is used in error messages.
Result<doc::Page> parse_sroie_boxes(std::string_view csv, const std::string& name);

// The key JSON: field name -> value as printed (missing fields are absent).
Result<std::map<std::string, std::string>> parse_sroie_key(std::string_view json, const std::string& name);

// Word labels from the key values: company and address by the best fuzzy match (at most 20% edits
// for company, 25% for address), date by every exact occurrence, total by every word whose amount
// equals the key's amount.
std::vector<std::string> sroie_word_labels(const doc::Page& page, const std::map<std::string, std::string>& key);

// The ids of split "train" or "test" from split.json in dir.
Result<std::vector<std::string>> sroie_split(const std::string& dir, const std::string& split);

// img/<id>.jpg in dir: the receipt's scan (only some receipts have one).
std::string sroie_image_path(const std::string& dir, const std::string& id);

struct SroieDocument {
  std::string id;
  doc::Page page;
  std::map<std::string, std::string> key;
};
Result<SroieDocument> load_sroie_document(const std::string& dir, const std::string& id);
LabelledPage sroie_labelled_page(const SroieDocument& document);

}  // namespace textra::ner
