#include "fields/result.h"

#include <cmath>
#include <cstdlib>

namespace textra::fields {
namespace {

bool is_index(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos && s.size() < 10;
}

template <typename Node>
Node* walk(Node* node, std::string_view path) {
  while (node != nullptr && !path.empty()) {
    std::size_t dot = path.find('.');
    std::string_view part = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    if (node->kind == FieldNode::Kind::kArray && is_index(part)) {
      std::size_t i = std::strtoul(std::string(part).c_str(), nullptr, 10);
      node = i < node->elements.size() ? &node->elements[i] : nullptr;
    } else {
      node = node->member(part);
    }
  }
  return node;
}

// A leaf object holds "value" and nothing but the leaf keys.
bool is_leaf_object(const Json& j) {
  if (!j.is_object() || !j.contains("value")) return false;
  for (const auto& [key, unused] : j.items()) {
    if (key != "value" && key != "raw" && key != "confidence" && key != "source" &&
        key != "reason") {
      return false;
    }
  }
  return true;
}

Result<Source> source_from_json(const Json& j, const std::string& where) {
  if (!j.is_object()) return invalid_argument(where + ".source: expected an object");
  Source source;
  if (!j.contains("page") || !j["page"].is_number_integer() || j["page"].get<long long>() < 1 ||
      j["page"].get<long long>() > 1000000) {
    return invalid_argument(where + ".source.page: expected a page number from 1");
  }
  source.page = j["page"].get<int>();
  for (const Json& b : j.value("boxes", Json::array())) {
    if (!b.is_array() || b.size() != 4) return invalid_argument(where + ".source.boxes: expected [x0, y0, x1, y1]");
    for (const Json& c : b) {
      if (!c.is_number()) return invalid_argument(where + ".source.boxes: coordinates must be numbers");
    }
    source.boxes.push_back({b[0].get<int>(), b[1].get<int>(), b[2].get<int>(), b[3].get<int>()});
  }
  for (const Json& w : j.value("words", Json::array())) {
    if (!w.is_number_unsigned()) return invalid_argument(where + ".source.words: expected word ids (>= 0)");
    source.words.push_back(w.get<std::size_t>());
  }
  return source;
}

Result<FieldValue> value_from_json(const Json& j, const std::string& where) {
  FieldValue value;
  if (!is_leaf_object(j)) {  // a bare value, as SROIE keys and LLM answers give them
    value.value = j;
    return value;
  }
  value.value = j["value"];
  if (j.contains("raw") && !j["raw"].is_null()) {
    if (!j["raw"].is_string()) return invalid_argument(where + ".raw: expected a string or null");
    value.raw = j["raw"].get<std::string>();
  }
  if (j.contains("confidence") && !j["confidence"].is_null()) {
    if (!j["confidence"].is_number()) return invalid_argument(where + ".confidence: expected a number or null");
    value.confidence = j["confidence"].get<double>();
  }
  if (j.contains("source") && !j["source"].is_null()) {
    TEXTRA_ASSIGN_OR_RETURN(value.source, source_from_json(j["source"], where));
  }
  if (j.contains("reason") && j["reason"].is_string()) value.reason = j["reason"].get<std::string>();
  return value;
}

Result<FieldNode> node_from_json(const Json& j, const std::string& where, int depth) {
  if (depth > 32) return invalid_argument(where + ": nested too deep");
  if (j.is_array()) {
    FieldNode node = FieldNode::array();
    for (std::size_t i = 0; i < j.size(); ++i) {
      TEXTRA_ASSIGN_OR_RETURN(FieldNode element, node_from_json(j[i], where + "." + std::to_string(i), depth + 1));
      node.elements.push_back(std::move(element));
    }
    return node;
  }
  if (j.is_object() && !is_leaf_object(j)) {
    FieldNode node = FieldNode::object();
    for (const auto& [key, sub] : j.items()) {
      TEXTRA_ASSIGN_OR_RETURN(FieldNode member, node_from_json(sub, where + "." + key, depth + 1));
      node.set_member(key, std::move(member));
    }
    return node;
  }
  TEXTRA_ASSIGN_OR_RETURN(FieldValue value, value_from_json(j, where));
  return FieldNode::leaf(std::move(value));
}

std::string string_or_empty(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
}

}  // namespace

FieldNode FieldNode::leaf(FieldValue value) {
  FieldNode node;
  node.value = std::move(value);
  return node;
}
FieldNode FieldNode::object() {
  FieldNode node;
  node.kind = Kind::kObject;
  return node;
}
FieldNode FieldNode::array() {
  FieldNode node;
  node.kind = Kind::kArray;
  return node;
}

FieldNode* FieldNode::member(std::string_view key) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] == key) return &members[i];
  }
  return nullptr;
}
const FieldNode* FieldNode::member(std::string_view key) const { return const_cast<FieldNode*>(this)->member(key); }

FieldNode& FieldNode::set_member(std::string key, FieldNode node) {
  if (FieldNode* existing = member(key)) return *existing = std::move(node);
  keys.push_back(std::move(key));
  members.push_back(std::move(node));
  return members.back();
}

FieldNode* FieldNode::at(std::string_view path) { return walk(this, path); }
const FieldNode* FieldNode::at(std::string_view path) const { return walk(this, path); }

FieldNode empty_fields(const FieldSpec& spec) {
  if (spec.type == FieldType::kArray) return FieldNode::array();
  if (spec.type != FieldType::kObject) return FieldNode::leaf(FieldValue{});
  FieldNode node = FieldNode::object();
  for (const FieldSpec& member : spec.properties) node.set_member(member.name, empty_fields(member));
  return node;
}

