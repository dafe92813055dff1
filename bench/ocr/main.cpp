// bench_ocr: OCR speed and accuracy of `textra ocr` against the `tesseract` command-line tool, in one run.
//   accuracy: SROIE receipts (img/ with box/ transcripts): mean CER and word F1 per page (CONTRACTS.md), and
//   the field-value ceiling (ceiling.h) on the SROIE keys and on the invoices' raw values;
//   speed: pages per second on the SROIE images and on the French invoices, and CPU seconds (user + sys) per
//   page: on a shared machine the wall clock follows the load, the CPU time much less.
// Each OCR engine (--engine, default tesseract, ppocr, fusion) with each preprocessing choice (--preprocess,
// default auto) is one row; the tesseract CLI (one page at a time, with its default OpenMP threads and with
// OMP_THREAD_LIMIT=1) are the baseline rows. Every row also counts failed files, so a run over all images
// is the robustness check of `textra ocr`.
//
//   bench_ocr [--limit N] [--invoices-limit N] [-j 2] [--engine NAME]... [--preprocess SPEC]... [--lang fra+eng]
//             [--no-cli] [--no-invoices] [--invoices-with-truth] [--show-misses]
// The first row is the one the summary line compares.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "base/shared_paths.h"
#include "ceiling.h"
#include "ground_truth.h"
#include "ocr/batch.h"
#include "ocr/scoring.h"
#include "tesseract_cli.h"

namespace fs = std::filesystem;
using namespace textra;

namespace {

struct Args {
  std::size_t limit = 0;           // SROIE images (0 = all), spread evenly over the set
  std::size_t invoices_limit = 0;  // invoice images (0 = all), spread evenly over the set
  std::size_t jobs = 2;
  std::vector<std::string> engines;
  std::vector<std::string> preprocess;
  std::string languages = "fra+eng";
  bool cli = true;
  bool invoices = true;
  bool invoices_with_truth = false;  // only the invoices that have a gt/<id>.json (the ones the ceiling counts)
  bool show_misses = false;  // print the ground-truth values each row's OCR did not print
};

struct Page {
  std::string image;
  std::string truth;   // empty for the invoices (no text ground truth)
  std::string fields;  // SROIE key/<id>.json or invoices gt/<id>.json; "" when the invoice has none
};

struct Row {
  std::string name;
  double sroie_pages_per_s = 0, cer = 0, f1 = 0, invoice_pages_per_s = 0;
  double sroie_cpu_per_page = 0, invoice_cpu_per_page = 0;
  bench::Ceiling sroie_ceiling, invoice_ceiling;
  std::size_t failed = 0, total = 0;
};

// Recognised document (or nullopt on failure) of every page of a set, in order, and the wall time taken.
using Recognizer = std::function<std::vector<std::optional<doc::Document>>(const std::vector<Page>&, double&)>;

std::vector<std::string> sorted_images(const std::string& dir, std::size_t limit) {
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  if (limit == 0 || files.size() <= limit) return files;
  // Spread over the whole set rather than the first N: the sets are sorted by id, and ids follow where
  // the images came from (the SROIE 600 dpi scans are all in the upper ids).
  std::vector<std::string> spread;
  for (std::size_t i = 0; i < limit; ++i) spread.push_back(files[i * files.size() / limit]);
  return spread;
}

// User + sys seconds of this process and of its waited-for children: the textra rows run in this process,
// the CLI rows in child processes, so one counter serves both.
double cpu_seconds() {
  double total = 0;
  for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
    rusage usage{};
    getrusage(who, &usage);
    for (const timeval& t : {usage.ru_utime, usage.ru_stime}) {
      total += static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) * 1e-6;
    }
  }
  return total;
}

Row measure(const std::string& name, const Recognizer& recognize, const std::vector<Page>& sroie,
            const std::vector<Page>& invoices) {
  Row row;
  row.name = name;
  double seconds = 0;
  double cpu_start = cpu_seconds();
  auto documents = recognize(sroie, seconds);
  row.sroie_cpu_per_page = (cpu_seconds() - cpu_start) / static_cast<double>(sroie.size());
  row.sroie_pages_per_s = static_cast<double>(sroie.size()) / seconds;
  // A failed page scores as empty output: CER 1, F1 0, no field printed.
  // Each missed value is named with its file, for --show-misses.
  auto ceiling = [](const Result<bench::Ceiling>& c, const std::string& image) {
    bench::Ceiling out = c.is_ok() ? *c : bench::Ceiling{};
    for (std::string& m : out.missed) m = fs::path(image).stem().string() + " " + m;
    return out;
  };
  for (std::size_t i = 0; i < sroie.size(); ++i) {
    const doc::Document document = documents[i].value_or(doc::Document{});
    std::string text = document.text();
    row.cer += ocr::character_error_rate(text, sroie[i].truth);
    row.f1 += ocr::word_scores(text, sroie[i].truth).f1;
    row.sroie_ceiling.add(ceiling(bench::sroie_ceiling(document, sroie[i].fields), sroie[i].image));
    if (!documents[i]) ++row.failed;
  }
  row.cer /= static_cast<double>(sroie.size());
  row.f1 /= static_cast<double>(sroie.size());
  if (!invoices.empty()) {
    cpu_start = cpu_seconds();
    auto invoice_documents = recognize(invoices, seconds);
    row.invoice_cpu_per_page = (cpu_seconds() - cpu_start) / static_cast<double>(invoices.size());
    row.invoice_pages_per_s = static_cast<double>(invoices.size()) / seconds;
    for (std::size_t i = 0; i < invoices.size(); ++i) {
      row.failed += invoice_documents[i] ? 0 : 1;
      if (invoices[i].fields.empty()) continue;
      row.invoice_ceiling.add(ceiling(bench::invoice_ceiling(invoice_documents[i].value_or(doc::Document{}), invoices[i].fields),
                                  invoices[i].image));
    }
  }
  row.total = sroie.size() + invoices.size();
  std::fprintf(stderr, "  %-34s done\n", name.c_str());
  return row;
}

