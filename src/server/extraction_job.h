// How an extraction job runs, in `textra serve`'s own workers and in `textra worker` processes: the stored
// original through the extraction pipeline (pipeline/pipeline.h), with the parameters stored with the job
// (pipeline/extract_params.h). Jobs of the embedded language model wait for a generation slot first.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "pipeline/pipeline.h"
#include "server/generation_gate.h"
#include "server/job_queue.h"
#include "server/metrics.h"
#include "server/server.h"
#include "store/store.h"

namespace textra::server {

// Admission of the jobs that generate on this machine's cores. gate null: they run at once.
struct GenerationAdmission {
  GenerationGate* gate = nullptr;
  int timeout_s = 120;  // kBusy (retried) when no slot came within it
};

// The work of a JobQueue: reads the job's original from the store, extracts, and returns the result JSON
// with "document_id". Counts pages in metrics. store, extract, metrics and the gate must outlive the queue.
JobQueue::Work extraction_work(store::Store& store, ExtractFunction extract, Metrics& metrics,
                               GenerationAdmission admission = {});

// The pipeline of a server or worker: its OCR options, the GGUF models of models_dir (named as
// ModelRegistry names them) and the remote servers requests may name.
Result<std::shared_ptr<pipeline::Pipeline>> make_job_pipeline(ocr::OcrOptions ocr, const std::string& models_dir,
                                                              std::vector<std::string> allowed_remote);

// The ExtractFunction of a server or worker: the schema the params name, then the pipeline.
ExtractFunction pipeline_extraction(std::shared_ptr<pipeline::Pipeline> pipeline);

}  // namespace textra::server
