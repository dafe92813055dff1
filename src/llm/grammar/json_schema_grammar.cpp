#include "llm/grammar/json_schema_grammar.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace textra::llm {

using nlohmann::ordered_json;

namespace {

constexpr uint32_t kMaxDepth = 64;
constexpr uint64_t kMaxMinBytes = uint64_t{1} << 24;  // a shortest output longer than 16 MB makes no sense
constexpr uint64_t kMaxCount = 1'000'000;             // minItems, maxItems, maxLength
constexpr size_t kMaxKeyBytes = 1000;                 // a frame counts the bytes of a key in 16 bits

// Keywords that only describe (no effect on which JSON is valid), and those the grammar enforces.
const std::set<std::string> kAnnotations = {"title",   "description", "default", "examples", "$schema", "$id",
                                            "$comment", "deprecated", "readOnly", "writeOnly", "$defs",
                                            "definitions"};
const std::set<std::string> kEnforced = {"type",  "properties", "required", "additionalProperties",
                                         "items", "minItems",   "maxItems", "enum",
                                         "const", "anyOf",      "format",   "maxLength", "$ref"};

std::string where(const std::string& path) { return path.empty() ? "schema: " : "schema at " + path + ": "; }

std::string pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

// Compact JSON text; invalid UTF-8 in the schema is replaced rather than thrown on (untrusted input).
std::string json_text(const ordered_json& value) {
  return value.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string describe_byte(uint8_t b) {
  if (b >= 0x20 && b < 0x7F) return std::string("'") + static_cast<char>(b) + "'";
  static const char* kHex = "0123456789ABCDEF";
  return std::string("byte 0x") + kHex[b >> 4] + kHex[b & 15];
}

bool type_matches(const std::string& type, const ordered_json& value) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "number") return value.is_number();
  if (type == "integer") return value.is_number_integer() || value.is_number_unsigned();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  return false;
}

}  // namespace

class SchemaCompiler {
 public:
  SchemaCompiler(const ordered_json& root, JsonGrammar& grammar) : root_(root), g_(grammar) {
    for (char c : std::string("\"{}[],:-0123456789")) g_.completion_bytes_.set(static_cast<uint8_t>(c));
  }

  Result<uint32_t> compile(const ordered_json& s, const std::string& path) {
    if (s.is_boolean() && s.get<bool>()) return free_value(kFreeFormNesting);
    if (!s.is_object()) {
      return unsupported(where(path) + "a schema must be a JSON object or true (false schemas accept nothing)");
    }
    for (const auto& [key, value] : s.items()) {
      // "x-..." keywords are vendor annotations (fields' x-textra-kind): they never constrain a value.
      if (kAnnotations.count(key) == 0 && kEnforced.count(key) == 0 && key.rfind("x-", 0) != 0) {
        return unsupported(where(path) + "keyword '" + key +
                           "' is not supported by constrained decoding (supported: type, properties, required, "
                           "items, minItems, maxItems, enum, const, anyOf, format \"date\", maxLength, $ref)");
      }
    }
    if (s.contains("$ref")) {
      for (const auto& [key, value] : s.items()) {
        if (key != "$ref" && kEnforced.count(key) != 0) {
          return unsupported(where(path) + "'$ref' next to '" + key + "' is not supported");
        }
      }
      return compile_ref(s["$ref"], path);
    }
    if (s.contains("anyOf")) {
      for (const char* other : {"type", "enum", "const", "properties", "items"}) {
        if (s.contains(other)) return unsupported(where(path) + "'anyOf' next to '" + other + "' is not supported");
      }
      const ordered_json& alternatives = s["anyOf"];
      if (!alternatives.is_array() || alternatives.empty()) {
        return invalid_argument(where(path) + "'anyOf' must be a non-empty array of schemas");
      }
      std::vector<uint32_t> ids;
      for (size_t i = 0; i < alternatives.size(); ++i) {
        TEXTRA_ASSIGN_OR_RETURN(uint32_t id, compile(alternatives[i], path + "/anyOf/" + std::to_string(i)));
        ids.push_back(id);
      }
      return make_any_of(std::move(ids), path);
    }

    std::vector<std::string> types;
    if (s.contains("type")) {
      const ordered_json& t = s["type"];
      if (t.is_string()) {
        types.push_back(t.get<std::string>());
      } else if (t.is_array() && !t.empty()) {
        for (const auto& item : t) {
          if (!item.is_string()) return invalid_argument(where(path) + "'type' entries must be strings");
          if (std::find(types.begin(), types.end(), item.get<std::string>()) == types.end()) {
            types.push_back(item.get<std::string>());
          }
        }
      } else {
        return invalid_argument(where(path) + "'type' must be a string or a non-empty array of strings");
      }
    }

    if (s.contains("enum") || s.contains("const")) {
      std::vector<ordered_json> values;
      if (s.contains("const")) values.push_back(s["const"]);
      if (s.contains("enum")) {
        if (!s["enum"].is_array() || s["enum"].empty()) {
          return invalid_argument(where(path) + "'enum' must be a non-empty array");
        }
        for (const auto& v : s["enum"]) {
          if (!s.contains("const") || v == s["const"]) values.push_back(v);
        }
      }
      std::vector<std::string> texts;
      for (const auto& v : values) {
        bool typed = types.empty() ||
                     std::any_of(types.begin(), types.end(), [&](const std::string& t) { return type_matches(t, v); });
        if (typed) texts.push_back(json_text(v));
      }
      if (texts.empty()) return invalid_argument(where(path) + "no value of 'enum'/'const' matches 'type'");
      return make_literals(std::move(texts));
    }

    if (types.empty()) {
      if (s.contains("properties")) types.push_back("object");
      else if (s.contains("items")) types.push_back("array");
      else if (!constrains(s)) return free_value(kFreeFormNesting);  // {}: any JSON value
      else return unsupported(where(path) + "no 'type' next to keywords that need one");
    }
    // An integer is also a number: "type": ["integer", "number"] means number.
    if (std::find(types.begin(), types.end(), "number") != types.end()) {
      types.erase(std::remove(types.begin(), types.end(), "integer"), types.end());
    }
    std::vector<uint32_t> ids;
    for (const std::string& type : types) {
      TEXTRA_ASSIGN_OR_RETURN(uint32_t id, compile_type(type, s, path));
      ids.push_back(id);
    }
    return make_any_of(std::move(ids), path);
  }

