#include "fields/assemble.h"

namespace textra::fields {
namespace {

class Assembler {
 public:
  Assembler(const doc::Document* document, const AssembleOptions& options, Extraction& extraction)
      : document_(document), options_(options), extraction_(extraction) {}

  FieldNode node(const FieldSpec& spec, const Json& printed, const std::string& path) {
    if (spec.type == FieldType::kArray) {
      FieldNode out = FieldNode::array();
      if (printed.is_null()) return out;
      if (!printed.is_array()) {
        extraction_.warn("unreadable_value", path + ": expected a list, got " + printed.dump());
        return out;
      }
      for (std::size_t i = 0; i < printed.size(); ++i) {
        out.elements.push_back(node(*spec.items, printed[i], path + "." + std::to_string(i)));
      }
      return out;
    }
    if (spec.type == FieldType::kObject) return object(spec, printed, path);
    return FieldNode::leaf(assemble_leaf(spec, printed, document_, options_, path, extraction_));
  }

 private:
  FieldNode object(const FieldSpec& spec, const Json& printed, const std::string& path) {
    FieldNode out = empty_fields(spec);
    if (printed.is_null()) return out;
    if (!printed.is_object()) {
      extraction_.warn("unreadable_value", path + ": expected an object, got " + printed.dump());
      return out;
    }
    for (const auto& [key, value] : printed.items()) {
      std::string child_path = path.empty() ? key : path + "." + key;
      const FieldSpec* member = spec.property(key);
      if (member == nullptr) member = spec.open_values.get();
      if (member == nullptr) {
        extraction_.warn("unknown_field", child_path + " is not in the schema; dropped");
        continue;
      }
      if (spec.property(key) != nullptr) {
        out.set_member(key, node(*member, value, child_path));
        continue;
      }
      // Open-key objects (other_ids) keep only the keys that carry a value; ids are read by their key.
      if (value.is_null()) continue;
      FieldNode leaf = node(*member, value, child_path);
      if (member->kind == ValueKind::kId && leaf.kind == FieldNode::Kind::kValue && leaf.value.raw) {
        leaf.value.value = normalize_company_id(key, *leaf.value.raw);
      }
      out.set_member(key, std::move(leaf));
    }
    return out;
  }

  const doc::Document* document_;
  const AssembleOptions& options_;
  Extraction& extraction_;
};

}  // namespace

FieldValue assemble_leaf(const FieldSpec& spec, const Json& printed, const doc::Document* document,
                         const AssembleOptions& options, const std::string& path, Extraction& extraction) {
  FieldValue leaf;
  if (printed.is_null()) return leaf;
  leaf.raw = printed.is_string() ? printed.get<std::string>() : printed.dump();
  Result<Json> value = normalize_json(spec, printed, options.normalize);
  if (value.is_ok()) {
    leaf.value = *value;
  } else {
    extraction.warn("unreadable_value", path + ": " + value.status().message());
  }
  if (leaf.raw->empty()) leaf.raw.reset();
  if (document != nullptr && (!leaf.value.is_null() || leaf.raw)) {
    if (auto found = locate(*document, spec, leaf, options.locate)) leaf.source = found->source;
  }
  return leaf;
}

void assemble_from_values(const Schema& schema, const Json& values, const doc::Document* document,
                          const AssembleOptions& options, Extraction& extraction) {
  Assembler assembler(document, options, extraction);
  extraction.fields = assembler.node(schema.root, values, "");
  for (Warning& warning : validate(schema, extraction.fields, options.validation)) {
    extraction.warnings.push_back(std::move(warning));
  }
}

}  // namespace textra::fields
