// What an extraction job carries in the store (its ExtractParams as JSON) and how a worker runs one: the
// stored original through the extraction pipeline. Used by `textra serve`'s own workers.
#pragma once

#include <nlohmann/json.hpp>

#include "server/job_queue.h"
#include "server/metrics.h"
#include "server/server.h"
#include "store/store.h"

namespace textra::server {

nlohmann::json job_params_json(const ExtractParams& params);
ExtractParams job_params_from_json(const nlohmann::json& params);

// The work of a JobQueue: reads the job's original from the store, extracts, and returns the result JSON
// with "document_id". Counts pages in metrics. store, extract and metrics must outlive the queue.
JobQueue::Work extraction_work(store::Store& store, ExtractFunction extract, Metrics& metrics);

}  // namespace textra::server
