// `textra export --store DIR --format csv|csv-lines|fec|cii [-o PATH] [--ids 1,2] [--status S] [--supplier X]
// [--from DATE] [--to DATE] [--duplicates only|exclude] [--force] [--accounts FILE] [--fec-separator pipe|tab]
// [--validation-date DATE]`: stored documents as accountants take them away (docs/exports.md). Documents with
// unresolved errors are refused (listed on stderr, exit 1) unless --force.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "base/files.h"
#include "cli/command.h"
#include "exports/exports.h"
#include "exports/from_store.h"
#include "store/store.h"

namespace textra::cli {
namespace {

struct ExportArgs {
  std::string store = "textra-data";
  std::string format;
  std::string output;
  std::vector<std::int64_t> ids;
  std::string status, supplier, date_from, date_to, duplicates;
  bool force = false;
  std::string accounts;
  std::string fec_separator = "pipe";
  std::string validation_date;
};

// "sqlite:DIR" or a plain folder; the PostgreSQL store is not available to exports yet.
Result<std::string> store_folder(const std::string& spec) {
  if (spec.rfind("sqlite:", 0) == 0) return spec.substr(7);
  if (spec.find("://") != std::string::npos) return unsupported("--store " + spec + ": only sqlite:DIR stores are supported");
  return spec;
}

Result<exports::ExportOptions> export_options(const ExportArgs& args) {
  exports::ExportOptions options;
  options.force = args.force;
  options.validation_date = args.validation_date;
  options.fec_separator = args.fec_separator == "tab" ? '\t' : '|';
  if (!args.accounts.empty()) {
    TEXTRA_ASSIGN_OR_RETURN(std::string text, read_file(args.accounts, 1 << 20));
    fields::Json json = fields::Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) return invalid_argument(args.accounts + ": not valid JSON");
    auto map = exports::account_map_from_json(json);
    if (!map) return map.status().with_context(args.accounts);
    options.accounts = std::move(*map);
  }
  return options;
}

Status write_output(const std::vector<exports::ExportFile>& files, const std::string& output) {
  if (files.size() == 1 && output.empty()) {
    std::cout << files[0].bytes;
    return std::cout.flush() ? Status::ok() : io_error("standard output: write failed");
  }
  if (files.size() == 1 && !std::filesystem::is_directory(output)) return write_file(output, files[0].bytes);
  if (output.empty()) return invalid_argument("this export gives one file per invoice: name a folder with -o DIR");
  std::error_code error;
  std::filesystem::create_directories(output, error);
  if (error) return io_error(output + ": " + error.message());
  for (const exports::ExportFile& file : files) {
    TEXTRA_RETURN_IF_ERROR(write_file((std::filesystem::path(output) / file.name).string(), file.bytes));
  }
  return Status::ok();
}

int run_export(const ExportArgs& args) {
  auto format = exports::parse_format(args.format);
  auto options = export_options(args);
  auto folder = store_folder(args.store);
  for (const Status& s : {format.status(), options.status(), folder.status()}) {
    if (!s.is_ok()) {
      std::fprintf(stderr, "textra export: %s\n", s.message().c_str());
      return kExitUsage;
    }
  }
  if (!std::filesystem::is_directory(*folder)) {
    std::fprintf(stderr, "textra export: --store %s: no such store folder\n", folder->c_str());
    return kExitFailure;
  }
  auto store = store::Store::open(*folder);
  if (!store) {
    std::fprintf(stderr, "textra export: %s\n", store.status().message().c_str());
    return kExitFailure;
  }
  exports::Selection selection;
  selection.ids = args.ids;
  auto set = [](std::optional<std::string>& field, const std::string& value) {
    if (!value.empty()) field = value;
  };
  set(selection.filter.status, args.status);
  set(selection.filter.supplier, args.supplier);
  set(selection.filter.date_from, args.date_from);
  set(selection.filter.date_to, args.date_to);
  set(selection.filter.duplicates, args.duplicates);
  auto documents = exports::load_documents(**store, selection);
  if (!documents) {
    std::fprintf(stderr, "textra export: %s\n", documents.status().message().c_str());
    return kExitFailure;
  }
  auto output = exports::export_documents(*documents, *format, *options);
  if (!output) {
    std::fprintf(stderr, "textra export: %s\n", output.status().message().c_str());
    return kExitUsage;
  }
  for (const exports::Refusal& refusal : output->refused) {
    std::fprintf(stderr, "textra export: document %lld (%s) not exported: %s\n", static_cast<long long>(refusal.id),
                 refusal.file_name.c_str(), refusal.reason.c_str());
  }
  if (output->exported > 0) {
    if (Status written = write_output(output->files, args.output); !written) {
      std::fprintf(stderr, "textra export: %s\n", written.message().c_str());
      return kExitFailure;
    }
  }
  std::fprintf(stderr, "textra export: %zu of %zu documents exported as %s%s\n", output->exported, documents->size(),
               exports::format_name(*format), output->refused.empty() ? "" : " (--force exports the others)");
  return output->refused.empty() && output->exported > 0 ? kExitOk : kExitFailure;
}

const CommandRegistration kExport(72, [](CLI::App& app) -> Runner {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* sub = app.add_subcommand("export", "Export stored documents: CSV, FEC journal lines, EN 16931 CII XML");
  sub->add_option("--store", args->store, "Document store: a folder or sqlite:DIR (as `serve --data-dir`)")
      ->capture_default_str();
  sub->add_option("-f,--format", args->format, "csv, csv-lines (one row per line item), fec, cii")
      ->required()
      ->check(CLI::IsMember({"csv", "csv-lines", "fec", "cii"}));
  sub->add_option("-o,--output", args->output, "Output file (a folder for several CII invoices); default stdout");
  sub->add_option("--ids", args->ids, "Only these document ids")->delimiter(',');
  sub->add_option("--status", args->status, "Only documents with this status (e.g. reviewed)");
  sub->add_option("--supplier", args->supplier, "Only suppliers whose name contains this");
  sub->add_option("--from", args->date_from, "Only invoices dated on or after (YYYY-MM-DD)");
  sub->add_option("--to", args->date_to, "Only invoices dated on or before (YYYY-MM-DD)");
  sub->add_option("--duplicates", args->duplicates,
                  "exclude: leave out documents that duplicate an earlier one (only: just those)")
      ->check(CLI::IsMember({"only", "exclude"}));
  sub->add_flag("--force", args->force, "Export documents with unresolved errors too");
  sub->add_option("--accounts", args->accounts, "FEC account map (JSON, docs/exports.md)");
  sub->add_option("--fec-separator", args->fec_separator, "FEC field separator")
      ->check(CLI::IsMember({"pipe", "tab"}))
      ->capture_default_str();
  sub->add_option("--validation-date", args->validation_date, "FEC ValidDate (YYYY-MM-DD); default the invoice date");
  return [args] { return run_export(*args); };
});

}  // namespace
}  // namespace textra::cli
