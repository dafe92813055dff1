// Shared by the synth tests: a generator, the words labelled with one label, and a ground-truth value.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "synth/synth.h"

namespace textra::synth::testing {

inline std::unique_ptr<InvoiceGenerator> make_generator(SynthOptions options) {
  auto g = InvoiceGenerator::create(options);
  EXPECT_TRUE(g.is_ok()) << g.status().message();
  return g.is_ok() ? std::move(*g) : nullptr;
}

// The ground-truth JSON at a dotted path ("supplier.name").
inline nlohmann::json at(const nlohmann::json& root, const std::string& path) {
  const nlohmann::json* node = &root;
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = path.find('.', start);
    node = &(*node)[path.substr(start, dot == std::string::npos ? std::string::npos : dot - start)];
    if (dot == std::string::npos) return *node;
    start = dot + 1;
  }
}

// The labels of the invoice set and the fields they name.
inline const std::vector<std::pair<std::string, std::string>>& labelled_fields() {
  static const std::vector<std::pair<std::string, std::string>> k = {
      {"InvNum", "invoice_number"}, {"InvDate", "invoice_date"}, {"Fourni", "supplier.name"},
      {"TT", "total_ht"},           {"TVA", "total_tva"},        {"TTC", "total_ttc"}};
  return k;
}

}  // namespace textra::synth::testing
