#include "ner/model.h"

namespace textra::ner {

void NerModel::index_attributes() {
  index_.clear();
  index_.reserve(attributes.size());
  for (std::size_t i = 0; i < attributes.size(); ++i) index_.emplace(attributes[i], static_cast<std::uint32_t>(i));
}

std::optional<std::uint32_t> NerModel::attribute_id(const std::string& text) const {
  auto it = index_.find(text);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

}  // namespace textra::ner
