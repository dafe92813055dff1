// Small text helpers every module needs once.
#pragma once

#include <string_view>

namespace textra {

// Whether c is ASCII white space: space, tab, newline, vertical tab, form feed, carriage return.
inline bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// s without its leading and trailing ASCII white space (a view into s).
std::string_view trim_ascii_space(std::string_view s);

}  // namespace textra
