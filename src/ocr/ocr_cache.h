// A folder of recognised pages kept between runs: IMAGE-STEM.json per image, the JSON that `textra ocr -f json
// -o DIR` writes. Cross-validation and benchmarks go over the same images many times; with the cache each
// image is recognised once.
#pragma once

#include <optional>
#include <string>

#include "base/status.h"
#include "doc/document.h"

namespace textra::ocr {

class OcrCache {
 public:
  // An empty folder name is no cache: find() finds nothing and store() keeps nothing.
  explicit OcrCache(std::string folder) : folder_(std::move(folder)) {}

  // The cached document of `image`; nullopt when none is kept. A kept file that cannot be read is an error
  // naming it (the caller may recognise the image again and store over it).
  std::optional<Result<doc::Document>> find(const std::string& image) const;
  // Keeps `document` as the recognised `image`, creating the folder when needed.
  Status store(const std::string& image, const doc::Document& document) const;

 private:
  std::string path_for(const std::string& image) const;

  std::string folder_;
};

}  // namespace textra::ocr
