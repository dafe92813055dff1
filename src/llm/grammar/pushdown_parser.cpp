#include "llm/grammar/pushdown_parser.h"

#include <algorithm>

namespace textra::llm {
namespace {

// Frame stages per kind.
// kObject: value is the piece index, sub the offset in the piece. An open object (no listed properties, one
// piece "{}") reads its pairs in kWaitKey (key string on top), kColon, kWaitExtra (value on top) and
// kExtraNext (',' or '}').
enum ObjectStage : uint8_t { kPiece, kWaitValue, kWaitKey, kColon, kWaitExtra, kExtraNext };
enum ArrayStage : uint8_t { kOpen, kFirst, kNext, kWaitItem };  // value: items so far (saturated)
enum StringStage : uint8_t { kQuote, kContent, kEscape, kUnicode, kUtf8 };  // value: code points (maxLength)
enum NumberStage : uint8_t { kStart, kMinus, kZero, kInt, kDot, kFrac, kExp, kExpSign, kExpDigits };
// kDate: stage is the position in "YYYY-MM-DD" plus one for the opening quote (0..11); value packs the year
// (14 bits), the month (5 bits) and the tens of the day (2 bits) read so far.

// Caps on number digits: they keep a model from producing digits forever, fit the values of documents, and
// keep every number within a double (at most 1e15 * 1e99), which JSON parsers need.
constexpr uint16_t kMaxIntegerDigits = 15;
constexpr uint16_t kMaxFractionDigits = 15;
constexpr uint16_t kMaxExponentDigits = 2;

// UTF-8: allowed range of the first continuation byte after a lead byte (RFC 3629 table).
struct ContinuationRange {
  uint8_t lo, hi;
};
constexpr ContinuationRange kRanges[] = {{0x80, 0xBF}, {0xA0, 0xBF}, {0x80, 0x9F}, {0x90, 0xBF}, {0x80, 0x8F}};

bool is_digit(uint8_t b) { return b >= '0' && b <= '9'; }

int hex_value(uint8_t b) {
  if (is_digit(b)) return b - '0';
  if (b >= 'a' && b <= 'f') return b - 'a' + 10;
  if (b >= 'A' && b <= 'F') return b - 'A' + 10;
  return -1;
}

uint32_t days_in_month(uint32_t year, uint32_t month) {
  static constexpr uint32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool is_accepting_number(uint8_t stage) {
  return stage == kZero || stage == kInt || stage == kFrac || stage == kExpDigits;
}

}  // namespace

Frame PushdownParser::initial_frame(uint32_t node) const {
  const GrammarNode& n = g_.node(node);
  Frame f;
  f.node = node;
  switch (n.kind) {
    case GrammarNodeKind::kObject: f.kind = FrameKind::kObject; break;
    case GrammarNodeKind::kArray: f.kind = FrameKind::kArray; break;
    case GrammarNodeKind::kString: f.kind = FrameKind::kString; break;
    case GrammarNodeKind::kDate: f.kind = FrameKind::kDate; break;
    case GrammarNodeKind::kNumber: f.kind = FrameKind::kNumber; break;
    case GrammarNodeKind::kInteger: f.kind = FrameKind::kNumber; f.value = 1; break;
    case GrammarNodeKind::kLiteral: f.kind = FrameKind::kLiteral; f.value = n.literal_root; break;
    case GrammarNodeKind::kAnyOf: f.kind = FrameKind::kValueStart; break;
  }
  return f;
}

void PushdownParser::push(Cursor& c, StackArena& arena, uint32_t child_node) const {
  if (arena.size() <= c.arena_size) arena.resize(c.arena_size + 16);
  uint32_t below = (c.parent >= 0 ? arena[static_cast<size_t>(c.parent)].below : 0) + remainder(c.top);
  arena[c.arena_size] = {c.top, c.parent, below};
  c.parent = static_cast<int32_t>(c.arena_size);
  ++c.arena_size;
  c.top = initial_frame(child_node);
}

void PushdownParser::pop(Cursor& c, const StackArena& arena) const {
  if (c.parent < 0) {
    c.top = Frame{};
    return;
  }
  const StackEntry& entry = arena[static_cast<size_t>(c.parent)];
  c.top = entry.frame;
  c.parent = entry.parent;
  Frame& f = c.top;
  if (f.kind == FrameKind::kObject) {
    if (f.stage == kWaitValue) {
      ++f.value;
      f.sub = 0;
      f.stage = kPiece;
    } else {
      f.stage = f.stage == kWaitKey ? kColon : kExtraNext;
    }
  } else if (f.kind == FrameKind::kArray) {
    const GrammarNode& n = g_.node(f.node);
    uint32_t cap = n.max_items != kNoLimit ? n.max_items : n.min_items;
    f.value = std::min(f.value + 1, cap);
    f.stage = kNext;
  }
}

bool PushdownParser::inside_string(const Frame& f) { return f.kind == FrameKind::kString && f.stage != kQuote; }

bool PushdownParser::accepting(const Frame& f) const {
  if (f.kind == FrameKind::kNumber) return is_accepting_number(f.stage);
  if (f.kind == FrameKind::kLiteral) return g_.literal(f.value).terminal;
  return false;
}

bool PushdownParser::can_end(const Cursor& cursor, const StackArena& arena) const {
  Cursor c = cursor;
  while (c.top.kind != FrameKind::kDone) {
    if (!accepting(c.top)) return false;
    pop(c, arena);
  }
  return true;
}

uint32_t PushdownParser::remainder(const Frame& f) const {
  switch (f.kind) {
    case FrameKind::kDone:
    case FrameKind::kBoundary:
      return 0;
    case FrameKind::kValueStart:
      return g_.node(f.node).min_bytes;
    case FrameKind::kObject: {
      const GrammarNode& n = g_.node(f.node);
      if (f.stage == kWaitValue) return n.after_child[f.value];
      if (f.stage == kWaitKey || f.stage == kColon) return 2 + g_.node(n.extra_value).min_bytes;  // :value}
      if (f.stage == kWaitExtra || f.stage == kExtraNext) return 1;                              // }
      uint32_t rest = static_cast<uint32_t>(n.pieces[f.value].size()) - f.sub;
      if (f.value < n.children.size()) rest += g_.node(n.children[f.value]).min_bytes + n.after_child[f.value];
      return rest;
    }
    case FrameKind::kArray: {
      const GrammarNode& n = g_.node(f.node);
      uint32_t item = g_.node(n.children[0]).min_bytes + 1;  // an item and its comma or bracket
      switch (f.stage) {
        case kOpen: return n.min_bytes;
        case kFirst: return n.min_items == 0 ? 1 : n.min_items * item;
        case kNext: return 1 + (f.value < n.min_items ? (n.min_items - f.value) * item : 0);
        default: return 1 + (f.value + 1 < n.min_items ? (n.min_items - f.value - 1) * item : 0);
      }
    }
    case FrameKind::kString:
      switch (f.stage) {
        case kQuote: return 2;
        case kContent: return 1;
        case kEscape: return 2;
        default: return (f.sub & 0xF) + 1u;
      }
    case FrameKind::kDate:
      return 12u - f.stage;
    case FrameKind::kNumber:
      return is_accepting_number(f.stage) ? 0 : 1;
    case FrameKind::kLiteral:
      return g_.literal(f.value).min_to_end;
  }
  return 0;
}

bool PushdownParser::step(Cursor& c, StackArena& arena, uint8_t b) const {
  for (;;) {
    Frame& f = c.top;
    switch (f.kind) {
      case FrameKind::kString:
        switch (f.stage) {
          case kContent: {
            if (b == '"') {
              pop(c, arena);
              return true;
            }
            if (b < 0x20) return false;
            uint32_t max_length = g_.node(f.node).max_length;
            if (max_length != kNoLimit) {
              if (f.value >= max_length) return false;
              ++f.value;
            }
            if (b < 0x80) {
              if (b == '\\') f.stage = kEscape;
              return true;
            }
            uint16_t left, range = 0;
            if (b >= 0xC2 && b <= 0xDF) left = 1;
            else if (b >= 0xE0 && b <= 0xEF) left = 2, range = b == 0xE0 ? 1 : (b == 0xED ? 2 : 0);
            else if (b >= 0xF0 && b <= 0xF4) left = 3, range = b == 0xF0 ? 3 : (b == 0xF4 ? 4 : 0);
            else return false;
            f.stage = kUtf8;
            f.sub = static_cast<uint16_t>(left | (range << 4));
            return true;
          }
          case kQuote:
            if (b != '"') return false;
            f.stage = kContent;
            return true;
          case kEscape:
            if (b == 'u') {
              f.stage = kUnicode;
              f.sub = 4;
              return true;
            }
            if (b != '"' && b != '\\' && b != '/' && b != 'b' && b != 'f' && b != 'n' && b != 'r' && b != 't') {
              return false;
            }
            f.stage = kContent;
            return true;
          case kUnicode: {
            int digit = hex_value(b);
            if (digit < 0) return false;
            uint16_t left = f.sub & 0xF;
            bool starts_with_d = (f.sub & 0x10) != 0 || (left == 4 && digit == 0xD);
            // \uD800-\uDFFF are halves of surrogate pairs: alone they are not valid text.
            if (left == 3 && starts_with_d && digit >= 8) return false;
            --left;
            f.sub = static_cast<uint16_t>(left | (starts_with_d ? 0x10 : 0));
            if (left == 0) f.stage = kContent, f.sub = 0;
            return true;
          }
          default: {  // kUtf8
            const ContinuationRange& r = kRanges[f.sub >> 4];
            if (b < r.lo || b > r.hi) return false;
            uint16_t left = static_cast<uint16_t>((f.sub & 0xF) - 1);
            f.sub = left;
            if (left == 0) f.stage = kContent;
            return true;
          }
        }

      case FrameKind::kObject: {
        const GrammarNode& n = g_.node(f.node);
        if (f.stage == kColon) {
          if (b != ':') return false;
          f.stage = kWaitExtra;
          push(c, arena, n.extra_value);
          return true;
        }
        if (f.stage == kExtraNext || (n.extra_value != kNoLimit && f.sub == 1 && b == '"')) {
          // An open object ("{}" piece, no listed properties): a key at its quote or after ',', or the end.
          if (b == '}') {
            pop(c, arena);
            return true;
          }
          bool first = f.stage == kPiece;
          if (!first && b != ',') return false;
          f.stage = kWaitKey;
          push(c, arena, n.extra_key);
          if (first) continue;  // the quote opens the key
          return true;
        }
        const std::string& piece = n.pieces[f.value];
        if (static_cast<uint8_t>(piece[f.sub]) != b) return false;
        if (++f.sub < piece.size()) return true;
        if (f.value < n.children.size()) {
          f.stage = kWaitValue;
          push(c, arena, n.children[f.value]);
        } else {
          pop(c, arena);
        }
        return true;
      }

      case FrameKind::kArray: {
        const GrammarNode& n = g_.node(f.node);
        if (f.stage == kOpen) {
          if (b != '[') return false;
          f.stage = kFirst;
          return true;
        }
        if (b == ']') {
          if (f.value < n.min_items) return false;
          pop(c, arena);
          return true;
        }
        if (f.value >= n.max_items) return false;
        bool comma = f.stage == kNext;
        if (comma && b != ',') return false;
        f.stage = kWaitItem;
        push(c, arena, n.children[0]);
        if (comma) return true;
        continue;  // the byte starts the first item
      }

      case FrameKind::kNumber: {
        bool integer = f.value != 0;
        bool digit = is_digit(b);
        switch (f.stage) {
          case kStart:
            if (b == '-') {
              f.stage = kMinus;
              return true;
            }
            [[fallthrough]];
          case kMinus:
            if (!digit) return false;
            f.stage = b == '0' ? kZero : kInt;
            f.sub = 1;
            return true;
          case kDot:
          case kExpSign:
            if (!digit) return false;
            f.stage = f.stage == kDot ? kFrac : kExpDigits;
            f.sub = 1;
            return true;
          case kExp:
            if (b == '+' || b == '-') {
              f.stage = kExpSign;
              return true;
            }
            if (!digit) return false;
            f.stage = kExpDigits;
            f.sub = 1;
            return true;
          default:
            break;
        }
        // An accepting stage: digits continue (up to the caps), '.'/'e' go on, anything else ends the number.
        if (digit) {
          uint16_t cap = f.stage == kInt ? kMaxIntegerDigits
                         : f.stage == kFrac ? kMaxFractionDigits
                         : f.stage == kExpDigits ? kMaxExponentDigits : 0;
          if (f.sub >= cap) return false;
          ++f.sub;
          return true;
        }
        if (!integer && b == '.' && (f.stage == kZero || f.stage == kInt)) {
          f.stage = kDot;
          return true;
        }
        if (!integer && (b == 'e' || b == 'E') && f.stage != kExpDigits) {
          f.stage = kExp;
          return true;
        }
        pop(c, arena);
        continue;  // the byte belongs to the enclosing value
      }

      case FrameKind::kLiteral: {
        const LiteralTrieNode& t = g_.literal(f.value);
        for (const auto& [byte, child] : t.children) {
          if (byte != b) continue;
          f.value = child;
          if (g_.literal(child).children.empty()) pop(c, arena);
          return true;
        }
        if (!t.terminal) return false;
        pop(c, arena);
        continue;
      }

      case FrameKind::kDate: {
        uint32_t pos = f.stage;
        if (pos == 0 || pos == 11) {
          if (b != '"') return false;
          if (pos == 0) f.stage = 1;
          else pop(c, arena);
          return true;
        }
        if (pos == 5 || pos == 8) {
          if (b != '-') return false;
          ++f.stage;
          return true;
        }
        if (!is_digit(b)) return false;
        uint32_t d = b - '0';
        uint32_t year = f.value & 0x3FFF, month = (f.value >> 14) & 0x1F, tens = (f.value >> 19) & 0x3;
        if (pos <= 4) {
          year = year * 10 + d;
        } else if (pos == 6) {
          if (d > 1) return false;
          month = d * 10;
        } else if (pos == 7) {
          if (month + d < 1 || month + d > 12) return false;
          month += d;
        } else if (pos == 9) {
          if (d > days_in_month(year, month) / 10) return false;
          tens = d;
        } else {
          uint32_t day = tens * 10 + d;
          if (day < 1 || day > days_in_month(year, month)) return false;
        }
        f.value = year | (month << 14) | (tens << 19);
        ++f.stage;
        return true;
      }

      case FrameKind::kValueStart: {
        int32_t alternative = g_.node(f.node).dispatch[b];
        if (alternative < 0) return false;
        f = initial_frame(static_cast<uint32_t>(alternative));
        continue;
      }

      case FrameKind::kDone:
      case FrameKind::kBoundary:
        return false;
    }
    return false;
  }
}

}  // namespace textra::llm
