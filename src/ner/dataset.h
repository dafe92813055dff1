// Training data in one shape whatever its source (SROIE, Textra's format, Label Studio, our ground
// truth): a page and a label name per word. Label names are resolved against a label set at training time.
#pragma once

#include <string>
#include <vector>

#include "doc/document.h"

namespace textra::ner {

struct LabelledPage {
  std::string id;                   // where it came from (file name, document id)
  doc::Page page;
  std::vector<std::string> labels;  // per word id; "" = the outside class
};

}  // namespace textra::ner
