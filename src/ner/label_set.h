// Label sets: the classes the NER model gives words. Built-in sets are a data table (label_sets.cpp);
// user-defined sets come from training data (the label names found there). A set travels inside
// every model file, so a model always knows its own classes.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace textra::ner {

struct Label {
  std::string name;   // as in the training data, e.g. "InvNum"
  std::string alias;  // readable name, e.g. "invoice_number"
  std::string field;  // schema field it fills ("supplier.name"), "" for the outside class or unmapped labels
  bool operator==(const Label&) const = default;
};

struct LabelSet {
  std::string name;           // "invoice", "receipt", or a user's name
  std::vector<Label> labels;  // the index is the label id (Textra's training format uses these ids)
  int outside = 0;            // id of the "anything else" class

  // Id of the label whose name or alias equals text (case-insensitive), if any.
  std::optional<int> find(std::string_view text) const;
  int size() const { return static_cast<int>(labels.size()); }
  bool operator==(const LabelSet&) const = default;
};

// "invoice" (Textra: InvNum, InvDate, Fourni, TTC, TVA, TT, Autre) or "receipt" (SROIE: company, date,
// address, total, plus O). "textra" and "sroie" are accepted as synonyms.
Result<LabelSet> builtin_label_set(std::string_view name);
std::vector<std::string> builtin_label_set_names();

// A user-defined set from the label names seen in training data, in first-seen order. The outside
// class is the name among O/Autre/other/none found there (case-insensitive), else "O" is added.
LabelSet label_set_from_names(const std::string& set_name, const std::vector<std::string>& names);

nlohmann::json to_json(const LabelSet& set);
Result<LabelSet> label_set_from_json(const nlohmann::json& j);

}  // namespace textra::ner
