#include "ocr/ppocr/ctc.h"

#include <algorithm>

#include "base/files.h"
#include "base/utf8.h"

namespace textra::ocr::ppocr {
namespace {

const std::string kSpace = " ";
const std::string kBlank;

}  // namespace

Result<Keys> Keys::load(const std::string& path) {
  TEXTRA_ASSIGN_OR_RETURN(std::string content, read_file(path));
  std::vector<std::string> keys;
  std::size_t pos = 0;
  while (pos < content.size()) {
    std::size_t end = content.find('\n', pos);
    if (end == std::string::npos) end = content.size();
    std::string key = content.substr(pos, end - pos);
    if (!key.empty() && key.back() == '\r') key.pop_back();
    if (key.empty() || !utf8::is_valid(key)) {
      return corrupt(path + ": line " + std::to_string(keys.size() + 1) + " is not one UTF-8 character");
    }
    keys.push_back(std::move(key));
    pos = end + 1;
  }
  if (keys.empty()) return corrupt(path + ": no keys");
  return Keys(std::move(keys));
}

Keys::Keys(std::vector<std::string> keys) : keys_(std::move(keys)) {
  for (const std::string& key : keys_) {
    for (char32_t cp : utf8::decode(key)) code_points_.insert(cp);
  }
}

const std::string& Keys::text(int cls) const {
  if (cls >= 1 && cls <= static_cast<int>(keys_.size())) return keys_[static_cast<std::size_t>(cls - 1)];
  return is_space(cls) ? kSpace : kBlank;
}

bool Keys::covers(const std::string& text) const {
  for (char32_t cp : utf8::decode(text)) {
    if (cp != U' ' && code_points_.count(cp) == 0) return false;
  }
  return true;
}

std::vector<DecodedChar> ctc_greedy(const float* probabilities, int frames, int classes) {
  std::vector<DecodedChar> chars;
  int previous = 0;
  float space = 0;  // on the blank frames since the last character
  for (int t = 0; t < frames; ++t) {
    const float* row = probabilities + static_cast<std::size_t>(t) * classes;
    int best = static_cast<int>(std::max_element(row, row + classes) - row);
    if (best == 0) {
      space = std::max(space, row[classes - 1]);
    } else if (best == previous) {
      chars.back().last_frame = t;
      chars.back().confidence = std::max(chars.back().confidence, row[best]);
    } else {
      chars.push_back({best, t, t, row[best], space});
      space = 0;
    }
    previous = best;
  }
  return chars;
}

std::vector<DecodedWord> split_words(const std::vector<DecodedChar>& chars, const Keys& keys, const WordSplit& split) {
  std::vector<int> gaps;  // between consecutive non-space characters
  for (std::size_t i = 1; i < chars.size(); ++i) {
    if (!keys.is_space(chars[i].cls) && !keys.is_space(chars[i - 1].cls)) {
      gaps.push_back(chars[i].first_frame - chars[i - 1].last_frame);
    }
  }
  float median = 1;
  if (!gaps.empty()) {
    // The lower median: on a short line with one word gap among few, the upper one would be that gap.
    const std::size_t middle = (gaps.size() - 1) / 2;
    std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(middle), gaps.end());
    median = static_cast<float>(std::max(1, gaps[middle]));
  }
  const float word_gap = std::max(static_cast<float>(split.min_gap), split.gap_factor * median);

  std::vector<DecodedWord> words;
  float confidence_sum = 0;
  int count = 0;
  auto close_word = [&] {
    if (count > 0) words.back().confidence = confidence_sum / static_cast<float>(count);
    confidence_sum = 0;
    count = 0;
  };
  bool after_space = true;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const DecodedChar& c = chars[i];
    if (keys.is_space(c.cls)) {
      after_space = true;
      continue;
    }
    bool wide_gap = split.min_gap > 0 && i > 0 && static_cast<float>(c.first_frame - chars[i - 1].last_frame) >= word_gap;
    bool likely_space = c.space_before >= split.space_probability;
    if (after_space || wide_gap || likely_space || words.empty()) {
      close_word();
      words.push_back({"", c.first_frame, c.last_frame, 0});
    }
    after_space = false;
    DecodedWord& word = words.back();
    word.text += keys.text(c.cls);
    word.last_frame = c.last_frame;
    confidence_sum += c.confidence;
    ++count;
  }
  close_word();
  return words;
}

}  // namespace textra::ocr::ppocr
