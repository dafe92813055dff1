// CRF attributes of every word of a page: the word's text, shape, prefixes/suffixes and patterns,
// its neighbours, keyword context (same line, same row left/right, row above/below, column header
// above), and layout (line number from top and bottom, vertical/horizontal position, relative height).
// Attributes are strings ("kl=TTC"); the model's dictionary maps them to weights.
#pragma once

#include <string>
#include <vector>

#include "doc/document.h"
#include "ner/crf.h"
#include "ner/model.h"

namespace textra::ner {

// Bump when the attributes change: a model trained with other attributes is refused.
constexpr int kFeatureVersion = 1;

using WordAttributes = std::vector<std::string>;

// One entry per word, in word-id order (doc::Page::for_each_word).
std::vector<WordAttributes> page_attributes(const doc::Page& page);

// The attribute ids the model knows (unknown attributes carry no weight and are dropped).
CrfSequence encode_sequence(const std::vector<WordAttributes>& attributes, const NerModel& model);

}  // namespace textra::ner