  Status finish(uint32_t root) {
    g_.root_ = root;
    std::vector<uint32_t> depth(g_.nodes_.size(), 0);
    std::function<uint32_t(uint32_t)> depth_of = [&](uint32_t id) -> uint32_t {
      if (depth[id] != 0) return depth[id];
      const GrammarNode& n = g_.nodes_[id];
      uint32_t below = 0;
      for (uint32_t child : n.children) below = std::max(below, depth_of(child));
      if (n.extra_value != kNoLimit) below = std::max(below, depth_of(n.extra_value));
      bool frame = n.kind == GrammarNodeKind::kObject || n.kind == GrammarNodeKind::kArray;
      return depth[id] = n.kind == GrammarNodeKind::kAnyOf ? below : (frame ? 1 + below : 1);
    };
    g_.max_depth_ = depth_of(root);
    if (g_.max_depth_ > kMaxDepth) {
      return unsupported("schema: objects and arrays nested deeper than " + std::to_string(kMaxDepth));
    }
    return Status::ok();
  }

 private:
  uint32_t add(GrammarNode node) {
    g_.nodes_.push_back(std::move(node));
    return static_cast<uint32_t>(g_.nodes_.size() - 1);
  }

  Result<uint32_t> read_count(const ordered_json& s, const char* key, const std::string& path, uint32_t fallback) {
    if (!s.contains(key)) return fallback;
    const ordered_json& v = s[key];
    if (!(v.is_number_unsigned() || (v.is_number_integer() && v.get<int64_t>() >= 0)) ||
        v.get<uint64_t>() > kMaxCount) {
      return invalid_argument(where(path) + "'" + key + "' must be an integer from 0 to " + std::to_string(kMaxCount));
    }
    return static_cast<uint32_t>(v.get<uint64_t>());
  }

  Result<uint32_t> compile_ref(const ordered_json& ref, const std::string& path) {
    if (!ref.is_string() || ref.get<std::string>().rfind("#/", 0) != 0) {
      return unsupported(where(path) + "only local '$ref' such as \"#/$defs/name\" is supported");
    }
    const std::string target = ref.get<std::string>();
    if (auto done = refs_done_.find(target); done != refs_done_.end()) return done->second;
    if (refs_in_progress_.count(target) != 0) {
      return unsupported(where(path) + "recursive '$ref' \"" + target + "\" is not supported (the output must be finite)");
    }
    const ordered_json* resolved = nullptr;
    try {
      ordered_json::json_pointer pointer(target.substr(1));
      if (root_.contains(pointer)) resolved = &root_.at(pointer);
    } catch (const ordered_json::exception&) {
      resolved = nullptr;
    }
    if (resolved == nullptr) return invalid_argument(where(path) + "'$ref' \"" + target + "\" points to nothing");
    refs_in_progress_.insert(target);
    Result<uint32_t> id = compile(*resolved, target.substr(1));
    refs_in_progress_.erase(target);
    if (id.is_ok()) refs_done_[target] = id.value();
    return id;
  }

