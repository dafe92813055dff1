// Export benchmark (not a test): a store of N invoices (results with line items, a correction each), then
// every format exported in process (load from the store + write) and, given the executable, by
// `textra export` as a user runs it. No other local tool makes FEC or CII from invoice images, so there is
// no comparison column.
//   bench_exports [--documents N] [--textra PATH]
#include <sys/resource.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "exports/exports.h"
#include "exports/from_store.h"
#include "store/store.h"

using namespace textra;

namespace {

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

// CPU time (user + system) of the finished child processes so far: on a shared machine the wall time of a
// run depends on the others' load, its CPU time much less.
double children_cpu_ms() {
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  auto ms = [](const timeval& t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
  return ms(usage.ru_utime) + ms(usage.ru_stime);
}

nlohmann::json invoice(int i) {
  nlohmann::json items = nlohmann::json::array();
  double ht = 0;
  for (int line = 0; line < 5; ++line) {
    double amount = 10.0 * (line + 1) + i % 7;
    ht += amount;
    items.push_back({{"description", "Article " + std::to_string(line)}, {"quantity", 1}, {"unit_price", amount},
                     {"amount", amount}, {"vat_rate", 20}});
  }
  double tva = std::round(ht * 20) / 100;
  // Dates spread over a year: with the totals (period 7) no two invoices share supplier, date and total,
  // so none is a duplicate that exports would refuse.
  char date[11];
  std::snprintf(date, sizeof date, "2024-%02d-%02d", i / 28 % 12 + 1, i % 28 + 1);
  return {{"file", "inv" + std::to_string(i) + ".pdf"}, {"schema", "invoice"},
          {"fields", {{"invoice_number", "F-" + std::to_string(i)}, {"invoice_date", date},
                      {"supplier", {{"name", "Fournisseur " + std::to_string(i % 40)}, {"vat_id", "FR40303265045"}}},
                      {"customer", {{"name", "ACME"}}}, {"currency", "EUR"}, {"total_ht", ht}, {"total_tva", tva},
                      {"total_ttc", ht + tva}, {"line_items", items}}}};
}

}  // namespace

int main(int argc, char** argv) {
  int count = 1000;
  std::string textra;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--documents") count = std::atoi(argv[i + 1]);
    if (flag == "--textra") textra = argv[i + 1];
  }
  std::string dir = (std::filesystem::temp_directory_path() / "textra-bench-exports").string();
  std::filesystem::remove_all(dir);
  auto store = store::Store::open(dir);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.status().message().c_str());
    return 1;
  }
  auto fill_start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    auto added = (*store)->add_document("invoice " + std::to_string(i), "inv" + std::to_string(i) + ".pdf", "application/pdf");
    if (!added || !(*store)->save_result(added->document.id, invoice(i)) ||
        !(*store)->save_corrections(added->document.id, {{"customer.name", "ACME SAS"}})) {
      std::fprintf(stderr, "could not fill the store\n");
      return 1;
    }
  }
  std::printf("store of %d invoices filled in %.0f ms (%s)\n\n", count, ms_since(fill_start), dir.c_str());
  std::printf("| format | documents | in process ms | textra export ms | textra export CPU ms | output bytes |\n"
              "|---|---:|---:|---:|---:|---:|\n");
  double worst = 0;
  for (const char* name : {"csv", "csv-lines", "fec", "cii"}) {
    exports::Format format = *exports::parse_format(name);
    auto start = std::chrono::steady_clock::now();
    auto documents = exports::load_documents(**store, {});
    exports::ExportOptions options;
    options.force = true;  // cii wants reviewed documents: time the writing, not the refusal
    auto output = exports::export_documents(*documents, format, options);
    double in_process = ms_since(start);
    std::size_t bytes = 0;
    for (const auto& file : output->files) bytes += file.bytes.size();
    double cli = -1, cli_cpu = -1;
    if (!textra.empty()) {
      std::string target = dir + "/out-" + name;
      std::string command = textra + " export --store " + dir + " --format " + name + " --force -o " + target + " 2>/dev/null";
      auto cli_start = std::chrono::steady_clock::now();
      double cpu_before = children_cpu_ms();
      int status = std::system(command.c_str());
      cli = ms_since(cli_start);
      cli_cpu = children_cpu_ms() - cpu_before;
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) std::fprintf(stderr, "failed: %s\n", command.c_str());
    }
    worst = std::max(worst, std::max(in_process, cli));
    auto figure = [](double ms) { return ms < 0 ? std::string("-") : std::to_string(static_cast<long>(ms)); };
    std::printf("| %s | %zu | %.0f | %s | %s | %zu |\n", name, documents->size(), in_process, figure(cli).c_str(),
                figure(cli_cpu).c_str(), bytes);
  }
  std::printf("\nsummary: %d documents, slowest export %.0f ms (target: under 2000 ms)\n", count, worst);
  std::filesystem::remove_all(dir);
  return 0;
}
