#include "imaging/image.h"

#include <leptonica/allheaders.h>

namespace textra::imaging {

void PixDeleter::operator()(Pix* pix) const {
  if (pix != nullptr) pixDestroy(&pix);
}

int Image::width() const { return pix_ ? pixGetWidth(pix_.get()) : 0; }
int Image::height() const { return pix_ ? pixGetHeight(pix_.get()) : 0; }
int Image::depth() const { return pix_ ? pixGetDepth(pix_.get()) : 0; }
int Image::dpi() const { return pix_ ? pixGetXRes(pix_.get()) : 0; }
Image Image::clone() const { return pix_ ? adopt(pixCopy(nullptr, pix_.get())) : Image(); }

}  // namespace textra::imaging