  Result<uint32_t> compile_type(const std::string& type, const ordered_json& s, const std::string& path) {
    GrammarNode node;
    if (type == "object") return compile_object(s, path);
    if (type == "array") return compile_array(s, path);
    if (type == "string") {
      if (s.contains("format")) {
        if (s["format"] != "date") {
          return unsupported(where(path) + "format " + json_text(s["format"]) + " is not supported (only \"date\")");
        }
        node.kind = GrammarNodeKind::kDate;
        node.min_bytes = 12;
      } else {
        node.kind = GrammarNodeKind::kString;
        node.min_bytes = 2;
        TEXTRA_ASSIGN_OR_RETURN(node.max_length, read_count(s, "maxLength", path, kNoLimit));
      }
      node.first_bytes.set('"');
      return add(std::move(node));
    }
    if (type == "number" || type == "integer") {
      node.kind = type == "number" ? GrammarNodeKind::kNumber : GrammarNodeKind::kInteger;
      node.min_bytes = 1;
      node.first_bytes.set('-');
      for (char c = '0'; c <= '9'; ++c) node.first_bytes.set(static_cast<uint8_t>(c));
      return add(std::move(node));
    }
    if (type == "boolean") return make_literals({"true", "false"});
    if (type == "null") return make_literals({"null"});
    return unsupported(where(path) + "unknown type '" + type + "'");
  }

  Result<uint32_t> compile_object(const ordered_json& s, const std::string& path) {
    GrammarNode node;
    node.kind = GrammarNodeKind::kObject;
    node.first_bytes.set('{');
    if (s.contains("properties")) {
      const ordered_json& properties = s["properties"];
      if (!properties.is_object()) return invalid_argument(where(path) + "'properties' must be an object");
      for (const auto& [key, sub] : properties.items()) {
        TEXTRA_ASSIGN_OR_RETURN(uint32_t child, compile(sub, path + "/properties/" + pointer_token(key)));
        node.keys.push_back(key);
        node.children.push_back(child);
        if (key.size() > kMaxKeyBytes) return unsupported(where(path) + "property name longer than 1000 bytes");
        std::string piece(node.pieces.empty() ? "{" : ",");
        piece += json_text(ordered_json(key));
        piece += ':';
        node.pieces.push_back(std::move(piece));
      }
    }
    if (s.contains("required")) {
      if (!s["required"].is_array()) return invalid_argument(where(path) + "'required' must be an array of names");
      for (const auto& name : s["required"]) {
        if (!name.is_string() || std::find(node.keys.begin(), node.keys.end(), name.get<std::string>()) == node.keys.end()) {
          return unsupported(where(path) + "required property " + json_text(name) +
                             " is not listed in 'properties' (every emitted property must have a schema)");
        }
      }
    }
    TEXTRA_RETURN_IF_ERROR(read_additional_properties(s, path, node));
    node.pieces.push_back(node.pieces.empty() ? "{}" : "}");
    uint64_t total = 0;
    node.after_child.assign(node.children.size(), 0);
    uint64_t after = node.pieces.back().size();
    for (size_t i = node.children.size(); i-- > 0;) {
      node.after_child[i] = static_cast<uint32_t>(std::min(after, kMaxMinBytes));
      after += node.pieces[i].size() + g_.nodes_[node.children[i]].min_bytes;
    }
    total = after;
    for (const std::string& piece : node.pieces) {
      for (char c : piece) g_.completion_bytes_.set(static_cast<uint8_t>(c));
    }
    if (total > kMaxMinBytes) return limit_exceeded(where(path) + "the shortest valid object is longer than 16 MB");
    node.min_bytes = static_cast<uint32_t>(total);
    return add(std::move(node));
  }

