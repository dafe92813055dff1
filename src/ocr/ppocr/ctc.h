// Greedy CTC decoding of the recogniser's output that keeps where each character was read: the frames
// (columns of the input, 8 pixels each at height 48) of its run of frames. Words come from those positions:
// the recogniser often leaves spaces out, so a wide gap between two characters' frames splits a word as
// much as the space class does.
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "base/status.h"

namespace textra::ocr::ppocr {

// The recogniser's classes: 0 is the CTC blank, 1..N the lines of ppocr_keys_v1.txt, N+1 a space.
class Keys {
 public:
  static Result<Keys> load(const std::string& path);
  explicit Keys(std::vector<std::string> keys);
  int class_count() const { return static_cast<int>(keys_.size()) + 2; }
  bool is_space(int cls) const { return cls == static_cast<int>(keys_.size()) + 1; }
  // The text of a class (" " for the space class, "" for the blank).
  const std::string& text(int cls) const;
  // Whether every character of a UTF-8 text is one the recogniser can output.
  bool covers(const std::string& text) const;

 private:
  std::vector<std::string> keys_;
  std::unordered_set<char32_t> code_points_;  // of all keys, for covers()
};

struct DecodedChar {
  int cls = 0;
  int first_frame = 0, last_frame = 0;  // the run of frames whose best class was this one
  float confidence = 0;                 // the highest probability in the run
};

// probabilities: frames x classes, row after row. Repeats merge; blanks separate them and are dropped.
std::vector<DecodedChar> ctc_greedy(const float* probabilities, int frames, int classes);

struct WordSplit {
  // A gap between two characters (frames from the end of one to the start of the next) wider than this
  // many times the line's median gap, and at least min_gap frames, starts a new word.
  float gap_factor = 2.0f;
  int min_gap = 3;
};

struct DecodedWord {
  std::string text;
  int first_frame = 0, last_frame = 0;  // of its first and last character
  float confidence = 0;                 // mean of its characters'
};

std::vector<DecodedWord> split_words(const std::vector<DecodedChar>& chars, const Keys& keys, const WordSplit& split);

}  // namespace textra::ocr::ppocr
