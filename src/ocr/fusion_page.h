// The fusion rules over one page of PP-OCR lines (fusion_engine.h runs the networks and Tesseract; this
// decides what each line's words become). On a page that reads as French, each line that may hold a letter
// PP-OCR lacks is read a second time by Tesseract (the caller's `reread`, on the line's crop), and:
//   - when the line is one PP-OCR misreads (fusion_line_choice.h: no taller than the page's median line,
//     and Tesseract reads it with more confidence and no fewer letters and digits), it takes Tesseract's
//     words;
//   - otherwise PP-OCR keeps its words and boxes, with Tesseract's accented letters and € restored
//     (fusion_rules.h) and its words cut where Tesseract reads a space next to punctuation
//     (fusion_word_breaks.h).
// English and Malay receipts are never re-read: fusion is PP-OCR there.
#pragma once

#include <functional>
#include <vector>

#include "base/status.h"
#include "doc/document.h"
#include "ocr/fusion_line_choice.h"
#include "ocr/ppocr/pipeline.h"

namespace textra::ocr::fusion {

// Tesseract's words of one line's crop (boxes in crop pixels, confidences 0..1).
using Reread = std::function<Result<std::vector<doc::Word>>(const ppocr::ReadLine& line)>;

// The page's lines in reading order. Errors are reread's.
Result<std::vector<doc::Line>> fuse_page(std::vector<ppocr::ReadLine> lines, const Reread& reread,
                                         const LineChoice& choice = {});

}  // namespace textra::ocr::fusion
