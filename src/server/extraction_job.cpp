#include "server/extraction_job.h"

#include "base/files.h"
#include "server/model_registry.h"
#include "server/schema_library.h"

namespace textra::server {

using nlohmann::json;

namespace {
// Embedded generation uses every core of this machine; a remote server's generation does not.
bool generates_here(const ExtractParams& params) {
  return params.engine == "llm" && params.ollama.empty() && params.openai.empty();
}
}  // namespace

JobQueue::Work extraction_work(store::Store& store, ExtractFunction extract, Metrics& metrics,
                               GenerationAdmission admission) {
  return [&store, extract = std::move(extract), &metrics, admission](const store::ClaimedJob& job) -> Result<json> {
    TEXTRA_ASSIGN_OR_RETURN(std::string path, store.original_path(job.id));
    TEXTRA_ASSIGN_OR_RETURN(std::string bytes, read_file(path));
    ExtractParams params = pipeline::extract_params_from_json(job.params);
    std::unique_ptr<GenerationGate::Ticket> ticket;
    if (admission.gate != nullptr && generates_here(params)) {
      TEXTRA_ASSIGN_OR_RETURN(ticket, admission.gate->enter(admission.timeout_s));
    }
    TEXTRA_ASSIGN_OR_RETURN(json out, extract(bytes, job.file_name, params));
    out["document_id"] = job.id;
    if (out.contains("pages") && out["pages"].is_number_unsigned()) metrics.add("pages_total", out["pages"]);
    return out;
  };
}

Result<std::shared_ptr<pipeline::Pipeline>> make_job_pipeline(ocr::OcrOptions ocr, const std::string& models_dir,
                                                              std::vector<std::string> allowed_remote) {
  // Only the names and files are used: this registry loads no model (the pipeline keeps its own).
  TEXTRA_ASSIGN_OR_RETURN(std::shared_ptr<ModelRegistry> registry, ModelRegistry::scan(models_dir, 1));
  pipeline::PipelineOptions options;
  options.ocr = std::move(ocr);
  options.allowed_remote = std::move(allowed_remote);
  options.model_path = [registry](const std::string& name) -> Result<std::string> {
    const ModelEntry* entry = registry->find(name);
    if (entry == nullptr) return not_found("model \"" + name + "\" is not one this server serves (--models)");
    return entry->path;
  };
  return std::make_shared<pipeline::Pipeline>(std::move(options));
}

ExtractFunction pipeline_extraction(std::shared_ptr<pipeline::Pipeline> pipeline) {
  return [pipeline](const std::string& bytes, const std::string& name, const ExtractParams& params) -> Result<json> {
    TEXTRA_ASSIGN_OR_RETURN(fields::Schema schema, extraction_schema(params));
    return pipeline->run(bytes, name, params, schema);
  };
}

}  // namespace textra::server
