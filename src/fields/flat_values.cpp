#include "fields/flat_values.h"

namespace textra::fields {
namespace {

void flatten(const Json& value, const std::string& path, ArrayCells arrays,
             std::vector<std::pair<std::string, std::string>>& out) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      flatten(it.value(), path.empty() ? it.key() : path + "." + it.key(), arrays, out);
    }
  } else if (value.is_array() && arrays == ArrayCells::kSkip) {
    return;
  } else {
    out.emplace_back(path, value.is_null() ? "" : value.is_string() ? value.get<std::string>() : value.dump());
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> flat_values(const Json& plain, ArrayCells arrays) {
  std::vector<std::pair<std::string, std::string>> out;
  flatten(plain, "", arrays, out);
  return out;
}

}  // namespace textra::fields
