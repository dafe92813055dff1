#include "cli/command_group.h"

#include <cstdio>
#include <map>
#include <utility>
#include <vector>

namespace textra::cli {
namespace {

using Children = std::vector<std::pair<CLI::App*, Runner>>;

std::map<CLI::App*, Children>& groups() {
  static std::map<CLI::App*, Children> map;
  return map;
}

}  // namespace

Runner add_grouped_command(CLI::App& app, const std::string& parent, const std::string& parent_description,
                           const std::function<CLI::App*(CLI::App& parent)>& make_child, Runner runner) {
  CLI::App* group = nullptr;
  try {
    group = app.get_subcommand(parent);
  } catch (const CLI::OptionNotFound&) {
    group = app.add_subcommand(parent, parent_description);
    group->require_subcommand(1);
  }
  CLI::App* child = make_child(*group);
  groups()[group].emplace_back(child, std::move(runner));
  return [group] {
    for (auto& [child_app, child_runner] : groups()[group]) {
      if (child_app->parsed()) return child_runner();
    }
    std::fprintf(stderr, "textra: missing subcommand\n");
    return kExitUsage;
  };
}

}  // namespace textra::cli
