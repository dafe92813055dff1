// Applying a model to a page: a label and a confidence (the label's marginal probability) per word,
// and spans of contiguous words with the same label (the field candidates).
#pragma once

#include <string>
#include <vector>

#include "doc/document.h"
#include "ner/model.h"

namespace textra::ner {

struct WordTag {
  int label = 0;
  double confidence = 0.0;  // P(label | page) from forward-backward
};

// One entry per word id. The best label sequence comes from Viterbi; confidences from the marginals.
std::vector<WordTag> tag_page(const NerModel& model, const doc::Page& page);

struct Span {
  int label = 0;
  std::vector<std::size_t> words;  // word ids, contiguous in reading order
  double confidence = 0.0;         // mean of the words' confidences
  std::string text;                // the words joined by spaces (a newline between lines)
};

// Maximal runs of words with the same label other than the outside class.
std::vector<Span> label_spans(const doc::Page& page, const std::vector<WordTag>& tags, int outside);

}  // namespace textra::ner
