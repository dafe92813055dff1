#include "server/extraction_job.h"

#include "base/files.h"

namespace textra::server {

using nlohmann::json;

json job_params_json(const ExtractParams& p) {
  return {{"engine", p.engine}, {"schema", p.schema},         {"fields", p.fields},
          {"lang", p.lang},     {"schema_json", p.schema_json}, {"ocr_engine", p.ocr_engine}};
}

ExtractParams job_params_from_json(const json& p) {
  auto text = [&](const char* key) { return p.contains(key) && p[key].is_string() ? p[key].get<std::string>() : ""; };
  return {text("engine"), text("schema"), text("fields"), text("lang"), text("schema_json"), text("ocr_engine")};
}

JobQueue::Work extraction_work(store::Store& store, ExtractFunction extract, Metrics& metrics) {
  return [&store, extract = std::move(extract), &metrics](const store::ClaimedJob& job) -> Result<json> {
    TEXTRA_ASSIGN_OR_RETURN(std::string path, store.original_path(job.id));
    TEXTRA_ASSIGN_OR_RETURN(std::string bytes, read_file(path));
    TEXTRA_ASSIGN_OR_RETURN(json out, extract(bytes, job.file_name, job_params_from_json(job.params)));
    out["document_id"] = job.id;
    if (out.contains("pages") && out["pages"].is_number_unsigned()) metrics.add("pages_total", out["pages"]);
    return out;
  };
}

}  // namespace textra::server
