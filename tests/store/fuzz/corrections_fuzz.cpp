// libFuzzer target: the body of PUT /v1/documents/{id}/fields (corrections) as the store takes it: saved,
// read back, and applied to the document's summary and the statistics. One store in a temporary folder
// serves every input; each input's corrections are removed again so inputs do not depend on each other.
#include <cstdlib>
#include <filesystem>
#include <memory>

#include "fuzz/fuzz_input.h"
#include "store/store.h"

namespace {

using namespace textra;

struct Fixture {
  std::unique_ptr<store::Store> store;
  std::int64_t id = 0;
};

// A store holding one extracted invoice, in a folder removed at exit.
Fixture make_fixture() {
  static std::string dir = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "textra-corrections-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    std::atexit([] { std::filesystem::remove_all(dir); });
    return pattern;
  }();
  Fixture f;
  auto opened = store::Store::open(dir);
  if (!opened.is_ok()) std::abort();
  f.store = std::move(*opened);
  auto added = f.store->add_document("%PDF-1.4 fuzz", "invoice.pdf", "application/pdf");
  if (!added.is_ok()) std::abort();
  f.id = added->document.id;
  const nlohmann::json result = {{"fields",
                                  {{"supplier", {{"name", {{"value", "ACME"}}}}},
                                   {"invoice_date", {{"value", "2024-03-01"}}},
                                   {"total_ttc", {{"value", 120.5}}}}}};
  if (!f.store->save_result(f.id, result).is_ok()) std::abort();
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture f = make_fixture();
  const nlohmann::json body = fuzz::parse_json(fuzz::as_text(data, size));
  if (body.is_discarded() || !f.store->save_corrections(f.id, body).is_ok()) return 0;
  auto saved = f.store->corrections(f.id);
  if (!saved.is_ok() || !f.store->document(f.id).is_ok() || !f.store->stats().is_ok()) __builtin_trap();
  nlohmann::json undo = nlohmann::json::object();
  for (const auto& [path, value] : saved->items()) undo[path] = nullptr;
  if (!f.store->save_corrections(f.id, undo).is_ok()) __builtin_trap();
  return 0;
}
