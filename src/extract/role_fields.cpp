#include "extract/role_fields.h"

namespace textra::extract {

RoleField role_field(const fields::Schema& schema, fields::Extraction& extraction, fields::Role role) {
  const std::string* path = extraction.roles.path(role);
  if (path == nullptr) return {};
  RoleField field{schema.find(*path), extraction.fields.at(*path)};
  return field ? field : RoleField{};
}

const fields::FieldNode* role_node(const fields::Extraction& extraction, fields::Role role) {
  const std::string* path = extraction.roles.path(role);
  return path == nullptr ? nullptr : extraction.fields.at(*path);
}

}  // namespace textra::extract
