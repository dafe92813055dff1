#include "imaging/preprocess.h"

#include <leptonica/allheaders.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "base/strings.h"
#include "imaging/analysis.h"
#include "imaging/leptonica_messages.h"

namespace textra::imaging {
namespace {

constexpr float kMinSkewConfidence = 3.0f;  // Leptonica's own threshold for trusting an angle
constexpr float kMinSkewDegrees = 0.3f;     // Tesseract copes with less
// Upscaling aims at characters of 1.5 x min_text_height (30 px by default: Tesseract's sweet spot is
// 20-40 px capitals), or lines 2 x min_text_height apart when the line pitch was measured.
constexpr float kTargetHeightFactor = 1.5f;
constexpr float kSmallPitchFactor = 1.5f;
constexpr float kTargetPitchFactor = 2.0f;
constexpr int kMinTrustedPitch = 10;
constexpr float kFallbackHeightFactor = 0.75f;
// Downscaling needs both measures to say the text is large: characters of at least 1.5 x min_text_height
// and lines at least twice the target pitch apart (so the integer divisor is at least 2).
constexpr float kLargeHeightFactor = 1.5f;

// The on/off steps, in pipeline order (binarisation sits between contrast and denoise).
struct FlagStep {
  const char* name;
  bool PreprocessOptions::*flag;
};
constexpr FlagStep kFlagSteps[] = {
    {"gray", &PreprocessOptions::grayscale},     {"invert", &PreprocessOptions::invert},
    {"deskew", &PreprocessOptions::deskew},      {"upscale", &PreprocessOptions::upscale},
    {"downscale", &PreprocessOptions::downscale}, {"contrast", &PreprocessOptions::contrast},
    {"denoise", &PreprocessOptions::denoise}};

const char* binarization_name(Binarization b) {
  return b == Binarization::kOtsu ? "otsu" : b == Binarization::kSauvola ? "sauvola" : "";
}

bool any_step(const PreprocessOptions& o) {
  if (o.automatic || o.binarization != Binarization::kNone) return true;
  return std::any_of(std::begin(kFlagSteps), std::end(kFlagSteps), [&](const FlagStep& s) { return o.*(s.flag); });
}

Result<Image> checked(Pix* pix, const char* step, const Image& source) {
  Image out = Image::adopt(pix);
  if (out.empty()) return internal_error(std::string("preprocessing step ") + step + " failed (out of memory?)");
  if (pixGetXRes(out.pix()) == 0) pixCopyResolution(out.pix(), source.pix());
  return out;
}

std::string formatted(const char* format, float value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, format, static_cast<double>(value));
  return buffer;
}

// The steps. Each takes and returns a page; gray-only operations convert first.
Result<Image> rotate(const Image& page, float degrees) {
  const float radians = degrees * 3.14159265f / 180.0f;  // rotating by the measured angle undoes it
  const l_int32 type = page.depth() == 1 ? L_ROTATE_SHEAR : L_ROTATE_AREA_MAP;
  return checked(pixRotate(page.pix(), radians, type, L_BRING_IN_WHITE, 0, 0), "deskew", page);
}

Result<Image> scale(const Image& page, float factor) {
  // Binary pages are scaled as gray: sampling 1-bpp pixels would make the strokes blocky. Leptonica
  // smooths (area-averages) when it shrinks.
  const Image gray = page.depth() == 1 ? to_gray(page) : Image();
  const Image& source = page.depth() == 1 ? gray : page;
  const char* step = factor > 1.0f ? "upscale" : "downscale";
  TEXTRA_ASSIGN_OR_RETURN(Image out, checked(pixScale(source.pix(), factor, factor), step, page));
  const l_int32 dpi = pixGetXRes(page.pix());
  pixSetResolution(out.pix(), static_cast<l_int32>(std::lround(dpi * factor)), static_cast<l_int32>(std::lround(dpi * factor)));
  return out;
}

Result<Image> stretch_contrast(const Image& page) {
  // A linear stretch of the gray levels: the darkest ink to black, the paper (the median: documents
  // are mostly paper) to white. Global, so faint print never gets lighter, as it can with local
  // background normalisation.
  Image gray = to_gray(page);
  l_uint32 ink = 0, paper = 255;
  pixGetRankValue(gray.pix(), 2, 0.005f, &ink);
  pixGetRankValue(gray.pix(), 2, 0.5f, &paper);
  if (paper <= ink + 10) return gray;  // a blank or uniform page: nothing to stretch
  return checked(pixGammaTRC(nullptr, gray.pix(), 1.0f, static_cast<l_int32>(ink), static_cast<l_int32>(paper)), "contrast", page);
}

Result<Image> binarize(const Image& page, Binarization method, int text_height) {
  if (page.depth() == 1) return page.clone();
  Image gray = to_gray(page);
  if (method == Binarization::kOtsu) {
    Image binary = to_binary(gray);
    if (binary.empty()) return internal_error("preprocessing step otsu failed");
    return binary;
  }
  // Sauvola's window spans a couple of characters; 2 x text height, odd, at least 15 pixels.
  const l_int32 half_window = std::max(7, text_height > 0 ? text_height : 15);
  Pix* binary = nullptr;
  const l_int32 tiles_x = std::max(1, gray.width() / 2000), tiles_y = std::max(1, gray.height() / 2000);
  pixSauvolaBinarizeTiled(gray.pix(), half_window, 0.34f, tiles_x, tiles_y, nullptr, &binary);
  return checked(binary, "sauvola", page);
}

Result<Image> denoise(const Image& page) {
  if (page.depth() == 1) {
    // Drop specks: connected components smaller than 3x3 pixels.
    return checked(pixSelectBySize(page.pix(), 3, 3, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, nullptr), "denoise", page);
  }
  return checked(pixMedianFilter(page.pix(), 3, 3), "denoise", page);
}

// The decisions of `auto`, from measurements of the page.
struct Plan {
  PreprocessOptions steps;
  float skew_degrees = 0.0f;
  float scale = 1.0f;
  int text_height = 0;
  int line_pitch = 0;
};

float upscale_factor(int text_height, int pitch, const Image& page, const PreprocessOptions& o) {
  float factor = 1.0f;
  if (pitch >= kMinTrustedPitch && pitch >= text_height) {
    // The line pitch survives faded print that breaks characters into small pieces: trust it first.
    if (pitch >= kSmallPitchFactor * o.min_text_height) return 1.0f;
    factor = std::round(kTargetPitchFactor * o.min_text_height / pitch);
  } else if (text_height > 0 && text_height < kFallbackHeightFactor * o.min_text_height) {
    // Without a line pitch the character height decides, with a margin: it reads a little low.
    factor = std::round(kTargetHeightFactor * o.min_text_height / text_height);
  }
  factor = std::min<float>(static_cast<float>(o.max_upscale), factor);
  const double pixels = static_cast<double>(page.width()) * page.height();
  factor = std::min<float>(factor, static_cast<float>(std::sqrt(static_cast<double>(o.max_upscaled_pixels) / pixels)));
  return factor >= 1.25f ? factor : 1.0f;
}

// Text far larger than Tesseract needs (a receipt scanned at 600 dpi: 80+ px lines) costs recognition time
// in proportion to the pixels and, on our measurements, reads worse (docs/preprocessing.md): shrink by an
// integer divisor towards lines 2 x min_text_height apart.
float downscale_factor(int text_height, int pitch, const PreprocessOptions& o) {
  if (pitch < kMinTrustedPitch || pitch < text_height) return 1.0f;
  if (text_height < kLargeHeightFactor * o.min_text_height) return 1.0f;
  const int divisor = static_cast<int>(pitch / (kTargetPitchFactor * o.min_text_height));
  return divisor >= 2 ? 1.0f / static_cast<float>(divisor) : 1.0f;
}

Plan plan_for(const Image& page, const PreprocessOptions& options) {
  Plan plan;
  plan.steps = options;
  // A gray page is measured through a new reference, not a copy; only a dark one is copied, to invert it.
  Image gray = page.depth() == 8 ? Image::adopt(pixClone(page.pix())) : to_gray(page);
  if (gray.empty()) return plan;
  const bool dark = has_dark_background(gray);
  if (dark) gray = Image::adopt(pixInvert(nullptr, gray.pix()));
  if (gray.empty()) return plan;
  Image binary = to_binary(gray);
  if (!binary.empty()) {
    plan.text_height = typical_text_height(binary);
    plan.line_pitch = line_pitch(binary);
    const Skew skew = measure_skew(binary);
    if (skew.confidence >= kMinSkewConfidence && std::fabs(skew.degrees) >= kMinSkewDegrees) plan.skew_degrees = skew.degrees;
  }
  plan.scale = upscale_factor(plan.text_height, plan.line_pitch, page, options);
  if (plan.scale == 1.0f) plan.scale = downscale_factor(plan.text_height, plan.line_pitch, options);
  if (options.automatic) {
    PreprocessOptions& s = plan.steps;
    // No gray conversion: Tesseract thresholds colour pages channel by channel, which keeps blue or red
    // print that luminance would fade (measured: docs/preprocessing.md).
    s.grayscale = false;
    s.invert = dark;
    s.deskew = plan.skew_degrees != 0.0f;
    s.upscale = plan.scale > 1.0f;
    s.downscale = plan.scale < 1.0f;
    // Contrast, binarisation and denoising stay off: Tesseract binarises with Otsu itself (unchanged by a
    // linear stretch), and on our measurements (docs/preprocessing.md) they did not lower the CER.
    s.contrast = false;
    s.binarization = Binarization::kNone;
    s.denoise = false;
  }
  return plan;
}

}  // namespace

