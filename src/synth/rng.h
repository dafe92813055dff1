// The generator's random numbers: splitmix64, written out so that a seed gives the same invoices with
// every compiler and standard library (std:: distributions are not specified bit for bit).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace textra::synth {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double real() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  double real(double lo, double hi) { return lo + (hi - lo) * real(); }
  // Uniform in [lo, hi], both included.
  int uniform(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool chance(double p) { return real() < p; }
  // Standard normal (Box-Muller).
  double normal() {
    double u = real(), v = real();
    return std::sqrt(-2.0 * std::log(1.0 - u)) * std::cos(6.283185307179586 * v);
  }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(next() % items.size())];
  }
  // A digit string of n digits (leading zeros allowed).
  std::string digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + next() % 10));
    return s;
  }

 private:
  std::uint64_t state_;
};

// The seed of invoice `index` of a run seeded `seed`: invoice i is the same whatever N is.
inline std::uint64_t invoice_seed(std::uint64_t seed, std::uint64_t index) {
  Rng mix(seed * 0x2545F4914F6CDD1Dull + index);
  mix.next();
  return mix.next();
}

}  // namespace textra::synth
