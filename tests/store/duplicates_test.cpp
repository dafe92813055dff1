// Duplicate detection (store/duplicates.h): the normalisation of names, numbers and ids, the matching rule,
// and duplicate_of as both back ends keep it through results, corrections, removals and migrations.
#include "store/duplicates.h"

#include <gtest/gtest.h>

#include "store/postgres.h"
#include "store/sqlite.h"
#include "store_backends.h"
#include "test_support.h"

namespace textra::store {
namespace {

using nlohmann::json;

TEST(DuplicateKeys, NumbersAndIdsIgnoreCaseSpacesAndPunctuation) {
  EXPECT_EQ(id_key("fa 2024/0117"), "FA20240117");
  EXPECT_EQ(id_key("FA-2024-0117"), "FA20240117");
  EXPECT_EQ(id_key("FR 40 303.265.045"), "FR40303265045");
  EXPECT_EQ(id_key(" -/ "), "");
}

TEST(DuplicateKeys, NamesIgnoreCaseAccentsPunctuationAndLegalForms) {
  EXPECT_EQ(name_key("ATELIER DUVAL SARL"), "ATELIERDUVAL");
  EXPECT_EQ(name_key("Atelier Duval S.A.R.L."), "ATELIERDUVAL");
  EXPECT_EQ(name_key("atelier  duval"), "ATELIERDUVAL");
  EXPECT_EQ(name_key("Société Générale"), "SOCIETEGENERALE");
  EXPECT_EQ(name_key("A.B. Conseil"), "ABCONSEIL");
  EXPECT_EQ(name_key("SAS"), "SAS") << "a name that is only a legal form keeps it";
  EXPECT_NE(name_key("Duval"), name_key("Duvall"));
}

DuplicateKeys keys(const std::string& supplier, std::map<std::string, std::string> ids, const std::string& number,
                   const std::string& date, std::optional<double> total) {
  Summary s;
  if (!supplier.empty()) s.supplier = supplier;
  s.supplier_ids = std::move(ids);
  if (!number.empty()) s.invoice_number = number;
  if (!date.empty()) s.invoice_date = date;
  s.total_ttc = total;
  return duplicate_keys(s);
}

TEST(SameInvoice, SameSupplierAndNumberOrSameSupplierDateAndTotal) {
  auto a = keys("ACME SAS", {}, "F-1", "2024-03-12", 828.0);
  EXPECT_TRUE(same_invoice(a, keys("Acme", {}, "f 1", "", std::nullopt))) << "same number";
  EXPECT_TRUE(same_invoice(a, keys("ACME", {}, "", "2024-03-12", 828.004))) << "same date and total to the cent";
  EXPECT_FALSE(same_invoice(a, keys("ACME", {}, "", "2024-03-12", 828.01))) << "a cent apart";
  EXPECT_FALSE(same_invoice(a, keys("ACME", {}, "F-2", "2024-03-13", 828.0)));
  EXPECT_FALSE(same_invoice(a, keys("Other", {}, "F-1", "2024-03-12", 828.0))) << "another supplier";
  EXPECT_FALSE(same_invoice(keys("", {}, "F-1", "", std::nullopt), keys("", {}, "F-1", "", std::nullopt)))
      << "an unknown supplier matches nothing";
}

TEST(SameInvoice, LegalIdsOfOneKindWinOverNames) {
  auto vat = [](const std::string& name, const std::string& id) { return keys(name, {{"VAT", id}}, "F-1", "", {}); };
  EXPECT_TRUE(same_invoice(vat("ACME", "FR40303265045"), vat("ACME France (OCR)", "FR 40 303 265 045")));
  EXPECT_FALSE(same_invoice(vat("ACME", "FR40303265045"), vat("ACME", "FR11111111111")));
  // Only one side has a VAT id, the other a SIRET: no kind in common, the names decide.
  EXPECT_TRUE(same_invoice(vat("ACME", "FR40303265045"), keys("Acme", {{"SIRET", "30326504500012"}}, "F-1", "", {})));
  EXPECT_TRUE(same_invoice(vat("ACME", "FR40303265045"), keys("ACME", {}, "F-1", "", {})));
}

json invoice(const std::string& supplier, const std::string& number, const std::string& date, double ttc,
             const std::string& vat_id = "") {
  json supplier_fields = {{"name", {{"value", supplier}}}};
  if (!vat_id.empty()) supplier_fields["vat_id"] = {{"value", vat_id}};
  return {{"schema", "invoice"},
          {"fields",
           {{"invoice_number", {{"value", number}}},
            {"invoice_date", {{"value", date}}},
            {"supplier", supplier_fields},
            {"currency", {{"value", "EUR"}}},
            {"total_ttc", {{"value", ttc}}},
            {"total_tva", {{"value", ttc / 6}}}}}};
}

class Duplicates : public Backends {
 protected:
  std::int64_t add(Store& store, const std::string& bytes, const json& result) {
    auto added = store.add_document(bytes, bytes, "application/pdf");
    EXPECT_TRUE(added.is_ok()) << added.status().message();
    if (!added) return 0;
    EXPECT_TRUE(store.save_result(added->document.id, result).is_ok());
    return added->document.id;
  }
  std::optional<std::int64_t> duplicate_of(Store& store, std::int64_t id) {
    auto record = store.document(id);
    EXPECT_TRUE(record.is_ok()) << record.status().message();
    return record ? record->duplicate_of : std::nullopt;
  }
  std::vector<std::int64_t> listed(Store& store, const std::string& duplicates) {
    ListFilter filter;
    filter.duplicates = duplicates;
    auto page = store.list(filter);
    EXPECT_TRUE(page.is_ok()) << page.status().message();
    std::vector<std::int64_t> ids;
    if (page) for (const auto& d : page->documents) ids.push_back(d.id);
    return ids;
  }
};

TEST_P(Duplicates, CopiesOfOneInvoiceAreFlaggedListedAndCountedOnce) {
  auto store = open_store();
  ASSERT_TRUE(store);
  std::int64_t png = add(*store, "png", invoice("ATELIER DUVAL SARL", "FA-2024-0117", "2024-03-12", 828, "FR40303265045"));
  std::int64_t other = add(*store, "other", invoice("ATELIER DUVAL SARL", "FA-2024-0118", "2024-03-20", 120));
  std::int64_t pdf = add(*store, "pdf", invoice("Atelier Duval", "FA 2024 0117", "2024-03-12", 828));
  // A re-scan whose number was misread: the same supplier, date and total.
  std::int64_t rescan = add(*store, "rescan", invoice("ATELIER DUVAL", "FA-2024-O117", "2024-03-12", 828.0));

  EXPECT_EQ(duplicate_of(*store, png), std::nullopt);
  EXPECT_EQ(duplicate_of(*store, other), std::nullopt);
  EXPECT_EQ(duplicate_of(*store, pdf), png);
  EXPECT_EQ(duplicate_of(*store, rescan), png);
  EXPECT_EQ(store->document(pdf)->invoice_number, "FA 2024 0117");

  EXPECT_EQ(listed(*store, "only"), (std::vector<std::int64_t>{rescan, pdf}));
  EXPECT_EQ(listed(*store, "exclude"), (std::vector<std::int64_t>{other, png}));
  ListFilter bad;
  bad.duplicates = "yes";
  EXPECT_EQ(store->list(bad).status().code(), ErrorCode::kInvalidArgument);

  auto stats = store->stats();
  ASSERT_TRUE(stats.is_ok());
  ASSERT_EQ(stats->size(), 1u);
  EXPECT_EQ((*stats)[0].count, 2) << "the invoice and the other one, each once";
  EXPECT_DOUBLE_EQ((*stats)[0].total_ttc, 948.0);
}

TEST_P(Duplicates, ReceiptsMatchBySupplierDateAndTotal) {
  auto store = open_store();
  ASSERT_TRUE(store);
  auto receipt = [](const std::string& company, double total) {
    return json{{"schema", "receipt"},
                {"fields", {{"company", {{"value", company}}}, {"date", {{"value", "2018-12-25"}}},
                            {"total", {{"value", total}}}}}};
  };
  std::int64_t first = add(*store, "photo", receipt("UNIHAKKA INTERNATIONAL SDN BHD", 8.2));
  std::int64_t scan = add(*store, "scan", receipt("Unihakka International Sdn. Bhd.", 8.2));
  std::int64_t other = add(*store, "another day", receipt("UNIHAKKA INTERNATIONAL SDN BHD", 9.2));
  EXPECT_EQ(duplicate_of(*store, scan), first);
  EXPECT_EQ(duplicate_of(*store, other), std::nullopt);
}

TEST_P(Duplicates, CorrectionsMakeAndUnmakeDuplicates) {
  auto store = open_store();
  ASSERT_TRUE(store);
  std::int64_t a = add(*store, "a", invoice("ACME", "F-1", "2024-01-05", 100));
  std::int64_t b = add(*store, "b", invoice("ACME", "F-1", "2024-01-05", 100));
  std::int64_t c = add(*store, "c", invoice("ACME", "F-1", "2024-01-05", 100));
  EXPECT_EQ(duplicate_of(*store, b), a);
  EXPECT_EQ(duplicate_of(*store, c), a);

  // The first copy was misread: corrected to another invoice, the two left point to the earlier of them.
  ASSERT_TRUE(store->save_corrections(a, {{"invoice_number", "F-7"}, {"total_ttc", 70}}).is_ok());
  EXPECT_EQ(duplicate_of(*store, a), std::nullopt);
  EXPECT_EQ(duplicate_of(*store, b), std::nullopt);
  EXPECT_EQ(duplicate_of(*store, c), b);

  // A correction that makes a copy of the first one again; then removing the correction unmakes it.
  ASSERT_TRUE(store->save_corrections(c, {{"invoice_number", "F-7"}, {"total_ttc", 70}}).is_ok());
  EXPECT_EQ(duplicate_of(*store, c), a);
  ASSERT_TRUE(store->save_corrections(c, {{"invoice_number", nullptr}, {"total_ttc", nullptr}}).is_ok());
  EXPECT_EQ(duplicate_of(*store, c), b);

  // Another supplier's legal id makes it another invoice, whatever the number.
  ASSERT_TRUE(store->save_corrections(b, {{"supplier.vat_id", "FR11111111111"}}).is_ok());
  ASSERT_TRUE(store->save_corrections(c, {{"supplier.vat_id", "FR22222222222"}}).is_ok());
  EXPECT_EQ(duplicate_of(*store, c), std::nullopt);
  ASSERT_TRUE(store->save_corrections(c, {{"supplier.vat_id", "fr 11111111111"}}).is_ok());
  EXPECT_EQ(duplicate_of(*store, c), b);
}

TEST_P(Duplicates, RemovingTheFirstCopyPointsTheOthersToTheNextOne) {
  auto store = open_store();
  ASSERT_TRUE(store);
  std::int64_t a = add(*store, "a", invoice("ACME", "F-1", "2024-01-05", 100));
  std::int64_t b = add(*store, "b", invoice("ACME", "F-1", "2024-01-05", 100));
  std::int64_t c = add(*store, "c", invoice("ACME", "F-1", "2024-01-05", 100));
  ASSERT_TRUE(store->remove(a).is_ok());
  EXPECT_EQ(duplicate_of(*store, b), std::nullopt);
  EXPECT_EQ(duplicate_of(*store, c), b);
  auto stats = store->stats();
  ASSERT_TRUE(stats.is_ok());
  ASSERT_EQ(stats->size(), 1u);
  EXPECT_EQ((*stats)[0].count, 1);
}

// Turns a store back into one made before duplicate detection (schema version 2), as SQL of either dialect.
Status downgrade_to_version_2(const std::string& url) {
  std::vector<std::string> statements = {"DROP INDEX documents_number_key", "DROP INDEX documents_date_total"};
  for (const char* column : {"invoice_number", "supplier_key", "supplier_ids", "number_key", "total_cents",
                             "duplicate_of"}) {
    statements.push_back(std::string("ALTER TABLE documents DROP COLUMN ") + column);
  }
  if (url.rfind("sqlite:", 0) == 0) {
    TEXTRA_ASSIGN_OR_RETURN(auto db, Database::open(url.substr(7) + "/textra.db"));
    statements.push_back("PRAGMA user_version = 2");
    for (const std::string& sql : statements) TEXTRA_RETURN_IF_ERROR(db->exec(sql).with_context(sql));
    return Status::ok();
  }
  TEXTRA_ASSIGN_OR_RETURN(auto db, PgConnection::connect(url));
  statements.push_back("UPDATE textra_schema SET version = 2");
  for (const std::string& sql : statements) TEXTRA_RETURN_IF_ERROR(db->exec(sql).status().with_context(sql));
  return Status::ok();
}

TEST_P(Duplicates, StoredDocumentsAreLinkedWhenTheStoreIsMigrated) {
  std::int64_t first = 0, copy = 0;
  {
    auto store = open_store();
    ASSERT_TRUE(store);
    first = add(*store, "a", invoice("ACME", "F-1", "2024-01-05", 100));
    copy = add(*store, "b", invoice("ACME", "F-1", "2024-01-05", 100));
  }
  Status downgraded = downgrade_to_version_2(store_url());
  ASSERT_TRUE(downgraded.is_ok()) << downgraded.message();
  auto store = open_store();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->document(copy)->duplicate_of, first);
  EXPECT_EQ(store->document(copy)->invoice_number, "F-1");
}

INSTANTIATE_TEST_SUITE_P(Store, Duplicates, ::testing::Values("sqlite", "postgresql"), backend_name);

}  // namespace
}  // namespace textra::store
