#include "llm/tokenizer/pre_tokenizer.h"

namespace textra::llm {
namespace {

using Words = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

char32_t ascii_lower(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c; }
bool is_cr_or_lf(char32_t c) { return c == '\r' || c == '\n'; }

// Length of the contraction ('s 't 'm 'd 're 've 'll) starting at pos, 0 if none.
std::size_t contraction_length(const std::vector<char32_t>& cps, std::size_t pos, bool ignore_case) {
  const std::size_t n = cps.size();
  if (cps[pos] != '\'' || pos + 1 >= n) return 0;
  const auto norm = [&](char32_t c) { return ignore_case ? ascii_lower(c) : c; };
  const char32_t c1 = norm(cps[pos + 1]);
  if (c1 == 's' || c1 == 't' || c1 == 'm' || c1 == 'd') return 2;
  if (pos + 2 >= n) return 0;
  const char32_t c2 = norm(cps[pos + 2]);
  if ((c1 == 'r' && c2 == 'e') || (c1 == 'v' && c2 == 'e') || (c1 == 'l' && c2 == 'l')) return 3;
  return 0;
}

// End of the whitespace alternatives (\s*[\r\n]+ when with_newline_rule, \s+(?!\S), \s+) at pos,
// or pos when pos is not white space.
std::size_t whitespace_end(const SplitScratch& s, std::size_t pos, bool with_newline_rule) {
  const std::size_t n = s.cps.size();
  std::size_t end = pos;
  std::size_t after_last_newline = 0;
  while (end < n && s.classes[end] == CharClass::kWhitespace) {
    if (is_cr_or_lf(s.cps[end])) after_last_newline = end + 1;
    ++end;
  }
  if (with_newline_rule && after_last_newline > 0) return after_last_newline;
  const std::size_t run = end - pos;
  if (run > 1 && end < n) return end - 1;  // leave the last space to prefix the next word
  return end;
}

// The Llama 3 / Qwen2 expression; max_digits is 3 for \p{N}{1,3} and 1 for \p{N}.
void split_llama3_style(const SplitScratch& s, std::size_t max_digits, std::vector<std::size_t>& ends) {
  const std::size_t n = s.cps.size();
  const auto cls = [&](std::size_t i) { return s.classes[i]; };
  std::size_t pos = 0;
  while (pos < n) {
    const char32_t c = s.cps[pos];
    const CharClass k = cls(pos);
    if (std::size_t len = contraction_length(s.cps, pos, /*ignore_case=*/true)) {
      ends.push_back(pos += len);
      continue;
    }
    // [^\r\n\p{L}\p{N}]?\p{L}+
    if (!is_cr_or_lf(c) && k != CharClass::kNumber &&
        (k == CharClass::kLetter || (pos + 1 < n && cls(pos + 1) == CharClass::kLetter))) {
      ++pos;
      while (pos < n && cls(pos) == CharClass::kLetter) ++pos;
      ends.push_back(pos);
      continue;
    }
    // \p{N}{1,max_digits}
    if (k == CharClass::kNumber) {
      const std::size_t start = pos;
      while (pos < n && cls(pos) == CharClass::kNumber && pos - start < max_digits) ++pos;
      ends.push_back(pos);
      continue;
    }
    // " ?[^\s\p{L}\p{N}]+[\r\n]*"
    const bool space_prefix = c == ' ' && pos + 1 < n;
    if (k == CharClass::kOther || (space_prefix && cls(pos + 1) == CharClass::kOther)) {
      pos += space_prefix ? 1 : 0;
      while (pos < n && cls(pos) == CharClass::kOther) ++pos;
      while (pos < n && is_cr_or_lf(s.cps[pos])) ++pos;
      ends.push_back(pos);
      continue;
    }
    ends.push_back(pos = whitespace_end(s, pos, /*with_newline_rule=*/true));
  }
}

void split_gpt2(const SplitScratch& s, std::vector<std::size_t>& ends) {
  const std::size_t n = s.cps.size();
  std::size_t pos = 0;
  while (pos < n) {
    if (std::size_t len = contraction_length(s.cps, pos, /*ignore_case=*/false)) {
      ends.push_back(pos += len);
      continue;
    }
    // " ?\p{L}+", " ?\p{N}+", " ?[^\s\p{L}\p{N}]+": the class of the first character after the optional space.
    const bool space_prefix = s.cps[pos] == ' ' && pos + 1 < n;
    const CharClass k = s.classes[space_prefix ? pos + 1 : pos];
    if (k != CharClass::kWhitespace) {
      pos += space_prefix ? 1 : 0;
      while (pos < n && s.classes[pos] == k) ++pos;
      ends.push_back(pos);
      continue;
    }
    ends.push_back(pos = whitespace_end(s, pos, /*with_newline_rule=*/false));
  }
}

}  // namespace

Result<PreTokenizerInfo> pre_tokenizer_from_name(const std::string& name) {
  if (name == "llama-bpe" || name == "llama3" || name == "llama-v3" || name == "falcon3") {
    return PreTokenizerInfo{PreTokenizer::kLlama3, /*ignore_merges=*/true, /*clean_spaces=*/true,
                            /*add_bos_default=*/true};
  }
  if (name == "qwen2" || name == "deepseek-r1-qwen") {
    return PreTokenizerInfo{PreTokenizer::kQwen2, false, /*clean_spaces=*/false, false};
  }
  if (name == "gpt-2" || name == "phi-2") return PreTokenizerInfo{PreTokenizer::kGpt2, false, true, false};
  return unsupported("pre-tokenizer '" + name + "' is not supported (supported: llama-bpe, qwen2, gpt-2)");
}

const char* pre_tokenizer_name(PreTokenizer kind) {
  switch (kind) {
    case PreTokenizer::kGpt2: return "gpt-2";
    case PreTokenizer::kLlama3: return "llama-bpe";
    case PreTokenizer::kQwen2: return "qwen2";
  }
  return "?";
}

void split_words(PreTokenizer kind, std::string_view text, SplitScratch& scratch, Words& words) {
  scratch.cps.clear();
  scratch.classes.clear();
  scratch.offsets.clear();
  for (std::size_t pos = 0; pos < text.size();) {
    scratch.offsets.push_back(static_cast<std::uint32_t>(pos));
    const char32_t cp = decode_lenient(text, pos);
    scratch.cps.push_back(cp);
    scratch.classes.push_back(char_class(cp));
  }
  scratch.offsets.push_back(static_cast<std::uint32_t>(text.size()));

  std::vector<std::size_t>& ends = scratch.ends;
  ends.clear();
  if (kind == PreTokenizer::kGpt2) {
    split_gpt2(scratch, ends);
  } else {
    split_llama3_style(scratch, kind == PreTokenizer::kLlama3 ? 3 : 1, ends);
  }
  std::size_t begin = 0;
  for (std::size_t end : ends) {
    words.emplace_back(scratch.offsets[begin], scratch.offsets[end]);
    begin = end;
  }
}

}  // namespace textra::llm
