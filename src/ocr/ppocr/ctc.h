// Greedy CTC decoding of the recogniser's output that keeps where each character was read: the frames
// (columns of the input, 8 pixels each at height 48) of its run of frames. The recogniser rarely makes the
// space class the likeliest one between two words, but it gives it a share there that it does not give
// inside words: that share, kept per gap, and (optionally) a wide gap between two characters' frames split
// words as much as a read space does.
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
  float space_before = 0;               // the space class's highest probability on the blank frames before it
};

// probabilities: frames x classes, row after row; the last class is the space (Keys' layout). Repeats
// merge; blanks separate them and are dropped.
std::vector<DecodedChar> ctc_greedy(const float* probabilities, int frames, int classes);

struct WordSplit {
  // The blank frames between two characters start a new word when one of them gives the space class at
  // least this probability (on 38 SROIE training receipts, 0.03 to 0.05 gave word F1 0.83, argmax alone 0.75).
  float space_probability = 0.04f;
  // A gap between two characters (frames from the end of one to the start of the next) wider than this
  // many times the line's median gap, and at least min_gap frames, starts a new word; min_gap 0 turns it off.
  float gap_factor = 2.0f;
  int min_gap = 0;
};

struct DecodedWord {
  std::string text;
  int first_frame = 0, last_frame = 0;  // of its first and last character
  float confidence = 0;                 // mean of its characters'
};

std::vector<DecodedWord> split_words(const std::vector<DecodedChar>& chars, const Keys& keys, const WordSplit& split);

}  // namespace textra::ocr::ppocr
