// Money in exports is counted in cents (integers), so journal lines balance exactly.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace textra::exports {

inline std::int64_t to_cents(double amount) { return std::llround(amount * 100.0); }

// "1234.56" or "-0.05" with the given decimal point; no thousands separator.
inline std::string format_cents(std::int64_t cents, char decimal_point = '.') {
  std::string out = cents < 0 ? "-" : "";
  std::int64_t magnitude = std::llabs(cents);
  std::string fraction = std::to_string(magnitude % 100);
  out += std::to_string(magnitude / 100) + decimal_point + (fraction.size() < 2 ? "0" : "") + fraction;
  return out;
}

}  // namespace textra::exports
