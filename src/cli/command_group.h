// Subcommands that share a parent ("textra model synth", "textra model info", ...) and live in different
// files. Each file calls add_grouped_command(); the first one creates the parent and returns the runner
// that main() keeps for it, which dispatches to whichever child was parsed. Later ones return a runner
// main() never keeps (the parent already exists), so the call order does not matter.
#pragma once

#include <functional>
#include <string>

#include "cli/command.h"

namespace textra::cli {

// Adds `child` under `parent` (created with parent_description if absent); `runner` runs when the child
// is parsed. Returns the parent's dispatching runner.
Runner add_grouped_command(CLI::App& app, const std::string& parent, const std::string& parent_description,
                           const std::function<CLI::App*(CLI::App& parent)>& make_child, Runner runner);

}  // namespace textra::cli
