// The NER engine (docs/ner.md): word labels from a CRF model, fields from the labels, then rules for
// the invoice fields the labels do not cover (currency, supplier ids, due date).
#pragma once

#include <memory>
#include <string>

#include "extract/engine.h"
#include "ner/model.h"

namespace textra::extract {

class NerEngine : public Engine {
 public:
  // model_name is what results report as engine.model (the file path).
  NerEngine(std::shared_ptr<const ner::NerModel> model, std::string model_name);
  static Result<std::unique_ptr<NerEngine>> load(const std::string& model_path);

  fields::EngineInfo info() const override;
  // The built-in schema the model's labels fill: its label set's name ("invoice", "receipt", or a user's).
  const std::string& label_set_name() const { return model_->labels.name; }
  Result<fields::Extraction> extract(const doc::Document& document, const fields::Schema& schema) const override;

 private:
  std::shared_ptr<const ner::NerModel> model_;
  std::string model_name_;
};

// The shipped model for a schema: "invoice" -> invoice-fr.crf, "receipt" -> receipt-sroie.crf, and a user's
// schema whose fields declare roles -> invoice-fr.crf (its labels fill the fields by role). Looked for in
// $TEXTRA_MODELS, next to the executable (models/, ../models, ../share/textra/models) and in the source
// tree's models/.
Result<std::string> default_ner_model(const fields::Schema& schema);

}  // namespace textra::extract
