// The model file (.crf): versioned, little-endian, checksummed; layout in docs/ner.md.
// Loading validates every size against the bytes present: a truncated, corrupt or newer-version file is
// refused with a message naming the file and the reason.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "ner/model.h"

namespace textra::ner {

constexpr char kModelMagic[8] = {'T', 'X', 'N', 'E', 'R', 'C', 'R', 'F'};
constexpr std::uint32_t kModelFormatVersion = 1;

std::string serialize_model(const NerModel& model);
// `name` is used in error messages (the file path).
Result<NerModel> parse_model(std::string_view bytes, const std::string& name);

Status save_model(const NerModel& model, const std::string& path);
Result<NerModel> load_model(const std::string& path);

}  // namespace textra::ner