  // An object listing no properties takes any keys (values: the additionalProperties schema, else any JSON)
  // unless additionalProperties is false. One listing properties emits exactly those: extra keys after them
  // could repeat a listed key with a value of another schema (JSON parsers keep the last one), which a
  // pushdown automaton cannot rule out, and every extra key is optional anyway.
  Status read_additional_properties(const ordered_json& s, const std::string& path, GrammarNode& node) {
    auto it = s.find("additionalProperties");
    bool absent = it == s.end();
    if (!absent && !it->is_boolean() && !it->is_object()) {
      return invalid_argument(where(path) + "'additionalProperties' must be a boolean or a schema");
    }
    if (!node.children.empty() || (!absent && it->is_boolean() && !it->get<bool>())) return Status::ok();
    if (absent || it->is_boolean()) {
      TEXTRA_ASSIGN_OR_RETURN(node.extra_value, free_value(kFreeFormNesting - 1));
    } else {
      TEXTRA_ASSIGN_OR_RETURN(node.extra_value, compile(*it, path + "/additionalProperties"));
    }
    TEXTRA_ASSIGN_OR_RETURN(node.extra_key, plain_string());
    return Status::ok();
  }

  // Whether a schema object has a keyword that restricts values (else it accepts any JSON value).
  static bool constrains(const ordered_json& s) {
    return std::any_of(s.items().begin(), s.items().end(),
                       [](const auto& item) { return kEnforced.count(item.key()) != 0; });
  }

  // A string without limits, shared by all free-form strings and keys (one node, one state for the caches).
  Result<uint32_t> plain_string() {
    if (plain_string_ == kNoLimit) {
      TEXTRA_ASSIGN_OR_RETURN(plain_string_, compile_type("string", ordered_json::object(), ""));
    }
    return plain_string_;
  }

  // Any JSON value with at most `nesting` objects and arrays, itself included: one node per level, each
  // level's containers holding values of the level below, so the grammar stays a finite graph.
  Result<uint32_t> free_value(uint32_t nesting) {
    if (free_values_.empty()) {
      TEXTRA_ASSIGN_OR_RETURN(uint32_t text, plain_string());
      TEXTRA_ASSIGN_OR_RETURN(uint32_t number, compile_type("number", ordered_json::object(), ""));
      free_scalars_ = {text, number, make_literals({"true", "false", "null"})};
      TEXTRA_ASSIGN_OR_RETURN(uint32_t scalar, make_any_of(free_scalars_, ""));
      free_values_.push_back(scalar);
    }
    while (free_values_.size() <= nesting) {
      uint32_t inner = free_values_.back();
      std::vector<uint32_t> alternatives = free_scalars_;
      GrammarNode object;
      object.kind = GrammarNodeKind::kObject;
      object.first_bytes.set('{');
      object.pieces = {"{}"};
      object.min_bytes = 2;
      TEXTRA_ASSIGN_OR_RETURN(object.extra_key, plain_string());
      object.extra_value = inner;
      alternatives.push_back(add(std::move(object)));
      GrammarNode array;
      array.kind = GrammarNodeKind::kArray;
      array.first_bytes.set('[');
      array.min_bytes = 2;
      array.children = {inner};
      alternatives.push_back(add(std::move(array)));
      TEXTRA_ASSIGN_OR_RETURN(uint32_t any, make_any_of(std::move(alternatives), ""));
      free_values_.push_back(any);
    }
    return free_values_[nesting];
  }

  Result<uint32_t> compile_array(const ordered_json& s, const std::string& path) {
    GrammarNode node;
    node.kind = GrammarNodeKind::kArray;
    node.first_bytes.set('[');
    if (!s.contains("items")) return unsupported(where(path) + "an array needs 'items' (the schema of its elements)");
    if (!s["items"].is_object()) return unsupported(where(path) + "only a single schema in 'items' is supported");
    TEXTRA_ASSIGN_OR_RETURN(uint32_t item, compile(s["items"], path + "/items"));
    TEXTRA_ASSIGN_OR_RETURN(node.min_items, read_count(s, "minItems", path, 0));
    TEXTRA_ASSIGN_OR_RETURN(node.max_items, read_count(s, "maxItems", path, kNoLimit));
    if (node.min_items > node.max_items) return invalid_argument(where(path) + "'minItems' is larger than 'maxItems'");
    node.children.push_back(item);
    uint64_t item_bytes = g_.nodes_[item].min_bytes;
    uint64_t total = 2 + (node.min_items > 0 ? node.min_items * (item_bytes + 1) - 1 : 0);
    if (total > kMaxMinBytes) return limit_exceeded(where(path) + "the shortest valid array is longer than 16 MB");
    node.min_bytes = static_cast<uint32_t>(total);
    return add(std::move(node));
  }

