// The three PP-OCR networks and the recogniser's keys, loaded once per process and shared read-only by
// every engine (nn::Model::run is thread-safe).
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "nn/nn.h"
#include "ocr/ppocr/ctc.h"

namespace textra::ocr::ppocr {

inline constexpr const char* kDetectorFile = "ch_PP-OCRv4_det_infer.onnx";
inline constexpr const char* kRecognizerFile = "ch_PP-OCRv4_rec_infer.onnx";
inline constexpr const char* kClassifierFile = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
inline constexpr const char* kKeysFile = "ppocr_keys_v1.txt";

struct Networks {
  std::shared_ptr<const nn::Model> detector, classifier, recognizer;
  Keys keys{std::vector<std::string>{}};
};

// Whether all four files are in the models folder's ppocr/ (base/model_paths.h): installed, not checked.
bool networks_installed();

// The files from `dir`, or, when dir is "", from the models folder's ppocr/ (base/model_paths.h). The first
// call for a folder loads; later calls return the same networks. Errors name the missing or corrupt file and
// the setup command.
Result<std::shared_ptr<const Networks>> load_networks(const std::string& dir);

}  // namespace textra::ocr::ppocr
