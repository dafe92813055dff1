// Levenshtein distance between code-point strings: OCR scoring (CER) and fuzzy provenance both use it.
#pragma once

#include <cstddef>
#include <string>

namespace textra {

// Insertions, deletions and substitutions, each costing 1; O(|a|·|b|) time, O(|b|) memory.
std::size_t edit_distance(const std::u32string& a, const std::u32string& b);

}  // namespace textra