Recognizer textra_recognizer(const ocr::OcrOptions& options, std::size_t jobs) {
  return [options, jobs](const std::vector<Page>& pages, double& seconds) {
    std::vector<std::string> files;
    for (const Page& p : pages) files.push_back(p.image);
    std::vector<std::optional<doc::Document>> texts(pages.size());
    std::mutex mutex;
    auto start = std::chrono::steady_clock::now();
    ocr::ocr_files(files, options, jobs, [&](std::size_t i, Result<doc::Document> result) {
      std::lock_guard<std::mutex> lock(mutex);
      if (result.is_ok()) {
        texts[i] = std::move(result).value();
      } else {
        std::fprintf(stderr, "  failed: %s\n", result.status().message().c_str());
      }
    });
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return texts;
  };
}

Recognizer cli_recognizer(const bench::CliRun& run) {
  return [run](const std::vector<Page>& pages, double& seconds) {
    std::vector<std::optional<doc::Document>> texts;
    auto start = std::chrono::steady_clock::now();
    for (const Page& p : pages) {
      auto text = bench::run_tesseract_cli(p.image, run);
      texts.push_back(text.is_ok() ? std::optional<doc::Document>(bench::document_from_text(*text)) : std::nullopt);
    }
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return texts;
  };
}

bool parse_args(int argc, char** argv, Args& args) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--limit") args.limit = std::stoul(value());
    else if (a == "--invoices-limit") args.invoices_limit = std::stoul(value());
    else if (a == "-j") args.jobs = std::stoul(value());
    else if (a == "--engine") args.engines.push_back(value());
    else if (a == "--preprocess") args.preprocess.push_back(value());
    else if (a == "--lang") args.languages = value();
    else if (a == "--no-cli") args.cli = false;
    else if (a == "--no-invoices") args.invoices = false;
    else if (a == "--invoices-with-truth") args.invoices_with_truth = true;
    else if (a == "--show-misses") args.show_misses = true;
    else {
      std::fprintf(stderr,
                   "usage: bench_ocr [--limit N] [--invoices-limit N] [-j N] [--engine tesseract|ppocr|fusion]... "
                   "[--preprocess SPEC]... [--lang L] [--no-cli] [--no-invoices] [--invoices-with-truth] [--show-misses]\n");
      return false;
    }
  }
  if (args.engines.empty()) args.engines = {"tesseract", "ppocr", "fusion"};
  if (args.preprocess.empty()) args.preprocess = {"auto"};
  return args.jobs > 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!parse_args(argc, argv, args)) return 2;
  std::string shared = shared_dir();
  if (shared.empty()) {
    std::fprintf(stderr, "bench_ocr: shared data folder not found (set TEXTRA_SHARED)\n");
    return 1;
  }
  std::vector<Page> sroie, invoices;
  for (const std::string& image : sorted_images(shared + "/data/sroie/img", args.limit)) {
    auto truth = bench::read_sroie_box_text(shared + "/data/sroie/box/" + fs::path(image).stem().string() + ".csv");
    if (!truth.is_ok()) {
      std::fprintf(stderr, "bench_ocr: %s\n", truth.status().message().c_str());
      return 1;
    }
    sroie.push_back({image, *truth, shared + "/data/sroie/key/" + fs::path(image).stem().string() + ".json"});
  }
  if (args.invoices) {
    for (const std::string& image : sorted_images(shared + "/data/invoices-fr/img", args.invoices_limit)) {
      std::string gt = shared + "/data/invoices-fr/gt/" + fs::path(image).stem().string() + ".json";
      if (!fs::exists(gt) && args.invoices_with_truth) continue;
      invoices.push_back({image, "", fs::exists(gt) ? gt : ""});
    }
  }
  std::fprintf(stderr, "bench_ocr: %zu SROIE pages, %zu invoice pages, -j %zu, languages %s\n", sroie.size(),
               invoices.size(), args.jobs, args.languages.c_str());

  std::vector<Row> rows;
  for (const std::string& engine : args.engines) {
    auto kind = ocr::parse_engine_kind(engine);
    if (!kind.is_ok()) {
      std::fprintf(stderr, "bench_ocr: --engine %s: %s\n", engine.c_str(), kind.status().message().c_str());
      return 2;
    }
    for (const std::string& spec : args.preprocess) {
      auto preparation = ocr::parse_preparation(spec);
      if (!preparation.is_ok()) {
        std::fprintf(stderr, "bench_ocr: --preprocess %s: %s\n", spec.c_str(), preparation.status().message().c_str());
        return 2;
      }
      ocr::OcrOptions options;
      options.engine.kind = *kind;
      options.engine.languages = args.languages;
      options.preparation = *preparation;
      rows.push_back(measure("textra -j " + std::to_string(args.jobs) + " " + engine + " --preprocess " + spec,
                             textra_recognizer(options, args.jobs), sroie, invoices));
    }
  }
  const std::size_t textra_rows = rows.size();
  if (args.cli) {
    rows.push_back(measure("tesseract CLI (default threads)", cli_recognizer({args.languages, false}), sroie, invoices));
    rows.push_back(measure("tesseract CLI (OMP_THREAD_LIMIT=1)", cli_recognizer({args.languages, true}), sroie, invoices));
  }

  std::printf("| %-42s | %13s | %16s | %7s | %7s | %13s | %16s | %19s | %15s | %7s |\n", "configuration", "SROIE pages/s",
              "SROIE CPU s/page", "CER", "word F1", "SROIE ceiling", "invoices pages/s", "invoices CPU s/page",
              "invoice ceiling", "failed");
  std::printf("|%s|%s:|%s:|%s:|%s:|%s:|%s:|%s:|%s:|%s:|\n", std::string(44, '-').c_str(),
              std::string(14, '-').c_str(), std::string(17, '-').c_str(), std::string(8, '-').c_str(),
              std::string(8, '-').c_str(), std::string(14, '-').c_str(), std::string(17, '-').c_str(),
              std::string(20, '-').c_str(), std::string(16, '-').c_str(), std::string(8, '-').c_str());
  for (const Row& r : rows) {
    std::printf("| %-42s | %13.3f | %16.3f | %7.4f | %7.4f | %13.3f | %16.3f | %19.3f | %15.3f | %3zu/%-3zu |\n",
                r.name.c_str(), r.sroie_pages_per_s, r.sroie_cpu_per_page, r.cer, r.f1, r.sroie_ceiling.share(),
                r.invoice_pages_per_s, r.invoice_cpu_per_page, r.invoice_ceiling.share(), r.failed, r.total);
  }
  if (args.show_misses) {
    for (const Row& r : rows) {
      for (const bench::Ceiling* c : {&r.sroie_ceiling, &r.invoice_ceiling}) {
        for (const std::string& m : c->missed) std::printf("missed (%s): %s\n", r.name.c_str(), m.c_str());
      }
    }
  }
  const Row& best = *std::min_element(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(textra_rows),
                                      [](const Row& a, const Row& b) { return a.cer < b.cer; });
  const Row& first = rows.front();
  std::printf("summary: best textra CER %.4f (%s) ", best.cer, best.name.c_str());
  if (args.cli) {
    const Row& cli_default = rows[rows.size() - 2];
    const Row& cli_single = rows.back();
    auto pages_per_s = [&](const Row& r) {
      double pages = static_cast<double>(sroie.size() + invoices.size());
      return pages / (static_cast<double>(sroie.size()) / r.sroie_pages_per_s +
                      (invoices.empty() ? 0 : static_cast<double>(invoices.size()) / r.invoice_pages_per_s));
    };
    auto cpu_per_page = [&](const Row& r) {
      double pages = static_cast<double>(sroie.size() + invoices.size());
      return (r.sroie_cpu_per_page * static_cast<double>(sroie.size()) +
              r.invoice_cpu_per_page * static_cast<double>(invoices.size())) / pages;
    };
    std::printf("vs tesseract CLI %.4f; throughput (%s) %.3f pages/s = %.2fx CLI OMP_THREAD_LIMIT=1, %.2fx CLI default; "
                "CPU %.3f s/page = %.2fx CLI OMP_THREAD_LIMIT=1\n",
                cli_default.cer, first.name.c_str(), pages_per_s(first), pages_per_s(first) / pages_per_s(cli_single),
                pages_per_s(first) / pages_per_s(cli_default), cpu_per_page(first),
                cpu_per_page(first) / cpu_per_page(cli_single));
  } else {
    std::printf("(no CLI baseline run)\n");
  }
  return 0;
}
