// CSV cells and rows as RFC 4180 writes them: a cell is quoted when it holds the separator, a quote or a
// line break, and quotes inside are doubled.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace textra {

std::string csv_cell(std::string_view text, char separator = ',');
// The cells joined by the separator, ended by "\n".
std::string csv_row(const std::vector<std::string>& cells, char separator = ',');

}  // namespace textra
