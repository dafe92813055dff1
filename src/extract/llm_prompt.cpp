#include "extract/llm_prompt.h"

#include <vector>

namespace textra::extract {
namespace {

const char* kInstructionsFr =
    "Tu extrais les informations d'un document (facture ou ticket) lu par OCR. Réponds uniquement par un "
    "objet JSON conforme au schéma ci-dessous.";
const char* kRulesFr =
    "Recopie chaque valeur telle qu'elle est imprimée sur le "
    "document (dates et montants compris, sans les convertir). Mets null quand le document ne montre pas "
    "l'information ; n'invente rien.";
const char* kInstructionsEn =
    "You extract information from a document (invoice or receipt) read by OCR. Answer only with a JSON "
    "object valid against the schema below.";
const char* kRulesEn =
    "Copy each value exactly as printed on the document (dates and "
    "amounts included, without converting them). Use null when the document does not show the information; "
    "never invent one.";

}  // namespace

std::string fit_document_text(const std::string& text, std::size_t max_chars) {
  if (max_chars == 0 || text.size() <= max_chars) return text;
  static const std::string kMarker = "\n[...]\n";
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::size_t budget = max_chars > kMarker.size() ? max_chars - kMarker.size() : 0;
  std::size_t head_budget = budget * 6 / 10;
  std::string head, tail;
  std::size_t i = 0;
  while (i < lines.size() && head.size() + lines[i].size() + 1 <= head_budget) head += lines[i++] + "\n";
  std::vector<std::string> tail_lines;
  std::size_t tail_size = 0;
  for (std::size_t j = lines.size(); j > i; --j) {
    const std::string& line = lines[j - 1];
    if (head.size() + tail_size + line.size() + 1 > budget) break;
    tail_lines.push_back(line);
    tail_size += line.size() + 1;
  }
  for (auto it = tail_lines.rbegin(); it != tail_lines.rend(); ++it) tail += *it + "\n";
  return head + kMarker.substr(1) + tail;
}

LlmPromptParts llm_prompt_parts(const fields::Schema& schema, const std::string& document_text,
                                const std::string& language) {
  const bool french = language.rfind("en", 0) != 0;
  LlmPromptParts parts;
  parts.instructions = french ? kInstructionsFr : kInstructionsEn;
  parts.rules = french ? kRulesFr : kRulesEn;
  parts.schema = french ? "Schéma JSON :\n" : "JSON Schema:\n";
  parts.schema += fields::to_json_schema(schema, fields::ValueStyle::kPrinted).dump(1);
  parts.document = (french ? "Document :\n" : "Document:\n") + document_text;
  return parts;
}

LlmRequest build_llm_request(const fields::Schema& schema, const std::string& document_text,
                             const std::string& language) {
  LlmRequest request;
  // The model copies values as printed; fields/assemble normalises them with the same code as the NER engine.
  request.json_schema = fields::to_json_schema(schema, fields::ValueStyle::kPrinted);
  LlmPromptParts parts = llm_prompt_parts(schema, document_text, language);
  request.messages.push_back({"system", parts.instructions + " " + parts.rules + "\n\n" + parts.schema});
  request.messages.push_back({"user", std::move(parts.document)});
  return request;
}

}  // namespace textra::extract
