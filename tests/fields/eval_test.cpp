#include <gtest/gtest.h>

#include "fields/eval.h"

namespace textra::fields {
namespace {

Schema receipt() { return *builtin_schema("receipt"); }

LabelledDocument doc(std::string id, const char* json) { return {std::move(id), Json::parse(json)}; }

const FieldScore& field(const EvalReport& r, const std::string& path) {
  for (const FieldScore& s : r.fields) {
    if (s.path == path) return s;
  }
  static FieldScore none;
  ADD_FAILURE() << "no field " << path;
  return none;
}

TEST(Eval, NullAndNonNullCases) {
  // company: right, wrong, missed, invented, both null.
  std::vector<LabelledDocument> truth = {doc("a", R"({"company": "SHOP A"})"), doc("b", R"({"company": "SHOP B"})"),
                                         doc("c", R"({"company": "SHOP C"})"), doc("d", R"({"company": null})"),
                                         doc("e", R"({"company": ""})")};
  std::vector<LabelledDocument> predicted = {doc("a", R"({"company": "shop a."})"), doc("b", R"({"company": "SHOP X"})"),
                                             doc("c", R"({"company": null})"), doc("d", R"({"company": "SHOP D"})"),
                                             doc("e", R"({})")};
  EvalReport r = evaluate(receipt(), truth, predicted);
  const FieldScore& s = field(r, "company");
  EXPECT_EQ(s.true_positives, 1);
  EXPECT_EQ(s.false_positives, 2);  // wrong value + invented value
  EXPECT_EQ(s.false_negatives, 2);  // wrong value + missed value
  EXPECT_EQ(s.true_negatives, 1);
  EXPECT_DOUBLE_EQ(*s.precision, 1.0 / 3);
  EXPECT_DOUBLE_EQ(*s.recall, 1.0 / 3);
  EXPECT_DOUBLE_EQ(*s.f1, 1.0 / 3);
  EXPECT_DOUBLE_EQ(s.exact_match, 2.0 / 5);  // a and e
}

TEST(Eval, NormalisesBothSidesAndCountsMissingPredictions) {
  std::vector<LabelledDocument> truth = {doc("1", R"({"date": "25/12/2018", "total": "RM 9.00"})"),
                                         doc("2", R"({"date": "12-01-19", "total": "1,007.50"})")};
  std::vector<LabelledDocument> predicted = {doc("1", R"({"date": "2018-12-25", "total": 9})"),
                                             doc("3", R"({"date": "2019-01-12"})")};
  EvalReport r = evaluate(receipt(), truth, predicted);
  EXPECT_EQ(r.documents, 2);
  EXPECT_EQ(r.missing_predictions, 1);
  EXPECT_EQ(r.unmatched_predictions, 1);
  EXPECT_DOUBLE_EQ(*field(r, "date").precision, 1.0);
  EXPECT_DOUBLE_EQ(*field(r, "date").recall, 0.5);
  EXPECT_DOUBLE_EQ(*field(r, "total").precision, 1.0);
  // company and address: null on every side: no F1, left out of the mean.
  EXPECT_FALSE(field(r, "address").f1.has_value());
  EXPECT_DOUBLE_EQ(field(r, "address").exact_match, 1.0);
  EXPECT_FALSE(field(r, "company").f1.has_value());
  EXPECT_NEAR(*r.mean_f1, 2.0 / 3, 1e-12);  // date and total
}

TEST(Eval, OnlyIdsRestrictsTheGroundTruth) {
  std::vector<LabelledDocument> truth = {doc("1", R"({"total": "1.00"})"), doc("2", R"({"total": "2.00"})")};
  std::vector<LabelledDocument> predicted = {doc("1", R"({"total": "1.00"})")};
  EvalReport r = evaluate(receipt(), truth, predicted, std::vector<std::string>{"1"});
  EXPECT_EQ(r.documents, 1);
  EXPECT_DOUBLE_EQ(*field(r, "total").f1, 1.0);
}

TEST(Eval, LineItemColumnsAreMultisetsAndOpenKeysExpand) {
  Schema invoice = *builtin_schema("invoice");
  std::vector<LabelledDocument> truth = {doc("1", R"({"line_items": [{"amount": 10}, {"amount": 10}, {"amount": 5}],
      "supplier": {"other_ids": {"ICE": "001523800000047", "RC": "1"}}})")};
  std::vector<LabelledDocument> predicted = {doc("1", R"({"line_items": [{"amount": 10.0}, {"amount": 7}],
      "supplier": {"other_ids": {"ICE": "001 523 800 000 047", "TP": "9"}}})")};
  EvalReport r = evaluate(invoice, truth, predicted);
  const FieldScore& amount = field(r, "line_items[].amount");
  EXPECT_EQ(amount.true_positives, 1);
  EXPECT_EQ(amount.false_positives, 1);
  EXPECT_EQ(amount.false_negatives, 2);
  EXPECT_EQ(field(r, "supplier.other_ids.ICE").true_positives, 1);
  EXPECT_EQ(field(r, "supplier.other_ids.RC").false_negatives, 1);
  EXPECT_EQ(field(r, "supplier.other_ids.TP").false_positives, 1);
}

TEST(Eval, ReadsResultJsonAndSroieShapes) {
  DocumentFormat format;
  auto result = read_labelled(Json::parse(R"({"file": "scans/000.jpg", "schema": "receipt",
      "fields": {"total": {"value": 9.0, "raw": "9.00", "confidence": 0.9, "source": null}}})"), "x", &format);
  ASSERT_TRUE(result.is_ok());
  EXPECT_EQ(format, DocumentFormat::kResult);
  EXPECT_EQ(result->id, "000");
  EXPECT_EQ(result->values["total"], 9.0);
  auto key = read_labelled(Json::parse(R"({"company": "A", "total": "9.00"})"), "001", &format);
  EXPECT_EQ(format, DocumentFormat::kSroieKey);
  EXPECT_EQ(key->id, "001");
  EXPECT_FALSE(read_labelled(Json::parse("[1]"), "x").is_ok());
}

}  // namespace
}  // namespace textra::fields