Result<PreprocessOptions> parse_preprocess(std::string_view spec) {
  const std::string whole = std::string(trim_ascii_space(spec));
  if (whole == "auto") return PreprocessOptions::automatic_policy();
  if (whole == "none" || whole.empty()) return PreprocessOptions::none();
  PreprocessOptions options;
  std::size_t start = 0;
  while (start <= whole.size()) {
    const std::size_t comma = std::min(whole.find(',', start), whole.size());
    const std::string step = std::string(trim_ascii_space(std::string_view(whole).substr(start, comma - start)));
    start = comma + 1;
    auto flag = std::find_if(std::begin(kFlagSteps), std::end(kFlagSteps), [&](const FlagStep& s) { return step == s.name; });
    if (flag != std::end(kFlagSteps)) {
      options.*(flag->flag) = true;
    } else if (step == "otsu" || step == "sauvola") {
      const Binarization method = step == "otsu" ? Binarization::kOtsu : Binarization::kSauvola;
      if (options.binarization != Binarization::kNone && options.binarization != method) {
        return invalid_argument("--preprocess: choose one of otsu and sauvola");
      }
      options.binarization = method;
    } else {
      return invalid_argument("--preprocess: unknown step \"" + step +
                              "\" (expected auto, none, or a list of gray, invert, deskew, upscale, downscale, contrast, "
                              "otsu, sauvola, denoise)");
    }
  }
  return options;
}

