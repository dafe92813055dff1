// `textra version`: the version and what this build can do (useful in bug reports).
#include <cstdio>

#include "cli/command.h"

namespace textra::cli {
namespace {

const CommandRegistration kVersion(1000, [](CLI::App& app) -> Runner {
  app.add_subcommand("version", "Print the version of textra");
  return [] {
    std::printf("textra %s\n", TEXTRA_VERSION);
    return kExitOk;
  };
});

}  // namespace
}  // namespace textra::cli
