// How the NER rules find the fields they fill: by role (fields/roles.h), through the roles the extraction
// carries, so they fill a user's schema with its own field names as they fill the built-in invoice.
#pragma once

#include "fields/result.h"
#include "fields/roles.h"
#include "fields/schema.h"

namespace textra::extract {

struct RoleField {
  const fields::FieldSpec* spec = nullptr;  // both null when the schema has no field in the role
  fields::FieldNode* node = nullptr;
  explicit operator bool() const { return spec != nullptr && node != nullptr; }
};
RoleField role_field(const fields::Schema& schema, fields::Extraction& extraction, fields::Role role);
// The node in the role, to read; nullptr when the schema has none.
const fields::FieldNode* role_node(const fields::Extraction& extraction, fields::Role role);

}  // namespace textra::extract