  uint32_t make_literals(std::vector<std::string> texts) {
    auto& trie = g_.literals_;
    uint32_t root = static_cast<uint32_t>(trie.size());
    trie.emplace_back();
    for (const std::string& text : texts) {
      uint32_t at = root;
      for (char c : text) {
        g_.completion_bytes_.set(static_cast<uint8_t>(c));
        uint8_t b = static_cast<uint8_t>(c);
        auto& children = trie[at].children;
        auto it = std::find_if(children.begin(), children.end(), [&](const auto& e) { return e.first == b; });
        if (it != children.end()) {
          at = it->second;
        } else {
          uint32_t next = static_cast<uint32_t>(trie.size());
          trie[at].children.emplace_back(b, next);
          trie.emplace_back();
          at = next;
        }
      }
      trie[at].terminal = true;
    }
    // Children always have larger indices than their parent: one backward pass finds the nearest terminal.
    for (size_t i = trie.size(); i-- > root;) {
      uint32_t best = trie[i].terminal ? 0 : kNoLimit;
      for (const auto& [b, child] : trie[i].children) best = std::min(best, trie[child].min_to_end + 1);
      trie[i].min_to_end = best;
    }
    GrammarNode node;
    node.kind = GrammarNodeKind::kLiteral;
    node.literal_root = root;
    node.min_bytes = trie[root].min_to_end;
    for (const auto& [b, child] : trie[root].children) node.first_bytes.set(b);
    uint32_t id = add(std::move(node));
    literal_texts_[id] = std::move(texts);
    return id;
  }

  Result<uint32_t> make_any_of(std::vector<uint32_t> alternatives, const std::string& path) {
    // Flatten nested anyOf and merge all literal alternatives into one literal set (e.g. an enum or null).
    std::vector<uint32_t> flat;
    std::vector<std::string> literal_texts;
    std::function<void(uint32_t)> collect = [&](uint32_t id) {
      const GrammarNode& n = g_.nodes_[id];
      if (n.kind == GrammarNodeKind::kAnyOf) {
        for (uint32_t child : n.children) collect(child);
      } else if (n.kind == GrammarNodeKind::kLiteral) {
        const auto& texts = literal_texts_[id];
        literal_texts.insert(literal_texts.end(), texts.begin(), texts.end());
      } else if (std::find(flat.begin(), flat.end(), id) == flat.end()) {
        flat.push_back(id);
      }
    };
    for (uint32_t id : alternatives) collect(id);
    if (!literal_texts.empty()) {
      if (flat.empty() && alternatives.size() == 1) return alternatives[0];
      flat.push_back(make_literals(std::move(literal_texts)));
    }
    if (flat.size() == 1) return flat[0];

    GrammarNode node;
    node.kind = GrammarNodeKind::kAnyOf;
    node.dispatch.assign(256, -1);
    node.min_bytes = kNoLimit;
    for (uint32_t id : flat) {
      const GrammarNode& alt = g_.nodes_[id];
      for (int b = 0; b < 256; ++b) {
        if (!alt.first_bytes.test(static_cast<size_t>(b))) continue;
        if (node.dispatch[static_cast<size_t>(b)] >= 0) {
          return unsupported(where(path) + "alternatives overlap: two of them can start with " +
                             describe_byte(static_cast<uint8_t>(b)) +
                             " (only alternatives of different JSON types are supported, e.g. string or null)");
        }
        node.dispatch[static_cast<size_t>(b)] = static_cast<int32_t>(id);
      }
      node.first_bytes |= alt.first_bytes;
      node.min_bytes = std::min(node.min_bytes, alt.min_bytes);
    }
    node.children = std::move(flat);
    return add(std::move(node));
  }

  const ordered_json& root_;
  JsonGrammar& g_;
  std::map<std::string, uint32_t> refs_done_;
  std::set<std::string> refs_in_progress_;
  std::map<uint32_t, std::vector<std::string>> literal_texts_;
  uint32_t plain_string_ = kNoLimit;
  std::vector<uint32_t> free_scalars_;  // string, number, true/false/null
  std::vector<uint32_t> free_values_;   // [n]: any value with at most n nested objects and arrays
};

Result<JsonGrammar> JsonGrammar::compile(const ordered_json& schema) {
  JsonGrammar grammar;
  SchemaCompiler compiler(schema, grammar);
  TEXTRA_ASSIGN_OR_RETURN(uint32_t root, compiler.compile(schema, ""));
  TEXTRA_RETURN_IF_ERROR(compiler.finish(root));
  return grammar;
}

Result<JsonGrammar> JsonGrammar::compile(const nlohmann::json& schema) {
  return compile(ordered_json::parse(schema.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

}  // namespace textra::llm