std::string to_string(const PreprocessOptions& o) {
  if (o.automatic) return "auto";
  std::vector<std::string> steps;
  for (const FlagStep& step : kFlagSteps) {
    // Binarisation runs just before denoising, the last flag step.
    if (std::string_view(step.name) == "denoise" && o.binarization != Binarization::kNone) {
      steps.push_back(binarization_name(o.binarization));
    }
    if (o.*(step.flag)) steps.push_back(step.name);
  }
  std::string out;
  for (const std::string& step : steps) out += (out.empty() ? "" : ",") + step;
  return out.empty() ? "none" : out;
}

std::string PreprocessReport::summary() const {
  if (steps.empty()) return "nothing to do";
  std::string out;
  for (const std::string& step : steps) out += (out.empty() ? "" : " ") + step;
  return out;
}

PointF PreprocessReport::to_input(PointF point) const {
  // Scaling came last of the geometric steps: undo it first.
  PointF p{point.x / scale, point.y / scale};
  if (skew_degrees == 0.0f || !deskewed) return p;
  // Deskewing turned the page about its centre by skew_degrees (Leptonica: clockwise positive, in image
  // coordinates with y down); turn the point back.
  const double angle = -skew_degrees * 3.14159265358979 / 180.0;
  const double cx = input_width / 2.0, cy = input_height / 2.0;
  const double dx = p.x - cx, dy = p.y - cy;
  return {cx + dx * std::cos(angle) - dy * std::sin(angle), cy + dx * std::sin(angle) + dy * std::cos(angle)};
}

