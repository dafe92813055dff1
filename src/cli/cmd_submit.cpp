// `textra submit --store URL FILE...`: stores files with their extraction jobs (for `textra worker`s) and
// prints one document id per line, in the order of the files.
#include <cstdio>

#include "base/files.h"
#include "cli/command.h"
#include "cli/llm_options.h"
#include "cli/store_options.h"
#include <filesystem>
#include "pipeline/extract_params.h"

namespace textra::cli {
namespace {

struct SubmitArgs {
  std::string store_url;
  pipeline::ExtractParams params;
  std::vector<std::string> files;
};

int run_submit(const SubmitArgs& args) {
  if (Status checked = pipeline::check_engine_params(args.params, {}); !checked) return fail(checked, kExitUsage);
  auto store = open_store(args.store_url);
  if (!store) return fail(store.status());
  store::JobRequest job{pipeline::extract_params_json(args.params)};
  int status = kExitOk;
  for (const auto& path : args.files) {
    auto bytes = read_file(path);
    // An empty file is refused here, as the server refuses an empty upload; other bytes are the worker's to judge.
    if (bytes && bytes->empty()) bytes = invalid_argument("the file is empty");
    auto added = bytes ? (*store)->add_document(*bytes, std::filesystem::path(path).filename().string(), "", &job)
                       : Result<store::AddedDocument>(bytes.status());
    if (!added) {
      std::fprintf(stderr, "textra submit: %s: %s\n", path.c_str(), added.status().message().c_str());
      status = kExitFailure;
      continue;
    }
    std::printf("%lld\n", static_cast<long long>(added->document.id));
  }
  return status;
}

const CommandRegistration kSubmit(62, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<SubmitArgs>();
  CLI::App* sub = app.add_subcommand("submit", "Store files with extraction jobs for `textra worker`; print their ids");
  add_store_option(*sub, args->store_url);
  sub->add_option("--engine", args->params.engine, "Extraction engine: ner (default) or llm")
      ->check(CLI::IsMember({"ner", "llm"}));
  sub->add_option("--model", args->params.model, "llm: a model of the workers' --models");
  sub->add_option("--fields", args->params.fields, "Quick schema: name:type,... (see docs/fields.md)");
  sub->add_option("--schema", args->params.schema, "invoice (default) or receipt");
  sub->add_option("--lang", args->params.lang, "OCR languages (default: the worker's)");
  sub->add_option("files", args->files, "Documents")->required()->check(CLI::ExistingFile);
  return [args] { return run_submit(*args); };
});

}  // namespace
}  // namespace textra::cli
