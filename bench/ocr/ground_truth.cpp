#include "ground_truth.h"

#include <sstream>

#include "base/files.h"

namespace textra::bench {

Result<std::string> read_sroie_box_text(const std::string& csv_path) {
  TEXTRA_ASSIGN_OR_RETURN(std::string csv, read_file(csv_path, 16u << 20));
  std::istringstream lines(csv);
  std::string line, text;
  for (int number = 1; std::getline(lines, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::size_t pos = 0;
    for (int comma = 0; comma < 8; ++comma) {
      pos = line.find(',', pos);
      if (pos == std::string::npos) return corrupt(csv_path + ":" + std::to_string(number) + ": fewer than 9 fields");
      ++pos;
    }
    text += line.substr(pos);
    text += '\n';
  }
  return text;
}

}  // namespace textra::bench
