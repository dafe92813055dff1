// Preprocessing of page images before OCR, each step switchable, and an `auto` policy that measures the
// image and runs only the steps it needs. Steps run in a fixed order whatever order they are listed in:
//   gray -> invert -> deskew -> upscale | downscale -> contrast -> otsu | sauvola -> denoise
// See docs/preprocessing.md for what each step does, how `auto` decides, and the measurements behind it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "imaging/image.h"

namespace textra::imaging {

enum class Binarization { kNone, kOtsu, kSauvola };

struct PreprocessOptions {
  bool automatic = false;   // `auto`: the fields below are decided per image (the flags here are ignored)
  bool grayscale = false;   // colour to 8-bit luminance
  bool invert = false;      // white-on-dark pages become dark-on-white (only when the background is dark)
  bool deskew = false;      // straighten a slightly rotated page (within +-7 degrees)
  bool upscale = false;     // enlarge pages whose text is too small for Tesseract
  bool downscale = false;   // shrink pages whose text is far larger than Tesseract needs (600 dpi scans)
  bool contrast = false;    // stretch the gray levels: darkest ink to black, paper to white
  Binarization binarization = Binarization::kNone;
  bool denoise = false;     // remove specks (binary) or salt-and-pepper noise (gray)

  // Tuning shared by the steps and the auto policy.
  int min_text_height = 20;  // upscale when characters are shorter than this, or lines closer than 1.5 x this
  int max_upscale = 4;                 // never enlarge by more than this
  std::int64_t max_upscaled_pixels = 16'000'000;  // never enlarge beyond this: big scans are sharp enough,
                                                  // and Tesseract's time grows with the pixel count

  static PreprocessOptions none() { return {}; }
  static PreprocessOptions automatic_policy() {
    PreprocessOptions o;
    o.automatic = true;
    return o;
  }
};

// Parses the --preprocess argument: "auto", "none", or a comma list of steps:
// gray, invert, deskew, upscale, downscale, contrast, otsu, sauvola, denoise. Errors name the unknown step.
Result<PreprocessOptions> parse_preprocess(std::string_view spec);
// The canonical spelling ("auto", "none", or the list in pipeline order); parse_preprocess reads it back.
std::string to_string(const PreprocessOptions& options);

struct PointF {
  double x = 0, y = 0;
};

// What was measured and done, for logs and `textra preprocess`, and to map OCR boxes back to the page.
struct PreprocessReport {
  std::vector<std::string> steps;  // steps that changed the image, in order, e.g. "deskew(-1.3deg)"
  int text_height = 0;             // typical character height measured before upscaling (0: no text found)
  int line_pitch = 0;              // distance between text lines measured before upscaling (0: not found)
  float skew_degrees = 0.0f;       // measured skew (0 when not measured or not confident)
  bool deskewed = false;           // the page was turned by skew_degrees
  float scale = 1.0f;              // scale factor applied (> 1 upscaled, < 1 downscaled)
  int input_width = 0, input_height = 0;  // the page as given to preprocess()
  std::string summary() const;     // "gray deskew(-1.3deg) upscale(x2)" or "nothing to do"

  // A point of the preprocessed image in the pixels of the page as given (undoes scaling and deskew),
  // so OCR boxes refer to the original page. Map the four corners of a box and take their bounds.
  PointF to_input(PointF point) const;
};

// Runs the chosen steps on a copy of the page; the input is left untouched. The result keeps the page's
// resolution (multiplied by the upscale factor). Errors only on allocation failure or an empty image.
Result<Image> preprocess(const Image& page, const PreprocessOptions& options, PreprocessReport* report = nullptr);

}  // namespace textra::imaging
