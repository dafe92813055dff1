#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>

#include "cli/command.h"

namespace textra::cli {

std::vector<RegisteredCommand>& command_registry() {
  static std::vector<RegisteredCommand> registry;
  return registry;
}

CommandRegistration::CommandRegistration(int order, CommandFactory factory) {
  command_registry().push_back({order, std::move(factory)});
}

}  // namespace textra::cli

int main(int argc, char** argv) {
  using namespace textra::cli;
  CLI::App app{"textra: invoices and receipts to validated structured data, on your machine"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "textra " TEXTRA_VERSION);

  auto& registry = command_registry();
  std::stable_sort(registry.begin(), registry.end(),
                   [](const RegisteredCommand& a, const RegisteredCommand& b) { return a.order < b.order; });
  std::vector<std::pair<CLI::App*, Runner>> runners;
  for (auto& command : registry) {
    std::size_t before = app.get_subcommands([](CLI::App*) { return true; }).size();
    Runner runner = command.factory(app);
    auto subcommands = app.get_subcommands([](CLI::App*) { return true; });
    if (subcommands.size() > before) runners.emplace_back(subcommands.back(), std::move(runner));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  }
  for (auto& [sub, runner] : runners) {
    if (!sub->parsed()) continue;  // nested subcommands (e.g. "model info") are dispatched by their parent's runner
    // Errors are Status values; an exception reaching here is a bug of ours. Say so instead of aborting.
    try {
      return runner();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "textra %s: internal error: %s\n", sub->get_name().c_str(), e.what());
      return kExitFailure;
    }
  }
  return kExitUsage;
}
