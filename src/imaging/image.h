// An owned Leptonica image. Leptonica's PIX is the image type of the whole pipeline (decoding,
// preprocessing, Tesseract), so pages are never converted between libraries.
#pragma once

#include <memory>

struct Pix;  // Leptonica's PIX (typedef struct Pix PIX)

namespace textra::imaging {

struct PixDeleter {
  void operator()(Pix* pix) const;
};
using PixPtr = std::unique_ptr<Pix, PixDeleter>;

class Image {
 public:
  Image() = default;
  explicit Image(PixPtr pix) : pix_(std::move(pix)) {}
  // Takes ownership of a PIX returned by a Leptonica call (nullptr gives an empty image).
  static Image adopt(Pix* pix) { return Image(PixPtr(pix)); }

  bool empty() const { return pix_ == nullptr; }
  Pix* pix() const { return pix_.get(); }
  int width() const;
  int height() const;
  int depth() const;  // bits per pixel: 1, 8, 32, ...
  int dpi() const;    // 0 when the file did not say
  Image clone() const;  // a deep copy

 private:
  PixPtr pix_;
};

}  // namespace textra::imaging
