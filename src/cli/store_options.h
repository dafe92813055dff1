// The `--store URL` option shared by `textra worker`, `textra submit` and `textra admin` (CONTRACTS.md:
// sqlite:DIR or postgresql://USER@HOST:PORT/DB), and how they open it.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "cli/command.h"
#include "store/store.h"

namespace textra::cli {

void add_store_option(CLI::App& cmd, std::string& url);
// Opens the store; originals of a PostgreSQL store are copied to $XDG_CACHE_HOME/textra/originals when read.
Result<std::unique_ptr<store::Store>> open_store(const std::string& url);

}  // namespace textra::cli
