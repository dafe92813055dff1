// UTF-8 helpers: validation, code point iteration, case folding for the Latin range we meet on invoices.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace textra::utf8 {

bool is_valid(std::string_view s);
// Replaces invalid sequences with U+FFFD so the result is always valid UTF-8.
std::string sanitize(std::string_view s);
// Decodes the code point at s[pos], advancing pos; invalid bytes decode as U+FFFD, one byte at a time.
char32_t next(std::string_view s, std::size_t& pos);
void append(std::string& out, char32_t cp);
std::vector<char32_t> decode(std::string_view s);
std::string encode(const std::u32string& cps);
std::size_t length(std::string_view s);  // in code points

// Upper/lower case for ASCII and Latin-1/Latin Extended-A letters (é -> É); other code points unchanged.
char32_t to_upper(char32_t cp);
char32_t to_lower(char32_t cp);
std::string to_upper(std::string_view s);
std::string to_lower(std::string_view s);
// Removes accents from Latin letters (é -> e, Ç -> C); used for keyword matching, never for values.
std::string strip_accents(std::string_view s);

}  // namespace textra::utf8
