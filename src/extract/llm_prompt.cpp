#include "extract/llm_prompt.h"

#include <vector>

namespace textra::extract {
namespace {

const char* kInstructionsFr =
    "Tu extrais les informations d'un document (facture ou ticket) lu par OCR. Réponds uniquement par un "
    "objet JSON avec les clés ci-dessous, dans cet ordre.";
const char* kRulesFr =
    "Recopie chaque valeur telle qu'elle est imprimée sur le "
    "document (dates et montants compris, sans les convertir). Mets null quand le document ne montre pas "
    "l'information ; n'invente rien.";
const char* kInstructionsEn =
    "You extract information from a document (invoice or receipt) read by OCR. Answer only with a JSON "
    "object with the keys below, in this order.";
const char* kRulesEn =
    "Copy each value exactly as printed on the document (dates and "
    "amounts included, without converting them). Use null when the document does not show the information; "
    "never invent one.";

// How the schema lists a field's type. Every leaf is written as printed (ValueStyle::kPrinted), so a leaf's
// kind (amount, id, date...) says what to copy; the grammar enforces the JSON types and enums anyway.
std::string type_label(const fields::FieldSpec& spec) {
  using fields::FieldType;
  switch (spec.type) {
    case FieldType::kBoolean: return "true/false";
    case FieldType::kEnum: {
      std::string values;
      for (const std::string& value : spec.enum_values) values += (values.empty() ? "" : " | ") + value;
      return "one of " + values;
    }
    case FieldType::kDate: return "date";
    case FieldType::kArray:
      return spec.items->type == FieldType::kObject ? "list of objects" : "list of " + type_label(*spec.items);
    case FieldType::kObject:
      return spec.open_values ? "object: printed name -> " + type_label(*spec.open_values) : "object";
    case FieldType::kString: case FieldType::kNumber: case FieldType::kInteger: break;
  }
  if (spec.kind != fields::ValueKind::kPlain) return fields::value_kind_name(spec.kind);
  return spec.type == FieldType::kString ? "text" : "number";
}

// One line a field, `- name (type): description`, members of objects (and of a list's objects) indented below.
void append_fields(const std::vector<fields::FieldSpec>& fields, std::size_t depth, std::string& out) {
  for (const fields::FieldSpec& field : fields) {
    out += std::string(2 * depth, ' ') + "- " + field.name + " (" + type_label(field) + ")";
    if (!field.description.empty()) out += ": " + field.description;
    out += "\n";
    const fields::FieldSpec* members = field.type == fields::FieldType::kArray ? field.items.get() : &field;
    if (members != nullptr && members->type == fields::FieldType::kObject) append_fields(members->properties, depth + 1, out);
  }
}

}  // namespace

std::string cap_space_runs(std::string_view text, std::size_t max_run) {
  std::string out;
  out.reserve(text.size());
  std::size_t run = 0;
  for (char c : text) {
    run = c == ' ' ? run + 1 : 0;
    if (run <= max_run) out += c;
  }
  return out;
}

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
  parts.schema = french ? "Clés (type) : contenu\n" : "Keys (type): content\n";
  append_fields(schema.root.properties, 0, parts.schema);
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