Extraction new_extraction(const Schema& schema, std::string file, EngineInfo engine) {
  Extraction extraction;
  extraction.file = std::move(file);
  extraction.schema = schema.name;
  extraction.roles = roles_of(schema);
  extraction.engine = std::move(engine);
  extraction.fields = empty_fields(schema.root);
  return extraction;
}

Json to_json(const Source& source) {
  Json boxes = Json::array();
  for (const doc::Box& b : source.boxes) boxes.push_back({b.x0, b.y0, b.x1, b.y1});
  return Json{{"page", source.page}, {"boxes", boxes}, {"words", source.words}};
}

Json to_json(const FieldNode& node) {
  switch (node.kind) {
    case FieldNode::Kind::kArray: {
      Json out = Json::array();
      for (const FieldNode& element : node.elements) out.push_back(to_json(element));
      return out;
    }
    case FieldNode::Kind::kObject: {
      Json out = Json::object();
      for (std::size_t i = 0; i < node.keys.size(); ++i) out[node.keys[i]] = to_json(node.members[i]);
      return out;
    }
    case FieldNode::Kind::kValue: break;
  }
  const FieldValue& v = node.value;
  Json out = Json::object();
  out["value"] = v.value;
  out["raw"] = v.raw ? Json(*v.raw) : Json(nullptr);
  out["confidence"] = v.confidence ? Json(std::round(*v.confidence * 1000.0) / 1000.0) : Json(nullptr);
  out["source"] = v.source ? to_json(*v.source) : Json(nullptr);
  if (v.reason) out["reason"] = *v.reason;
  return out;
}

Json to_json(const DocumentType& type) {
  Json out = {{"type", type.type}, {"confidence", std::round(type.confidence * 1000.0) / 1000.0}};
  if (!type.kind.empty()) out["kind"] = type.kind;
  return out;
}

Json to_json(const Extraction& extraction) {
  Json warnings = Json::array();
  for (const Warning& w : extraction.warnings) warnings.push_back({{"code", w.code}, {"message", w.message}});
  Json timings = Json::object();
  for (const auto& [stage, ms] : extraction.timings_ms) timings[stage] = std::round(ms * 10.0) / 10.0;
  Json out = Json::object();
  out["file"] = extraction.file;
  out["schema"] = extraction.schema;
  if (!extraction.roles.empty()) out["roles"] = to_json(extraction.roles);
  if (extraction.document_type) out["document_type"] = to_json(*extraction.document_type);
  out["engine"] = {{"name", extraction.engine.name}, {"model", extraction.engine.model},
                   {"version", extraction.engine.version}};
  out["fields"] = to_json(extraction.fields);
  out["warnings"] = warnings;
  out["timings_ms"] = timings;
  if (!extraction.stats.empty()) {
    Json stats = Json::object();
    for (const auto& [counter, value] : extraction.stats) stats[counter] = value;
    out["stats"] = stats;
  }
  return out;
}

Result<Extraction> extraction_from_json(const Json& j) {
  if (!j.is_object() || !j.contains("fields")) return invalid_argument("result JSON: expected an object with \"fields\"");
  Extraction extraction;
  extraction.file = string_or_empty(j, "file");
  extraction.schema = string_or_empty(j, "schema");
  extraction.roles = roles_of_result(j);
  if (j.contains("document_type") && j["document_type"].is_object()) {
    const Json& t = j["document_type"];
    extraction.document_type = DocumentType{string_or_empty(t, "type"),
                                             t.contains("confidence") && t["confidence"].is_number() ? t["confidence"].get<double>() : 0.0,
                                             string_or_empty(t, "kind")};
  }
  if (j.contains("engine")) {
    extraction.engine = {string_or_empty(j["engine"], "name"), string_or_empty(j["engine"], "model"),
                         string_or_empty(j["engine"], "version")};
  }
  if (!j["fields"].is_object()) return invalid_argument("result JSON: \"fields\" must be an object");
  TEXTRA_ASSIGN_OR_RETURN(extraction.fields, node_from_json(j["fields"], "fields", 0));
  for (const Json& w : j.value("warnings", Json::array())) {
    extraction.warnings.push_back({string_or_empty(w, "code"), string_or_empty(w, "message")});
  }
  if (j.contains("timings_ms") && j["timings_ms"].is_object()) {
    for (const auto& [stage, ms] : j["timings_ms"].items()) {
      if (ms.is_number()) extraction.timings_ms.emplace_back(stage, ms.get<double>());
    }
  }
  if (j.contains("stats") && j["stats"].is_object()) {
    for (const auto& [counter, value] : j["stats"].items()) {
      if (value.is_number_integer()) extraction.stats.emplace_back(counter, value.get<std::int64_t>());
    }
  }
  return extraction;
}

Result<FieldNode> field_node_from_json(const Json& json, const std::string& where) {
  return node_from_json(json, where, 0);
}

Json plain_values(const FieldNode& node) {
  switch (node.kind) {
    case FieldNode::Kind::kArray: {
      Json out = Json::array();
      for (const FieldNode& element : node.elements) out.push_back(plain_values(element));
      return out;
    }
    case FieldNode::Kind::kObject: {
      Json out = Json::object();
      for (std::size_t i = 0; i < node.keys.size(); ++i) out[node.keys[i]] = plain_values(node.members[i]);
      return out;
    }
    case FieldNode::Kind::kValue: break;
  }
  return node.value.value;
}

}  // namespace textra::fields
