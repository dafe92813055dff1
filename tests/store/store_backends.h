// The store tests run against both back ends (CONTRACTS.md): SQLite in a temporary folder and PostgreSQL
// in a throwaway server of this test process (tests/common/postgres_server.h). A test is TEST_P(Backends, ...).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "postgres_server.h"
#include "store/store.h"
#include "test_support.h"

namespace textra::store {

class Backends : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") TEXTRA_REQUIRE_POSTGRES(postgres_);
  }

  // The URL of a fresh, empty store named after the test (the same on every call within a test).
  std::string store_url() {
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::string database;
    for (char c : name) database += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    if (url_.empty()) url_ = GetParam() == "sqlite" ? "sqlite:" + testing::temp_dir("store-" + database)
                                                   : postgres_->url(database);
    return url_;
  }
  // Opens the store (again: as another process would).
  std::unique_ptr<Store> open_store() {
    if (cache_.empty()) cache_ = testing::temp_dir("store-cache");
    auto store = Store::open_url(store_url(), cache_);
    EXPECT_TRUE(store.is_ok()) << store.status().message();
    return store ? std::move(*store) : nullptr;
  }

  testing::PostgresServer* postgres_ = nullptr;
  std::string url_, cache_;
};

inline std::string backend_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace textra::store
