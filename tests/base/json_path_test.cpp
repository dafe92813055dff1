#include "base/json_path.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace textra {
namespace {

TEST(JsonPath, FindsNestedMembersAndNothingElse) {
  const nlohmann::json root = {{"supplier", {{"name", "ACME"}, {"ids", {{"ICE", "001"}}}}}, {"total", 12.5}};
  ASSERT_NE(json_at_path(root, "supplier.ids.ICE"), nullptr);
  EXPECT_EQ(*json_at_path(root, "supplier.ids.ICE"), "001");
  EXPECT_EQ(*json_at_path(root, "total"), 12.5);
  EXPECT_EQ(json_at_path(root, ""), &root);
  EXPECT_EQ(json_at_path(root, "supplier.vat"), nullptr);
  EXPECT_EQ(json_at_path(root, "total.cents"), nullptr);  // a number has no members
  EXPECT_EQ(json_at_path(root, "supplier..name"), nullptr);
}

TEST(JsonPath, WorksOnOrderedJson) {
  const nlohmann::ordered_json root = {{"b", {{"a", 1}}}};
  ASSERT_NE(json_at_path(root, "b.a"), nullptr);
  EXPECT_EQ(*json_at_path(root, "b.a"), 1);
}

}  // namespace
}  // namespace textra
