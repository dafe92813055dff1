#include "ocr/orientation.h"

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>

#include "ocr/tesseract_setup.h"

namespace textra::ocr {
namespace {

// OSD answers below this confidence are treated as "no rotation": a wrong turn ruins a page. Measured
// with `tesseract --psm 0` on 40 upright SROIE receipts: 8 wrong 180-degree answers, confidences up to
// 4.7; invoices turned by 90 or 180 degrees got the right answer at about 12.
constexpr float kMinOrientationConfidence = 6.0f;
// Orientation tests are tuned for 150-300 ppi text: pages wider than this are halved first (SROIE holds
// 600 ppi A4 scans, on which OSD alone takes longer than recognising a small receipt).
constexpr int kMaxOrientationWidth = 2500;

// The page thresholded at 128, as pixConvertTo1(pixConvertTo8(page)) gives it, without the two copies of a
// gray page those make on the way (4 % of a fusion page's CPU; the same binary image on all 155 images of
// ../shared/data and samples/, checked with pixEqual).
PIX* binary_copy(Pix* page) {
  if (pixGetDepth(page) == 8 && pixGetColormap(page) == nullptr) return pixThresholdToBinary(page, 128);
  PIX* gray = pixConvertTo8(page, 0);
  if (gray == nullptr) return nullptr;
  PIX* binary = pixThresholdToBinary(gray, 128);
  pixDestroy(&gray);
  return binary;
}

// Leptonica's orientation test (ascender and descender counts on a binary copy) takes milliseconds;
// OSD costs about as much as recognising a receipt and, on receipts, sometimes claims 180 degrees for an
// upright page. So OSD only confirms a turn that Leptonica is confident about: pages Leptonica finds
// upright, or cannot judge (most receipts), are left as they are. Measured on 10 SROIE receipts + 4
// invoices: OSD on every page Leptonica could not call upright halved the pages per second.
bool leptonica_finds_turned(Pix* page) {
  PIX* binary = binary_copy(page);
  while (binary != nullptr && pixGetWidth(binary) > kMaxOrientationWidth) {
    PIX* half = pixReduceRankBinary2(binary, 1, nullptr);
    pixDestroy(&binary);
    binary = half;
  }
  if (binary == nullptr) return false;
  l_float32 up_confidence = 0, left_confidence = 0;
  l_int32 orientation = L_TEXT_ORIENT_UNKNOWN;
  bool measured = pixOrientDetect(binary, &up_confidence, &left_confidence, 0, 0) == 0 &&
                  makeOrientDecision(up_confidence, left_confidence, 0, 0, &orientation, 0) == 0;
  pixDestroy(&binary);
  return measured && orientation != L_TEXT_ORIENT_UP && orientation != L_TEXT_ORIENT_UNKNOWN;
}

}  // namespace

OrientationDetector::OrientationDetector(std::string tessdata_dir) : tessdata_dir_(std::move(tessdata_dir)) {}
OrientationDetector::~OrientationDetector() = default;

Status OrientationDetector::load_osd() {
  configure_tesseract_once();
  auto osd = std::make_unique<tesseract::TessBaseAPI>();
  const char* datapath = tessdata_dir_.empty() ? nullptr : tessdata_dir_.c_str();
  if (osd->Init(datapath, "osd", tesseract::OEM_TESSERACT_ONLY) != 0) {
    return not_found("cannot load orientation detection data 'osd' from " + tessdata_description(tessdata_dir_) +
                     " (install tesseract-ocr-osd)");
  }
  osd->SetPageSegMode(tesseract::PSM_OSD_ONLY);
  osd_ = std::move(osd);
  return Status::ok();
}

Result<int> OrientationDetector::upright_rotation(const imaging::Image& image) {
  if (image.empty()) return invalid_argument("orientation detection: empty image");
  if (!leptonica_finds_turned(image.pix())) return 0;
  serial_openmp_in_this_thread();
  if (osd_ == nullptr) TEXTRA_RETURN_IF_ERROR(load_osd());
  imaging::Image reduced;
  for (Pix* page = image.pix(); pixGetWidth(page) > kMaxOrientationWidth; page = reduced.pix()) {
    reduced = imaging::Image::adopt(pixScale(page, 0.5f, 0.5f));
    if (reduced.empty()) return internal_error("orientation detection: cannot scale the page");
  }
  osd_->SetImage(reduced.empty() ? image.pix() : reduced.pix());
  int degrees = 0;
  float confidence = 0.0f;
  const char* script = nullptr;
  float script_confidence = 0.0f;
  bool found = osd_->DetectOrientationScript(&degrees, &confidence, &script, &script_confidence);
  osd_->Clear();
  if (!found || confidence < kMinOrientationConfidence) return 0;
  // OSD reports how far the page is turned clockwise; undoing it is the rest of a full turn.
  return (360 - degrees) % 360;
}

}  // namespace textra::ocr
