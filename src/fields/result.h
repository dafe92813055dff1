// The extraction result both engines fill, and its JSON form (CONTRACTS.md "Result JSON"):
// {"file", "schema", "roles", "engine": {name, model, version}, "fields": {...}, "warnings": [{code, message}],
//  "timings_ms": {...}, "stats": {...} (counters, only when the engine reports some)}. Leaves are
//  {"value", "raw", "confidence", "source": {page, boxes, words}};
// objects and arrays nest as in the schema.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "doc/document.h"
#include "fields/schema.h"

namespace textra::fields {

// Where a value was read: 1-based page number (as in the JSON), one box per line the value spans, and
// the word ids (doc::Page word ids) it was read from.
struct Source {
  int page = 1;
  std::vector<doc::Box> boxes;
  std::vector<std::size_t> words;
  bool operator==(const Source&) const = default;
};

struct FieldValue {
  Json value;                       // normalised: ISO date, number, ISO 4217 code, ...; null when not shown
  std::optional<std::string> raw;   // the text as printed
  std::optional<double> confidence; // 0..1, the engine's
  std::optional<Source> source;
  std::optional<std::string> reason;  // which rule chose the value, when a rule did ("ht + tva = ttc")
  bool operator==(const FieldValue&) const = default;
};

struct FieldNode {
  enum class Kind { kValue, kObject, kArray };
  Kind kind = Kind::kValue;
  FieldValue value;               // kValue
  std::vector<std::string> keys;  // kObject: member names in order ...
  std::vector<FieldNode> members; // ... and their nodes, parallel to keys
  std::vector<FieldNode> elements;  // kArray

  static FieldNode leaf(FieldValue value);
  static FieldNode object();
  static FieldNode array();

  FieldNode* member(std::string_view key);
  const FieldNode* member(std::string_view key) const;
  // Replaces the member or appends it.
  FieldNode& set_member(std::string key, FieldNode node);
  // The node at a dotted path ("supplier.name", "supplier.other_ids.ICE", "line_items.0.amount"); nullptr if absent.
  FieldNode* at(std::string_view path);
  const FieldNode* at(std::string_view path) const;
  bool operator==(const FieldNode&) const = default;
};

struct EngineInfo {
  std::string name;     // "ner", "llm"
  std::string model;    // model file or name
  std::string version;  // textra version, model version
  bool operator==(const EngineInfo&) const = default;
};

struct Warning {
  std::string code;     // stable, machine-readable: "totals_mismatch", "unreadable_value", ...
  std::string message;  // for people: names the field(s) and the numbers
  bool operator==(const Warning&) const = default;
};

// What the document is (`--schema auto`): "invoice", "receipt", or "other" (credit note, quote, delivery
// note...), with the detector's confidence 0..1 and the kind it recognised ("credit_note").
struct DocumentType {
  std::string type;
  double confidence = 0;
  std::string kind;  // "" when type says it all
  bool operator==(const DocumentType&) const = default;
};

struct Extraction {
  std::string file;
  std::string schema;
  RoleMap roles;  // the schema's fields by role (fields/roles.h), written as "roles" so readers need no schema
  std::optional<DocumentType> document_type;  // set when the type was detected
  EngineInfo engine;
  FieldNode fields = FieldNode::object();
  std::vector<Warning> warnings;
  std::vector<std::pair<std::string, double>> timings_ms;  // stage -> milliseconds, in stage order
  std::vector<std::pair<std::string, std::int64_t>> stats;  // counter -> value (e.g. the LLM's tokens), in order

  void warn(std::string code, std::string message) { warnings.push_back({std::move(code), std::move(message)}); }
  void add_timing(std::string stage, double ms) { timings_ms.emplace_back(std::move(stage), ms); }
  void add_stat(std::string counter, std::int64_t value) { stats.emplace_back(std::move(counter), value); }
  bool operator==(const Extraction&) const = default;
};

// The schema's shape with nothing found: null leaves, empty arrays, empty open-key objects.
FieldNode empty_fields(const FieldSpec& spec);
Extraction new_extraction(const Schema& schema, std::string file, EngineInfo engine);

Json to_json(const Source& source);
Json to_json(const FieldNode& node);
Json to_json(const Extraction& extraction);
Result<Extraction> extraction_from_json(const Json& json);
// One node of the "fields" tree from its JSON (leaf objects, bare values, objects, arrays); `where` names it
// in errors.
Result<FieldNode> field_node_from_json(const Json& json, const std::string& where);

Json to_json(const DocumentType& type);

// The values alone, shaped like the schema ({"total_ttc": 4680.0, "supplier": {"name": ...}}): what an LLM
// writes and what SROIE key files hold.
Json plain_values(const FieldNode& node);

}  // namespace textra::fields
