// Where the read-only reference data (../shared) is: $TEXTRA_SHARED, else the path CMake resolved.
#pragma once

#include <string>

namespace textra {

// Absolute path of the shared folder, or "" when it is not present.
std::string shared_dir();

}  // namespace textra
