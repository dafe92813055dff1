// A trained NER model: its label set, the attribute dictionary (attribute text -> id) and the CRF weights.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ner/crf.h"
#include "ner/label_set.h"

namespace textra::ner {

struct NerModel {
  LabelSet labels;
  int feature_version = 0;             // version of the feature extractor the weights were trained with
  std::vector<std::string> attributes; // id -> attribute text
  CrfWeights weights;
  nlohmann::json info = nlohmann::json::object();  // how it was trained (data, documents, iterations, ...)

  // Rebuilds the text -> id index; call after filling `attributes`.
  void index_attributes();
  std::optional<std::uint32_t> attribute_id(const std::string& text) const;

 private:
  std::unordered_map<std::string, std::uint32_t> index_;
};

}  // namespace textra::ner
