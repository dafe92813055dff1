// The documents an export takes from the store: chosen by id, or every document matching a list filter.
#pragma once

#include <cstdint>
#include <vector>

#include "exports/exports.h"
#include "store/store.h"

namespace textra::exports {

struct Selection {
  std::vector<std::int64_t> ids;  // when not empty, exactly these (an unknown id is an error)
  store::ListFilter filter;       // otherwise every page of this filter (its cursor and limit are ignored)
};

// Documents without a result yet are exported as such: their status makes the readiness check refuse them.
Result<std::vector<ExportDocument>> load_documents(store::Store& store, const Selection& selection);

}  // namespace textra::exports
