#include "extract/ner_engine.h"

#include "base/model_paths.h"
#include "extract/ner_rules.h"
#include "fields/validate.h"
#include "ner/fields_from_labels.h"
#include "ner/model_file.h"

namespace textra::extract {

NerEngine::NerEngine(std::shared_ptr<const ner::NerModel> model, std::string model_name)
    : model_(std::move(model)), model_name_(std::move(model_name)) {}

Result<std::unique_ptr<NerEngine>> NerEngine::load(const std::string& model_path) {
  TEXTRA_ASSIGN_OR_RETURN(ner::NerModel model, ner::load_model(model_path));
  return std::make_unique<NerEngine>(std::make_shared<const ner::NerModel>(std::move(model)), model_path);
}

fields::EngineInfo NerEngine::info() const {
  std::string version = "crf-v" + std::to_string(ner::kModelFormatVersion);
  if (model_->info.contains("trained") && model_->info["trained"].is_string()) {
    version += " " + model_->info["trained"].get<std::string>();
  }
  return {"ner", model_name_, version};
}

Result<fields::Extraction> NerEngine::extract(const doc::Document& document, const fields::Schema& schema) const {
  fields::Extraction result = fields::new_extraction(schema, document.file, info());
  std::string language = "fr";
  if (model_->info.contains("language") && model_->info["language"].is_string()) {
    language = model_->info["language"].get<std::string>();
  }
  fields::NormalizeOptions options = fields::normalize_options_for_language(language);
  ner::fill_from_candidates(ner::field_candidates(*model_, document, schema), schema, options, result);
  fill_by_rules(document, schema, options, result);
  for (fields::Warning& w : fields::validate(schema, result.fields)) result.warnings.push_back(std::move(w));
  return result;
}

Result<std::string> default_ner_model(const std::string& schema_name) {
  std::string file;
  if (schema_name == "invoice") file = "invoice-fr.crf";
  else if (schema_name == "receipt") file = "receipt-sroie.crf";
  else return not_found("no shipped NER model for schema '" + schema_name + "' (use --ner-model FILE)");
  return find_model_file(file, "set TEXTRA_MODELS or use --ner-model FILE");
}

}  // namespace textra::extract
