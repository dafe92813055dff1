// UTF-8 to ISO 8859-15 (Latin-9), the FEC's encoding: French letters and € survive; a character the
// encoding lacks becomes '?'.
#pragma once

#include <string>
#include <string_view>

namespace textra::exports {

std::string to_latin9(std::string_view utf8_text);

}  // namespace textra::exports
