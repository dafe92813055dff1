#include "llm/tokenizer/unicode_classes.h"

#include <unicode/uchar.h>

#include <array>

namespace textra::llm {
namespace {

bool is_white_space(char32_t cp) {
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

CharClass ascii_class(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return CharClass::kLetter;
  if (cp >= '0' && cp <= '9') return CharClass::kNumber;
  if (is_white_space(cp)) return CharClass::kWhitespace;
  return CharClass::kOther;
}

std::array<CharClass, 128> make_ascii_table() {
  std::array<CharClass, 128> table{};
  for (char32_t cp = 0; cp < 128; ++cp) table[cp] = ascii_class(cp);
  return table;
}
const std::array<CharClass, 128> kAsciiClasses = make_ascii_table();

std::uint32_t category_mask(char32_t cp) { return U_GET_GC_MASK(static_cast<UChar32>(cp)); }

struct ByteMap {
  std::array<std::string, 256> byte_to_symbol;
  std::array<std::int16_t, 324> symbol_to_byte;  // the map only uses code points below 256 + 68
};

ByteMap make_byte_map() {
  ByteMap map;
  map.symbol_to_byte.fill(-1);
  int next_extra = 0;
  for (int b = 0; b < 256; ++b) {
    const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    const char32_t cp = printable ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + next_extra++);
    std::string utf8;
    if (cp < 0x80) {
      utf8.push_back(static_cast<char>(cp));
    } else {
      utf8.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      utf8.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    map.byte_to_symbol[b] = std::move(utf8);
    map.symbol_to_byte[cp] = static_cast<std::int16_t>(b);
  }
  return map;
}
const ByteMap kByteMap = make_byte_map();

}  // namespace

CharClass char_class(char32_t cp) {
  if (cp < 128) return kAsciiClasses[cp];
  if (is_white_space(cp)) return CharClass::kWhitespace;
  const std::uint32_t mask = category_mask(cp);
  if (mask & U_GC_L_MASK) return CharClass::kLetter;
  if (mask & U_GC_N_MASK) return CharClass::kNumber;
  return CharClass::kOther;
}

char32_t decode_lenient(std::string_view s, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(s[i]); };
  const std::uint8_t lead = byte(pos);
  int extra = 0;
  char32_t cp = 0;
  if (lead < 0x80) {
    ++pos;
    return lead;
  } else if ((lead & 0xE0) == 0xC0) {
    extra = 1, cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3, cp = lead & 0x07;
  } else {
    ++pos;
    return 0xFFFD;
  }
  if (pos + extra >= s.size()) {  // truncated sequence
    ++pos;
    return 0xFFFD;
  }
  for (int i = 1; i <= extra; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) {
      ++pos;
      return 0xFFFD;
    }
    cp = (cp << 6) | (byte(pos + i) & 0x3F);
  }
  pos += 1 + extra;
  return cp;
}

const std::string& byte_to_symbol(std::uint8_t byte) { return kByteMap.byte_to_symbol[byte]; }

int symbol_to_byte(char32_t cp) {
  return cp < kByteMap.symbol_to_byte.size() ? kByteMap.symbol_to_byte[cp] : -1;
}

}  // namespace textra::llm
