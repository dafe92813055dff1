#include "exports/exports.h"

#include <map>

#include "exports/readiness.h"
#include "exports/writers.h"
#include "fields/corrections.h"
#include "fields/schema.h"
#include "fields/validate.h"

namespace textra::exports {
namespace {

constexpr std::pair<Format, const char*> kFormatNames[] = {
    {Format::kCsv, "csv"}, {Format::kCsvLines, "csv-lines"}, {Format::kFec, "fec"}, {Format::kCii, "cii"}};

// Object members in the schema's order, the others after them in their own order: the store keeps results
// as JSON whose keys come back sorted, and exports list fields as the schema does.
void order_like_schema(fields::FieldNode& node, const fields::FieldSpec& spec) {
  if (node.kind == fields::FieldNode::Kind::kArray && spec.items) {
    for (fields::FieldNode& element : node.elements) order_like_schema(element, *spec.items);
    return;
  }
  if (node.kind != fields::FieldNode::Kind::kObject) return;
  fields::FieldNode ordered = fields::FieldNode::object();
  for (const fields::FieldSpec& member : spec.properties) {
    if (fields::FieldNode* child = node.member(member.name); child != nullptr) {
      order_like_schema(*child, member);
      ordered.set_member(member.name, std::move(*child));
    }
  }
  for (std::size_t i = 0; i < node.keys.size(); ++i) {
    if (spec.property(node.keys[i]) == nullptr) ordered.set_member(node.keys[i], std::move(node.members[i]));
  }
  node = std::move(ordered);
}

// The built-in schemas, parsed once per process (read-only after, so safe from any thread): parsing one
// for each document took a fifth of a 1,000-document export.
const fields::Schema* builtin_schema_once(const std::string& name) {
  static const std::map<std::string, fields::Schema> kSchemas = [] {
    std::map<std::string, fields::Schema> schemas;
    for (const std::string& builtin : fields::builtin_schema_names()) {
      if (auto schema = fields::builtin_schema(builtin)) schemas.emplace(builtin, std::move(*schema));
    }
    return schemas;
  }();
  auto found = kSchemas.find(name);
  return found == kSchemas.end() ? nullptr : &found->second;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out;
}

}  // namespace

Result<Format> parse_format(std::string_view name) {
  for (const auto& [format, format_text] : kFormatNames) {
    if (name == format_text) return format;
  }
  return invalid_argument("unknown export format \"" + std::string(name) + "\" (csv, csv-lines, fec, cii)");
}

const char* format_name(Format format) {
  for (const auto& [candidate, name] : kFormatNames) {
    if (candidate == format) return name;
  }
  return "?";
}

Result<ExportDocument> make_export_document(std::int64_t id, std::string file_name, std::string status,
                                            const fields::Json& result, const fields::Json& corrections) {
  std::string where = "document " + std::to_string(id);
  auto extraction = fields::extraction_from_json(result);
  if (!extraction) return extraction.status().with_context(where);
  ExportDocument document{id, std::move(file_name), std::move(status), std::move(*extraction)};
  TEXTRA_RETURN_IF_ERROR(fields::apply_corrections(document.extraction.fields, corrections).with_context(where));
  // Built-in schemas are checked again on the corrected values. A user's schema is not at hand: its checks
  // by role run again (a corrected total clears its mismatch) and its other stored warnings stay.
  fields::Extraction& stored = document.extraction;
  if (const fields::Schema* schema = builtin_schema_once(stored.schema); schema != nullptr) {
    order_like_schema(stored.fields, schema->root);
    stored.warnings = fields::validate(*schema, stored.fields);
  } else {
    std::erase_if(stored.warnings, [](const fields::Warning& w) { return fields::is_role_check(w.code); });
    for (fields::Warning& w : fields::validate_roles(stored.roles, stored.fields)) {
      stored.warnings.push_back(std::move(w));
    }
  }
  return document;
}

Result<ExportOutput> export_documents(const std::vector<ExportDocument>& documents, Format format,
                                      const ExportOptions& options) {
  if (options.fec_separator != '|' && options.fec_separator != '\t') {
    return invalid_argument("the FEC separator must be '|' or a tab");
  }
  ExportOutput output;
  std::vector<const ExportDocument*> ready;
  for (const ExportDocument& document : documents) {
    std::vector<std::string> errors = unresolved_errors(document, format, options);
    if (errors.empty() || options.force) {
      ready.push_back(&document);
    } else {
      output.refused.push_back({document.id, document.file_name, join(errors)});
    }
  }
  output.exported = ready.size();
  switch (format) {
    case Format::kCsv: output.files.push_back(write_documents_csv(ready)); break;
    case Format::kCsvLines: output.files.push_back(write_line_items_csv(ready)); break;
    case Format::kFec: output.files.push_back(write_fec(ready, options)); break;
    case Format::kCii:
      for (const ExportDocument* document : ready) output.files.push_back(write_cii(*document));
      break;
  }
  return output;
}

}  // namespace textra::exports
