// Scan and photo effects on a drawn invoice: rotation by a few degrees, blur, noise, lower resolution
// and JPEG compression. Geometric effects move the word boxes with the pixels (a rotated word's box is
// the upright box around its rotated corners, as an OCR engine reports it), so the words stay exact.
// Also OCR-like errors in the words' text, for training on the generator's words without running OCR.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "imaging/image.h"
#include "synth/canvas.h"
#include "synth/rng.h"

namespace textra::synth {

// The effects a run may use; each one is applied to an invoice with probability kEffectChance.
struct EffectSet {
  bool blur = true, noise = true, rotate = true, jpeg = true, lowres = true;
};
constexpr double kEffectChance = 0.3;

// "all", "none", or a comma-separated list of blur, noise, rotate, jpeg, lowres.
Result<EffectSet> parse_effects(const std::string& list);

struct ScanEffects {
  double angle_degrees = 0;  // clockwise
  double scale = 1;          // < 1: lower resolution
  bool blur = false;
  double noise_sigma = 0;    // grey levels
  int jpeg_quality = 0;      // 0: no JPEG compression (a .jpg output then uses 90)
};

ScanEffects draw_effects(Rng& rng, const EffectSet& allowed);

// Moves the boxes of `lines` as apply_image_effects moves the pixels of a width x height page; updates
// width and height to the output's.
void apply_box_effects(const ScanEffects& effects, std::vector<DrawnLine>& lines, int& width, int& height);
// Rotation, blur, scaling and noise (JPEG is applied when the file is written).
imaging::Image apply_image_effects(const ScanEffects& effects, const imaging::Image& image, Rng& rng);

// Replaces characters of about `rate` of the words with what OCR engines confuse them with
// (0/O, 1/l/I, 5/S, é/e, ,/.), or drops one.
void add_ocr_errors(std::vector<DrawnLine>& lines, double rate, Rng& rng);

}  // namespace textra::synth
