// The byte-level pushdown automaton of a JsonGrammar. A parser state is a stack of frames: the top frame in
// a Cursor and the frames below it in a StackArena, linked by index and never modified once pushed, so that
// copying a state is copying one Cursor (the trie walk copies a state at every trie node).
#pragma once

#include <cstdint>
#include <vector>

#include "llm/grammar/json_schema_grammar.h"

namespace textra::llm {

enum class FrameKind : uint8_t {
  kDone,        // the root value is complete: no byte is accepted any more
  kBoundary,    // the bottom of a partial walk (see GrammarMatcher): reaching it means "left the top frame"
  kObject,
  kArray,
  kString,
  kDate,
  kNumber,      // kNumber and kInteger grammar nodes
  kLiteral,
  kValueStart,  // an anyOf value whose first byte has not been seen yet
};

// The meaning of stage/sub/value depends on the kind (pushdown_parser.cpp). Compared as raw bytes.
struct Frame {
  FrameKind kind = FrameKind::kDone;
  uint8_t stage = 0;
  uint16_t sub = 0;
  uint32_t node = 0;
  uint32_t value = 0;

  bool operator==(const Frame&) const = default;
};
static_assert(sizeof(Frame) == 12);

struct StackEntry {
  Frame frame;          // waiting for its child to finish
  int32_t parent;       // index of the entry below, -1 for none
  uint32_t below;       // shortest number of bytes to finish this frame and all frames under it
};

using StackArena = std::vector<StackEntry>;

struct Cursor {
  Frame top;
  int32_t parent = -1;      // entry under the top frame, -1 if the top frame is the root
  uint32_t arena_size = 0;  // entries in use; a push writes here (older entries stay valid)
};

class PushdownParser {
 public:
  explicit PushdownParser(const JsonGrammar& grammar) : g_(grammar) {}

  Frame initial_frame(uint32_t node) const;
  // Feeds one byte; false if the grammar rejects it (the cursor is then meaningless). May write to the arena
  // past cursor.arena_size, never below.
  bool step(Cursor& cursor, StackArena& arena, uint8_t byte) const;
  // Shortest number of bytes that completes the top frame alone.
  uint32_t remainder(const Frame& frame) const;
  // Shortest number of bytes that completes the whole value.
  uint32_t min_completion(const Cursor& cursor, const StackArena& arena) const {
    return (cursor.parent >= 0 ? arena[static_cast<size_t>(cursor.parent)].below : 0) + remainder(cursor.top);
  }
  // Whether the output could end here (the whole value is complete).
  bool can_end(const Cursor& cursor, const StackArena& arena) const;
  // A string frame past its opening quote: what it accepts next does not depend on the frames below.
  static bool inside_string(const Frame& frame);
  // Pops the top frame after it completed, telling its parent.
  void pop(Cursor& cursor, const StackArena& arena) const;

 private:
  void push(Cursor& cursor, StackArena& arena, uint32_t child_node) const;
  bool accepting(const Frame& frame) const;
  const JsonGrammar& g_;
};

}  // namespace textra::llm
