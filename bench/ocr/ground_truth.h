// SROIE ground truth: the transcripts of box/<id>.csv ("x1,y1,...,y4,transcript", the transcript being
// everything after the 8th comma), one line each, in file order (roughly reading order).
#pragma once

#include <string>

#include "base/status.h"

namespace textra::bench {

Result<std::string> read_sroie_box_text(const std::string& csv_path);

}  // namespace textra::bench