Result<Image> preprocess(const Image& page, const PreprocessOptions& options, PreprocessReport* report) {
  route_leptonica_messages_to_log();
  if (page.empty()) return invalid_argument("preprocess: empty image");
  PreprocessReport local;
  PreprocessReport& r = report != nullptr ? *report : local;
  r = {};
  r.input_width = page.width();
  r.input_height = page.height();
  if (!any_step(options)) return page.clone();

  const bool needs_measuring = options.automatic || options.deskew || options.upscale || options.downscale;
  Plan plan = needs_measuring ? plan_for(page, options) : Plan{options};
  const PreprocessOptions& s = plan.steps;
  r.text_height = plan.text_height;
  r.line_pitch = plan.line_pitch;
  r.skew_degrees = plan.skew_degrees;

  // A new reference to the page's pixels, not a copy (a 600 dpi scan is 140 MB): every step below makes a new
  // image and none writes into the one it reads.
  Image current = Image::adopt(pixClone(page.pix()));
  if (current.empty()) return internal_error("preprocess: cannot reference the page");
  if (s.grayscale && current.depth() != 8) {
    current = to_gray(current);
    r.steps.push_back("gray");
  }
  if (s.invert && has_dark_background(to_gray(current))) {
    current = Image::adopt(pixInvert(nullptr, current.pix()));
    if (current.empty()) return internal_error("preprocessing step invert failed (out of memory?)");
    r.steps.push_back("invert");
  }
  if (s.deskew && plan.skew_degrees != 0.0f) {
    TEXTRA_ASSIGN_OR_RETURN(current, rotate(current, plan.skew_degrees));
    r.deskewed = true;
    r.steps.push_back(formatted("deskew(%.1fdeg)", plan.skew_degrees));
  }
  if ((s.upscale && plan.scale > 1.0f) || (s.downscale && plan.scale < 1.0f)) {
    TEXTRA_ASSIGN_OR_RETURN(current, scale(current, plan.scale));
    r.scale = plan.scale;
    r.steps.push_back(plan.scale > 1.0f ? formatted("upscale(x%.2g)", plan.scale)
                                        : formatted("downscale(1/%.2g)", 1.0f / plan.scale));
  }
  if (s.contrast) {
    TEXTRA_ASSIGN_OR_RETURN(current, stretch_contrast(current));
    r.steps.push_back("contrast");
  }
  if (s.binarization != Binarization::kNone) {
    TEXTRA_ASSIGN_OR_RETURN(current, binarize(current, s.binarization, static_cast<int>(plan.text_height * plan.scale)));
    r.steps.push_back(binarization_name(s.binarization));
  }
  if (s.denoise) {
    TEXTRA_ASSIGN_OR_RETURN(current, denoise(current));
    r.steps.push_back("denoise");
  }
  return current;
}

}  // namespace textra::imaging
