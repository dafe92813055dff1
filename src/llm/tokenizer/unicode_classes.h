// Code point classes used by the pre-tokenizers, and GPT-2's byte <-> code point map used by byte-level BPE.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace textra::llm {

enum class CharClass : std::uint8_t { kLetter, kNumber, kWhitespace, kOther };

// Unicode general categories as the regexes \p{L}, \p{N} and \s see them: letters (L*), numbers (N*),
// White_Space (U+0009..000D, U+0020, U+0085, U+00A0, U+1680, U+2000..200A, U+2028/9, U+202F, U+205F,
// U+3000), everything else kOther.
CharClass char_class(char32_t cp);


// Decodes one code point as llama.cpp does: a lead byte and its continuation bytes (overlong forms are
// accepted); an invalid or truncated sequence yields U+FFFD and consumes one byte.
char32_t decode_lenient(std::string_view s, std::size_t& pos);

// GPT-2's bytes_to_unicode: the printable code point that stands for a byte in byte-level vocabularies,
// as UTF-8; and the reverse (-1 for code points that stand for no byte).
const std::string& byte_to_symbol(std::uint8_t byte);
int symbol_to_byte(char32_t cp);

}  // namespace textra::llm
