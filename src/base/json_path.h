// Dotted paths into JSON objects ("supplier.name", "supplier.other_ids.ICE"), the way results, ground truth
// and corrections name their fields.
#pragma once

#include <string>
#include <string_view>

namespace textra {

// The node at `dotted` below `root`, each part a member of an object; nullptr when a step is missing or
// not an object. The empty path is the root itself. For nlohmann::json and nlohmann::ordered_json alike.
template <class JsonType>
const JsonType* json_at_path(const JsonType& root, std::string_view dotted) {
  const JsonType* node = &root;
  while (!dotted.empty()) {
    const std::size_t dot = dotted.find('.');
    const std::string key(dotted.substr(0, dot));
    dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
    if (!node->is_object()) return nullptr;
    auto member = node->find(key);
    if (member == node->end()) return nullptr;
    node = &*member;
  }
  return node;
}

}  // namespace textra
