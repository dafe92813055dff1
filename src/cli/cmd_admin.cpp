// `textra admin requeue|purge --store URL`: the dead letters (documents whose job gave up) are queued again
// with fresh tries, or deleted with their originals. Prints how many.
#include <cstdio>

#include "cli/command.h"
#include "cli/llm_options.h"
#include "cli/store_options.h"

namespace textra::cli {
namespace {

const CommandRegistration kAdmin(63, [](CLI::App& app) -> Runner {
  auto url = std::make_shared<std::string>();
  auto action = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("admin", "Dead letters of the job queue: requeue or purge them");
  sub->add_option("action", *action, "requeue | purge")->required()->check(CLI::IsMember({"requeue", "purge"}));
  add_store_option(*sub, *url);
  return [url, action] {
    auto store = open_store(*url);
    if (!store) return fail(store.status());
    auto count = *action == "requeue" ? (*store)->requeue_dead() : (*store)->purge_dead();
    if (!count) return fail(count.status());
    std::printf("%s: %lld documents\n", action->c_str(), static_cast<long long>(*count));
    return kExitOk;
  };
});

}  // namespace
}  // namespace textra::cli
