#include "extract/llm_prompt.h"

#include <vector>

namespace textra::extract {
namespace {

const char* kInstructionsFr =
    "Tu extrais les informations d'un document (facture ou ticket) lu par OCR. Réponds uniquement par un "
    "objet JSON conforme au schéma ci-dessous. Recopie chaque valeur telle qu'elle est imprimée sur le "
    "document (dates et montants compris, sans les convertir). Mets null quand le document ne montre pas "
    "l'information ; n'invente rien.";
const char* kInstructionsEn =
    "You extract information from a document (invoice or receipt) read by OCR. Answer only with a JSON "
    "object valid against the schema below. Copy each value exactly as printed on the document (dates and "
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

LlmRequest build_llm_request(const fields::Schema& schema, const std::string& document_text,
                             const std::string& language) {
  bool french = language.rfind("en", 0) != 0;
  LlmRequest request;
  // The model copies values as printed; fields/assemble normalises them with the same code as the NER engine.
  request.json_schema = fields::to_json_schema(schema, fields::ValueStyle::kPrinted);
  std::string system = french ? kInstructionsFr : kInstructionsEn;
  system += french ? "\n\nSchéma JSON :\n" : "\n\nJSON Schema:\n";
  system += request.json_schema.dump(1);
  request.messages.push_back({"system", system});
  std::string user = french ? "Document :\n" : "Document:\n";
  user += document_text;
  request.messages.push_back({"user", user});
  return request;
}

}  // namespace textra::extract
