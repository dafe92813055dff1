#include "exports/latin9.h"

#include "base/utf8.h"

namespace textra::exports {
namespace {

// Latin-9 is Latin-1 with eight code points replaced.
char latin9_byte(char32_t cp) {
  switch (cp) {
    case U'€': return static_cast<char>(0xA4);
    case U'Š': return static_cast<char>(0xA6);
    case U'š': return static_cast<char>(0xA8);
    case U'Ž': return static_cast<char>(0xB4);
    case U'ž': return static_cast<char>(0xB8);
    case U'Œ': return static_cast<char>(0xBC);
    case U'œ': return static_cast<char>(0xBD);
    case U'Ÿ': return static_cast<char>(0xBE);
    case 0xA4: case 0xA6: case 0xA8: case 0xB4: case 0xB8: case 0xBC: case 0xBD: case 0xBE: return '?';
    default: break;
  }
  if (cp == U'’' || cp == U'‘') return '\'';
  return cp < 0x100 ? static_cast<char>(cp) : '?';
}

}  // namespace

std::string to_latin9(std::string_view utf8_text) {
  std::string out;
  out.reserve(utf8_text.size());
  for (std::size_t pos = 0; pos < utf8_text.size();) out += latin9_byte(utf8::next(utf8_text, pos));
  return out;
}

}  // namespace textra::exports
