#include <gtest/gtest.h>

#include "fields/result.h"
#include "fields/roles.h"
#include "fields/validate.h"
#include "test_support.h"

namespace textra::fields {
namespace {

Schema user_schema() {
  auto schema = load_schema_file(testing::source_dir() + "/tests/fields/data/ma_facture.json");
  EXPECT_TRUE(schema.is_ok()) << schema.status().message();
  return *schema;
}

Result<Schema> schema_from_text(const char* text) { return schema_from_json_schema(Json::parse(text), "test"); }

TEST(Roles, BuiltinSchemasDeclareTheirs) {
  RoleMap invoice = roles_of(*builtin_schema("invoice"));
  EXPECT_EQ(*invoice.path(Role::kDocumentNumber), "invoice_number");
  EXPECT_EQ(*invoice.path(Role::kSupplierName), "supplier.name");
  EXPECT_EQ(*invoice.path(Role::kSupplierIds), "supplier.other_ids");
  EXPECT_EQ(*invoice.path(Role::kTotalGross), "total_ttc");
  EXPECT_EQ(*invoice.path(Role::kLineItems), "line_items");
  EXPECT_EQ(*invoice.path(Role::kItemAmount), "amount") << "item roles are relative to a line item";
  EXPECT_EQ(invoice.paths.size(), all_roles().size()) << "the invoice plays every role";

  RoleMap receipt = roles_of(*builtin_schema("receipt"));
  EXPECT_EQ(*receipt.path(Role::kSupplierName), "company");
  EXPECT_EQ(*receipt.path(Role::kIssueDate), "date");
  EXPECT_EQ(*receipt.path(Role::kTotalGross), "total");
  EXPECT_EQ(receipt.path(Role::kTotalNet), nullptr);
}

TEST(Roles, UserSchemaKeepsItsOwnNames) {
  RoleMap roles = roles_of(user_schema());
  EXPECT_EQ(*roles.path(Role::kSupplierName), "fournisseur");
  EXPECT_EQ(*roles.path(Role::kTotalGross), "montant_total");
  EXPECT_EQ(*roles.path(Role::kLineItems), "lignes");
  EXPECT_EQ(*roles.path(Role::kItemAmount), "montant");
  EXPECT_EQ(roles.path(Role::kDueDate), nullptr);
}

TEST(Roles, NamesRoundTrip) {
  for (Role role : all_roles()) EXPECT_EQ(role_from_name(role_name(role)), role) << role_name(role);
  EXPECT_FALSE(role_from_name("total_ttc").has_value()) << "roles are not the invoice's field names";
}

TEST(Roles, SchemasThatCannotHoldTheirRolesAreRefused) {
  struct Case {
    const char* schema;
    const char* reason;
  };
  const Case cases[] = {
      {R"({"properties": {"t": {"type": "string", "x-textra-role": "total_gross"}}})", "needs a number"},
      {R"({"properties": {"d": {"type": "string", "x-textra-role": "issue_date"}}})", "needs a date"},
      {R"({"properties": {"a": {"type": "number", "x-textra-role": "total_gross"},
                          "b": {"type": "number", "x-textra-role": "total_gross"}}})", "already played by a"},
      {R"({"properties": {"m": {"type": "number", "x-textra-role": "item_amount"}}})", "belongs inside"},
      {R"({"properties": {"l": {"type": "array", "x-textra-role": "line_items",
          "items": {"type": "object", "properties": {"n": {"type": "number", "x-textra-role": "total_net"}}}}}})",
       "not a line item role"},
      {R"({"properties": {"x": {"type": "string", "x-textra-role": "montant"}}})", "unknown x-textra-role"},
      {R"({"properties": {"rows": {"type": "array",
          "items": {"type": "object", "properties": {"t": {"type": "number", "x-textra-role": "total_net"}}}}}})",
       "inside an array other than the line items"},
  };
  for (const Case& c : cases) {
    auto schema = schema_from_text(c.schema);
    ASSERT_FALSE(schema.is_ok()) << c.schema;
    EXPECT_NE(schema.status().message().find(c.reason), std::string::npos) << schema.status().message();
  }
}

TEST(Roles, ResultsCarryTheirRoles) {
  Schema schema = user_schema();
  Extraction extraction = new_extraction(schema, "a.pdf", {"ner", "m", "v"});
  Json json = to_json(extraction);
  EXPECT_EQ(json["roles"]["total_gross"], "montant_total");
  EXPECT_EQ(roles_of_result(json), roles_of(schema));
  EXPECT_EQ(extraction_from_json(json)->roles, roles_of(schema));
  // A result stored before roles existed: the built-in schema it names gives them.
  EXPECT_EQ(roles_of_result(Json{{"schema", "invoice"}, {"fields", Json::object()}}),
            roles_of(*builtin_schema("invoice")));
  EXPECT_TRUE(roles_of_result(Json{{"schema", "someone_elses"}, {"fields", Json::object()}}).empty());
}

TEST(Roles, ValidationFindsTheUserSchemasTotals) {
  Schema schema = user_schema();
  auto extraction = extraction_from_json(Json{{"fields", Json::parse(R"({"montant_ht": 100.0, "montant_tva": 20.0,
      "montant_total": 130.0, "date_facture": "2024-03-12",
      "lignes": [{"libelle": "a", "qte": 2, "montant": 40.0}, {"libelle": "b", "qte": 1, "montant": 50.0}]})")}});
  ASSERT_TRUE(extraction.is_ok());
  auto warnings = validate(schema, extraction->fields, {.today = {2024, 6, 1}});
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].code, "totals_mismatch");
  EXPECT_EQ(warnings[0].message, "montant_ht 100.00 + montant_tva 20.00 = 120.00, but montant_total is 130.00");
  EXPECT_EQ(warnings[1].code, "line_items_sum_mismatch");
  EXPECT_NE(warnings[1].message.find("neither montant_ht (100.00) nor montant_total (130.00)"), std::string::npos)
      << warnings[1].message;
}

}  // namespace
}  // namespace textra::fields
