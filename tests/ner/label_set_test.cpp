#include <gtest/gtest.h>

#include "ner/label_set.h"

namespace textra::ner {
namespace {

TEST(LabelSet, BuiltinInvoiceSetKeepsTheOriginalIds) {
  auto set = builtin_label_set("invoice");
  ASSERT_TRUE(set.is_ok());
  EXPECT_EQ(set->size(), 7);
  EXPECT_EQ(set->find("InvNum"), 0);
  EXPECT_EQ(set->find("total_ttc"), 3);
  EXPECT_EQ(set->find("TT"), 5);
  EXPECT_EQ(set->labels[set->outside].name, "Autre");
  EXPECT_EQ(set->labels[2].field, "supplier.name");
  EXPECT_TRUE(builtin_label_set("SROIE").is_ok());
  EXPECT_FALSE(builtin_label_set("nope").is_ok());
}

TEST(LabelSet, UserSetFromNamesAndJsonRoundTrip) {
  LabelSet set = label_set_from_names("mine", {"Seller", "Amount", "Seller"});
  ASSERT_EQ(set.size(), 3);
  EXPECT_EQ(set.labels[set.outside].name, "O");
  EXPECT_EQ(set.labels[0].field, "Seller");
  auto back = label_set_from_json(to_json(set));
  ASSERT_TRUE(back.is_ok());
  EXPECT_EQ(*back, set);
  EXPECT_FALSE(label_set_from_json({{"name", "x"}, {"labels", {{{"name", "A"}}}}, {"outside", "Z"}}).is_ok());
  EXPECT_FALSE(label_set_from_json(nlohmann::json::array()).is_ok());
}

}  // namespace
}  // namespace textra::ner
