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

// A store holding one extracted invoice, in a temporary folder removed with it (at exit).
struct Fixture {
  std::string dir;
  std::unique_ptr<store::Store> store;
  std::int64_t id = 0;
  ~Fixture() {
    store.reset();
    std::filesystem::remove_all(dir);
  }
};

std::unique_ptr<Fixture> make_fixture() {
  auto f = std::make_unique<Fixture>();
  f->dir = (std::filesystem::temp_directory_path() / "textra-corrections-fuzz-XXXXXX").string();
  if (mkdtemp(f->dir.data()) == nullptr) std::abort();
  auto opened = store::Store::open(f->dir);
  if (!opened.is_ok()) std::abort();
  f->store = std::move(*opened);
  auto added = f->store->add_document("%PDF-1.4 fuzz", "invoice.pdf", "application/pdf");
  if (!added.is_ok()) std::abort();
  f->id = added->document.id;
  const nlohmann::json result = {{"fields",
                                  {{"supplier", {{"name", {{"value", "ACME"}}}}},
                                   {"invoice_date", {{"value", "2024-03-01"}}},
                                   {"total_ttc", {{"value", 120.5}}}}}};
  if (!f->store->save_result(f->id, result).is_ok()) std::abort();
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::unique_ptr<Fixture> fixture = make_fixture();
  Fixture& f = *fixture;
  const nlohmann::json body = fuzz::parse_json(fuzz::as_text(data, size));
  if (body.is_discarded() || !f.store->save_corrections(f.id, body).is_ok()) return 0;
  auto saved = f.store->corrections(f.id);
  if (!saved.is_ok() || !f.store->document(f.id).is_ok() || !f.store->stats().is_ok()) __builtin_trap();
  nlohmann::json undo = nlohmann::json::object();
  for (const auto& [path, value] : saved->items()) undo[path] = nullptr;
  if (!f.store->save_corrections(f.id, undo).is_ok()) __builtin_trap();
  return 0;
}
