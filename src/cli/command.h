// Subcommands register themselves here, one file each (cmd_<name>.cpp), so adding a command touches
// no shared file. A command adds its CLI11 subcommand and returns the function that runs it.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

namespace textra::cli {

// Runs the parsed subcommand; returns the process exit code.
using Runner = std::function<int()>;
// Adds the subcommand (and its options, bound to state the factory owns) to app.
using CommandFactory = std::function<Runner(CLI::App& app)>;

struct CommandRegistration {
  CommandRegistration(int order, CommandFactory factory);  // lower order = listed first in --help
};

struct RegisteredCommand {
  int order;
  CommandFactory factory;
};
std::vector<RegisteredCommand>& command_registry();

// Exit codes shared by all commands.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // at least one input failed; the others completed
constexpr int kExitUsage = 2;    // bad arguments

}  // namespace textra::cli
