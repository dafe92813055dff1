// Which way up a page is: Leptonica's quick test, confirmed by Tesseract OSD (the `osd` language, loaded
// on first need). Every engine turns pages upright with it. Not thread-safe: one per engine.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "imaging/image.h"

namespace tesseract {
class TessBaseAPI;
}

namespace textra::ocr {

class OrientationDetector {
 public:
  explicit OrientationDetector(std::string tessdata_dir);
  ~OrientationDetector();
  OrientationDetector(const OrientationDetector&) = delete;
  OrientationDetector& operator=(const OrientationDetector&) = delete;

  // The clockwise rotation in degrees (0, 90, 180 or 270) that makes the page upright: Leptonica's quick
  // test must find the page turned and Tesseract OSD confirm it confidently; otherwise 0.
  Result<int> upright_rotation(const imaging::Image& image);

 private:
  Status load_osd();

  std::string tessdata_dir_;
  std::unique_ptr<tesseract::TessBaseAPI> osd_;
};

}  // namespace textra::ocr
