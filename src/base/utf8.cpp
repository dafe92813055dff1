#include "base/utf8.h"

namespace textra::utf8 {
namespace {
constexpr char32_t kReplacement = 0xFFFD;

// Length of the sequence started by lead byte b, 0 if b cannot start one.
int sequence_length(unsigned char b) {
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return 2;
  if (b >= 0xE0 && b <= 0xEF) return 3;
  if (b >= 0xF0 && b <= 0xF4) return 4;
  return 0;
}
}  // namespace

char32_t next(std::string_view s, std::size_t& pos) {
  unsigned char b = static_cast<unsigned char>(s[pos]);
  int len = sequence_length(b);
  if (len == 0 || pos + len > s.size()) {
    ++pos;
    return kReplacement;
  }
  if (len == 1) {
    ++pos;
    return b;
  }
  char32_t cp = b & (0xFF >> (len + 1));
  for (int i = 1; i < len; ++i) {
    unsigned char c = static_cast<unsigned char>(s[pos + i]);
    if ((c & 0xC0) != 0x80) {
      ++pos;
      return kReplacement;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kReplacement;
  }
  pos += len;
  return cp;
}

bool is_valid(std::string_view s) {
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t before = pos;
    char32_t cp = next(s, pos);
    if (cp == kReplacement && !(pos - before == 3 && s.substr(before, 3) == "\xEF\xBF\xBD")) return false;
  }
  return true;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string sanitize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) append(out, next(s, pos));
  return out;
}

std::vector<char32_t> decode(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) out.push_back(next(s, pos));
  return out;
}

std::string encode(const std::u32string& cps) {
  std::string out;
  for (char32_t cp : cps) append(out, cp);
  return out;
}

std::size_t length(std::string_view s) {
  std::size_t n = 0, pos = 0;
  while (pos < s.size()) {
    next(s, pos);
    ++n;
  }
  return n;
}

char32_t to_upper(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 32;
  if ((cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)) return cp - 32;  // Latin-1 à..þ except ÷
  if (cp == 0xFF) return 0x178;                                   // ÿ -> Ÿ
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x17F) {
    // Latin Extended-A alternates upper/lower; the parity is flipped in U+0139..U+0148 and from U+0179.
    bool flipped = (cp >= 0x139 && cp <= 0x148) || cp >= 0x179;
    bool lower = flipped ? (cp % 2 == 0) : (cp % 2 == 1);
    return lower ? cp - 1 : cp;
  }
  return cp;
}

char32_t to_lower(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  if (cp == 0x178) return 0xFF;
  if (cp >= 0x100 && cp <= 0x17F && cp != 0x130 && cp != 0x131 && cp != 0x138 && cp != 0x149 && cp != 0x17F) {
    bool flipped = (cp >= 0x139 && cp <= 0x148) || cp >= 0x179;
    bool upper = flipped ? (cp % 2 == 1) : (cp % 2 == 0);
    return upper ? cp + 1 : cp;
  }
  return cp;
}

std::string to_upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) append(out, to_upper(next(s, pos)));
  return out;
}

std::string to_lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) append(out, to_lower(next(s, pos)));
  return out;
}

namespace {
// Base letter of a Latin-1 accented letter, or 0 if it has none.
char base_letter(char32_t cp) {
  static const char* kLatin1 =  // U+00C0..U+00FF
      "AAAAAAACEEEEIIII"
      "DNOOOOO\0OUUUUYTs"
      "aaaaaaaceeeeiiii"
      "dnooooo\0ouuuuyty";
  if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
  return 0;
}
}  // namespace

std::string strip_accents(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = next(s, pos);
    char base = base_letter(cp);
    if (cp == 0x152) {
      out += "OE";
    } else if (cp == 0x153) {
      out += "oe";
    } else if (base != 0) {
      out += base;
    } else {
      append(out, cp);
    }
  }
  return out;
}

}  // namespace textra::utf8
