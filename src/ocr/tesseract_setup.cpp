#include "ocr/tesseract_setup.h"

#include <omp.h>
#include <tesseract/baseapi.h>

#include <mutex>

#include "imaging/leptonica_messages.h"

namespace textra::ocr {

void configure_tesseract_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    imaging::route_leptonica_messages_to_log();
    tesseract::TessBaseAPI settings;
    settings.SetVariable("debug_file", "/dev/null");
  });
}

void serial_openmp_in_this_thread() {
  thread_local bool done = false;
  if (done) return;
  omp_set_max_active_levels(0);
  done = true;
}

std::string tessdata_description(const std::string& tessdata_dir) {
  return tessdata_dir.empty() ? "Tesseract's default tessdata folder" : tessdata_dir;
}

}  // namespace textra::ocr
