// JSON Schema -> grammar: a graph of value nodes that the pushdown parser (pushdown_parser.h) walks byte by
// byte. The output language is compact JSON (no whitespace) and every object emits all of its properties in
// the schema's order, so the grammar is deterministic: the next byte always decides what comes next.
// Supported subset and the reasons for each choice: docs/grammar.md.
#pragma once

#include <bitset>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace textra::llm {

inline constexpr uint32_t kNoLimit = std::numeric_limits<uint32_t>::max();
// A free-form value ({} / true schemas, open objects' values) nests at most this many objects and arrays,
// itself included: the parser stack stays bounded and every state has a short completion.
inline constexpr uint32_t kFreeFormNesting = 32;

enum class GrammarNodeKind : uint8_t {
  kObject,   // {"k0":v0,"k1":v1,...}: all properties, in order; or an open object {"any key":value,...}
  kArray,    // [item,item,...] with minItems/maxItems
  kString,   // "..." with escapes, UTF-8, optional maxLength
  kDate,     // "YYYY-MM-DD", a real calendar date
  kNumber,   // JSON number (digit counts capped, see docs)
  kInteger,  // -?(0|[1-9][0-9]*)
  kLiteral,  // one of a fixed set of JSON texts: enum, const, true/false, null
  kAnyOf,    // alternatives told apart by their first byte
};

struct GrammarNode {
  GrammarNodeKind kind = GrammarNodeKind::kString;
  uint32_t min_bytes = 0;          // length of the shortest JSON text of this value
  std::bitset<256> first_bytes;    // bytes a value of this node can start with
  // kObject: pieces[i] is the text before value i ("{\"k0\":", ",\"k1\":"), pieces.back() is "}" ("{}" when
  // there are no properties); after_child[i] is the shortest text after value i up to the closing brace.
  std::vector<std::string> pieces;
  std::vector<uint32_t> after_child;
  std::vector<std::string> keys;
  // kObject without listed properties: an open object takes any "key":value pairs; extra_key is the string
  // node of the keys, extra_value the node of the values. kNoLimit for a closed object.
  uint32_t extra_key = kNoLimit;
  uint32_t extra_value = kNoLimit;
  // kObject: property values; kArray: {item}; kAnyOf: alternatives.
  std::vector<uint32_t> children;
  uint32_t min_items = 0;           // kArray
  uint32_t max_items = kNoLimit;    // kArray
  uint32_t max_length = kNoLimit;   // kString, in code points
  uint32_t literal_root = 0;        // kLiteral: node of literals()
  std::vector<int32_t> dispatch;    // kAnyOf: alternative (node id) for each first byte, -1 if none
};

// A trie over the JSON texts of a kLiteral node.
struct LiteralTrieNode {
  bool terminal = false;     // a complete literal ends here
  uint32_t min_to_end = 0;   // bytes to the nearest terminal below (0 if terminal)
  std::vector<std::pair<uint8_t, uint32_t>> children;
};

class JsonGrammar {
 public:
  // Properties are emitted in the order the schema object lists them, so pass an ordered_json.
  static Result<JsonGrammar> compile(const nlohmann::ordered_json& schema);
  // nlohmann::json keeps object keys sorted: properties are then emitted in alphabetical order.
  static Result<JsonGrammar> compile(const nlohmann::json& schema);

  uint32_t root() const { return root_; }
  const GrammarNode& node(uint32_t id) const { return nodes_[id]; }
  size_t node_count() const { return nodes_.size(); }
  const LiteralTrieNode& literal(uint32_t id) const { return literals_[id]; }
  // Most parser frames a value of this grammar can stack (nesting of objects and arrays + 1).
  uint32_t max_depth() const { return max_depth_; }
  // Bytes a shortest completion may need: the vocabulary must have each of them as a one-byte token for the
  // token budget to be guaranteed (a completion of n bytes then always fits in n tokens).
  const std::bitset<256>& completion_bytes() const { return completion_bytes_; }

 private:
  friend class SchemaCompiler;
  std::vector<GrammarNode> nodes_;
  std::vector<LiteralTrieNode> literals_;
  uint32_t root_ = 0;
  uint32_t max_depth_ = 1;
  std::bitset<256> completion_bytes_;
};

}  // namespace textra::llm
