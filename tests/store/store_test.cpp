#include "store/store.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>

#include "base/files.h"
#include "store/sqlite.h"
#include "store_backends.h"
#include "test_support.h"

namespace textra::store {
namespace {

using nlohmann::json;

json invoice_result(const std::string& supplier, const std::string& date, double ttc, double tva) {
  return {{"schema", "invoice"},
          {"fields",
           {{"supplier", {{"name", {{"value", supplier}, {"raw", supplier}}}}},
            {"invoice_date", {{"value", date}}},
            {"currency", {{"value", "MAD"}}},
            {"total_ttc", {{"value", ttc}}},
            {"total_tva", {{"value", tva}}}}}};
}

TEST(Sha256, MatchesKnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_P(Backends, SameBytesAreOneDocument) {
  auto store = open_store();
  ASSERT_TRUE(store);
  auto first = store->add_document("PDF bytes", "a.pdf", "application/pdf");
  auto again = store->add_document("PDF bytes", "copy.pdf", "application/pdf");
  ASSERT_TRUE(first.is_ok() && again.is_ok());
  EXPECT_TRUE(first->created);
  EXPECT_FALSE(again->created);
  EXPECT_EQ(first->document.id, again->document.id);
  EXPECT_EQ(again->document.file_name, "a.pdf");
  auto path = store->original_path(first->document.id);
  ASSERT_TRUE(path.is_ok());
  EXPECT_EQ(read_file(*path).value(), "PDF bytes");
}

TEST_P(Backends, CorrectionsOverrideResultInSummaryAndStats) {
  auto store = open_store();
  ASSERT_TRUE(store);
  auto& s = *store;
  auto a = s.add_document("one", "1.png", "image/png");
  auto b = s.add_document("two", "2.png", "image/png");
  ASSERT_TRUE(s.save_result(a->document.id, invoice_result("ACME", "2023-04-26", 120.0, 20.0)).is_ok());
  ASSERT_TRUE(s.save_result(b->document.id, invoice_result("ACME", "2023-04-02", 60.0, 10.0)).is_ok());
  ASSERT_TRUE(s.save_corrections(b->document.id, {{"total_ttc", 66.0}}).is_ok());

  auto doc = s.document(b->document.id);
  EXPECT_EQ(doc->status, "reviewed");
  EXPECT_DOUBLE_EQ(*doc->total_ttc, 66.0);
  EXPECT_EQ(s.corrections(b->document.id).value(), (json{{"total_ttc", 66.0}}));
  // The machine's value stays beside the correction.
  EXPECT_DOUBLE_EQ((*s.latest_result(b->document.id))->at("fields")["total_ttc"]["value"].get<double>(), 60.0);

  auto stats = s.stats();
  ASSERT_TRUE(stats.is_ok());
  ASSERT_EQ(stats->size(), 1u);
  EXPECT_EQ((*stats)[0].supplier, "ACME");
  EXPECT_EQ((*stats)[0].month, "2023-04");
  EXPECT_EQ((*stats)[0].count, 2);
  EXPECT_DOUBLE_EQ((*stats)[0].total_ttc, 186.0);

  ASSERT_TRUE(s.save_corrections(b->document.id, {{"total_ttc", nullptr}}).is_ok());
  EXPECT_DOUBLE_EQ(*s.document(b->document.id)->total_ttc, 60.0);
  EXPECT_EQ(s.document(b->document.id)->status, "extracted") << "no correction left: not reviewed any more";
  EXPECT_FALSE(s.save_corrections(b->document.id, json::array()).is_ok());
}

// A user's schema names its fields as it likes; the result's "roles" say which is which.
TEST_P(Backends, SummaryOfAUserSchemaComesFromItsRoles) {
  auto store = open_store();
  ASSERT_TRUE(store);
  auto a = store->add_document("facture", "f.pdf", "application/pdf");
  json result = {{"schema", "ma_facture"},
                 {"roles", {{"supplier_name", "fournisseur"}, {"issue_date", "date_facture"}, {"currency", "devise"},
                            {"total_gross", "montant_total"}, {"total_tax", "montant_tva"}}},
                 {"fields",
                  {{"fournisseur", {{"value", "ATELIER DUVAL"}}}, {"date_facture", {{"value", "2024-03-12"}}},
                   {"devise", {{"value", "EUR"}}}, {"montant_total", {{"value", 828.0}}},
                   {"montant_tva", {{"value", 138.0}}}, {"total_ttc", {{"value", 1.0}}}}}};
  ASSERT_TRUE(store->save_result(a->document.id, result).is_ok());
  auto doc = store->document(a->document.id);
  EXPECT_EQ(doc->supplier, "ATELIER DUVAL");
  EXPECT_EQ(doc->invoice_date, "2024-03-12");
  EXPECT_EQ(doc->currency, "EUR");
  EXPECT_DOUBLE_EQ(*doc->total_ttc, 828.0) << "the field playing total_gross, not one named total_ttc";
  EXPECT_DOUBLE_EQ(*doc->total_tva, 138.0);

  ASSERT_TRUE(store->save_corrections(a->document.id, {{"montant_total", 900.0}, {"fournisseur", "DUVAL SARL"}}).is_ok());
  doc = store->document(a->document.id);
  EXPECT_DOUBLE_EQ(*doc->total_ttc, 900.0);
  EXPECT_EQ(doc->supplier, "DUVAL SARL");
  auto listed = store->list({.supplier = "duval"});
  ASSERT_TRUE(listed.is_ok());
  ASSERT_EQ(listed->documents.size(), 1u);
  EXPECT_DOUBLE_EQ(*listed->documents[0].total_ttc, 900.0);
}

TEST_P(Backends, ListsPagesNewestFirstWithFilters) {
  auto store = open_store();
  ASSERT_TRUE(store);
  auto& s = *store;
  for (int i = 0; i < 5; ++i) {
    auto d = s.add_document("doc" + std::to_string(i), std::to_string(i) + ".png", "image/png");
    ASSERT_TRUE(s.save_result(d->document.id, invoice_result(i % 2 ? "Orange" : "Lydec", "2023-01-0" +
                                                                 std::to_string(i + 1), 10, 2)).is_ok());
  }
  ListFilter filter;
  filter.limit = 2;
  auto page1 = s.list(filter);
  ASSERT_TRUE(page1.is_ok());
  ASSERT_EQ(page1->documents.size(), 2u);
  EXPECT_EQ(page1->documents[0].file_name, "4.png");
  ASSERT_TRUE(page1->next.has_value());
  filter.cursor = page1->next;
  auto page2 = s.list(filter);
  EXPECT_EQ(page2->documents[0].file_name, "2.png");
  filter = {};
  filter.supplier = "orange";
  EXPECT_EQ(s.list(filter)->documents.size(), 2u);
  filter = {};
  filter.date_from = "2023-01-03";
  EXPECT_EQ(s.list(filter)->documents.size(), 3u);
}

TEST_P(Backends, DateFiltersThatAreNoDatesAreRefused) {
  auto store = open_store();
  ASSERT_TRUE(store);
  for (const char* bad : {"notadate", "2024-13-01", "2024-1-01", "2024-01-32"}) {
    ListFilter filter;
    filter.date_from = bad;
    auto page = store->list(filter);
    ASSERT_FALSE(page.is_ok()) << bad;
    EXPECT_EQ(page.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(page.status().message().find("date_from"), std::string::npos);
  }
  ListFilter good;
  good.date_to = "2024-02-29";
  EXPECT_TRUE(store->list(good).is_ok());
}

TEST_P(Backends, RemoveDeletesRowAndOriginal) {
  auto store = open_store();
  ASSERT_TRUE(store);
  auto d = store->add_document("bytes", "x.png", "image/png");
  std::string path = *store->original_path(d->document.id);
  // Before any result or correction: none, and no error.
  EXPECT_EQ(store->latest_result(d->document.id).value(), std::nullopt);
  EXPECT_EQ(store->corrections(d->document.id).value(), json::object());
  ASSERT_TRUE(store->remove(d->document.id).is_ok());
  EXPECT_EQ(store->latest_result(d->document.id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->corrections(d->document.id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->document(d->document.id).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->original_path(d->document.id).status().code(), ErrorCode::kNotFound);
  if (GetParam() == "sqlite") EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_EQ(store->remove(d->document.id).code(), ErrorCode::kNotFound);
}

TEST_P(Backends, AcknowledgedWritesSurviveAKilledProcess) {
  std::string url = store_url();
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    auto store = Store::open_url(url, testing::temp_dir("store-kill-cache"));
    auto d = (*store)->add_document("survivor", "s.png", "image/png");
    (void)(*store)->save_corrections(d->document.id, {{"total_ttc", 9.5}});
    ::kill(getpid(), SIGKILL);  // no destructor, no close: as if the process were killed
    _exit(1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  auto store = open_store();
  ASSERT_TRUE(store);
  auto list = store->list({});
  ASSERT_EQ(list->documents.size(), 1u);
  EXPECT_DOUBLE_EQ(*list->documents[0].total_ttc, 9.5);
}

TEST(Store, RefusesNewerSchema) {
  std::string dir = testing::temp_dir("store-newer");
  { ASSERT_TRUE(Store::open(dir).is_ok()); }
  {
    auto db = Database::open(dir + "/textra.db");
    ASSERT_TRUE((*db)->exec("PRAGMA user_version = 99").is_ok());
  }
  auto again = Store::open(dir);
  ASSERT_FALSE(again.is_ok());
  EXPECT_EQ(again.status().code(), ErrorCode::kUnsupported);
}

INSTANTIATE_TEST_SUITE_P(Store, Backends, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace
}  // namespace textra::store
