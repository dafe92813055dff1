#include "fields/corrections.h"

#include <charconv>
#include <string>

namespace textra::fields {
namespace {

constexpr std::size_t kMaxArrayIndex = 10000;

bool parse_index(std::string_view part, std::size_t& index) {
  if (part.empty() || part.size() > 6) return false;
  auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), index);
  return error == std::errc() && end == part.data() + part.size();
}

// The node at `path`, created (as objects, or array elements for numeric parts of arrays) where missing.
Result<FieldNode*> make_path(FieldNode& root, std::string_view path) {
  FieldNode* node = &root;
  std::string_view rest = path;
  while (!rest.empty()) {
    std::size_t dot = rest.find('.');
    std::string_view part = rest.substr(0, dot);
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    if (part.empty()) return invalid_argument("correction \"" + std::string(path) + "\": empty path part");
    if (node->kind == FieldNode::Kind::kArray) {
      std::size_t index = 0;
      if (!parse_index(part, index) || index > kMaxArrayIndex) {
        return invalid_argument("correction \"" + std::string(path) + "\": \"" + std::string(part) +
                                "\" is not an array index (0-" + std::to_string(kMaxArrayIndex) + ")");
      }
      while (node->elements.size() <= index) node->elements.push_back(FieldNode::object());
      node = &node->elements[index];
    } else if (node->kind == FieldNode::Kind::kObject) {
      FieldNode* member = node->member(part);
      if (member == nullptr) {
        member = &node->set_member(std::string(part), rest.empty() ? FieldNode::leaf({}) : FieldNode::object());
      }
      node = member;
    } else {
      return invalid_argument("correction \"" + std::string(path) + "\": a single value has no member \"" +
                              std::string(part) + "\"");
    }
  }
  return node;
}

}  // namespace

Status apply_corrections(FieldNode& fields, const Json& corrections) {
  if (!corrections.is_object()) return invalid_argument("corrections must be a JSON object of field path -> value");
  for (const auto& [path, value] : corrections.items()) {
    if (value.is_null()) continue;
    TEXTRA_ASSIGN_OR_RETURN(FieldNode * node, make_path(fields, path));
    if (value.is_array() || (value.is_object() && !value.contains("value"))) {
      TEXTRA_ASSIGN_OR_RETURN(*node, field_node_from_json(value, "correction \"" + path + "\""));
      continue;
    }
    if (node->kind != FieldNode::Kind::kValue) {
      return invalid_argument("correction \"" + path + "\": names a group of fields, not a value");
    }
    node->value.value = value;
    node->value.raw.reset();
    node->value.confidence.reset();
  }
  return Status::ok();
}

}  // namespace textra::fields
