#include "server/schema_library.h"

#include <algorithm>
#include <filesystem>
#include <regex>

#include "base/files.h"
#include "store/store.h"

namespace textra::server {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMaxSchemaBytes = 1 << 20;
constexpr std::string_view kInlinePrefix = "request-";

bool is_builtin(std::string_view name) {
  const std::vector<std::string> builtins = fields::builtin_schema_names();
  return std::find(builtins.begin(), builtins.end(), name) != builtins.end();
}

std::string builtin_list() {
  std::string out;
  for (const std::string& name : fields::builtin_schema_names()) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Text that starts with "{" after white space is a JSON Schema; anything else is a name.
bool looks_like_json(const std::string& text) {
  auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string::npos && text[first] == '{';
}

Result<fields::Json> parse_schema_text(const std::string& text, const std::string& what) {
  if (text.size() > kMaxSchemaBytes) return limit_exceeded(what + " is larger than 1 MiB");
  fields::Json json = fields::Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) return invalid_argument(what + " is not a JSON object");
  return json;
}

}  // namespace

Status SchemaLibrary::check_name(std::string_view name) {
  static const std::regex pattern("[a-z0-9][a-z0-9_-]{0,63}");
  if (!std::regex_match(name.begin(), name.end(), pattern)) {
    return invalid_argument("a schema name is 1-64 characters a-z, 0-9, _ and -, starting with a letter or digit");
  }
  if (is_builtin(name)) return invalid_argument("\"" + std::string(name) + "\" is a built-in schema's name");
  return Status::ok();
}

Status SchemaLibrary::put(const std::string& name, const fields::Json& schema) {
  TEXTRA_RETURN_IF_ERROR(check_name(name));
  TEXTRA_RETURN_IF_ERROR(fields::schema_from_json_schema(schema, name).status());
  std::lock_guard<std::mutex> lock(mutex_);
  std::error_code error;
  fs::create_directories(dir_, error);
  if (error) return io_error("schema store: cannot create its folder: " + error.message());
  const std::string target = path_of(name), temporary = target + ".tmp";
  if (Status written = write_file(temporary, schema.dump(2)); !written) {
    return io_error("schema store: cannot write schema \"" + name + "\"");
  }
  fs::rename(temporary, target, error);
  if (error) return io_error("schema store: cannot write schema \"" + name + "\": " + error.message());
  return Status::ok();
}

Result<std::optional<std::string>> SchemaLibrary::get(const std::string& name) {
  TEXTRA_RETURN_IF_ERROR(check_name(name));
  std::lock_guard<std::mutex> lock(mutex_);
  std::error_code error;
  if (!fs::is_regular_file(path_of(name), error)) return std::optional<std::string>();
  auto text = read_file(path_of(name), kMaxSchemaBytes);
  if (!text) return io_error("schema store: cannot read schema \"" + name + "\"");
  return std::optional<std::string>(std::move(*text));
}

Result<std::vector<std::string>> SchemaLibrary::names() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> out;
  std::error_code error;
  if (!fs::is_directory(dir_, error)) return out;
  for (const auto& entry : fs::directory_iterator(dir_, error)) {
    const fs::path& path = entry.path();
    if (path.extension() == ".json" && check_name(path.stem().string())) out.push_back(path.stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

Status SchemaLibrary::remove(const std::string& name) {
  TEXTRA_RETURN_IF_ERROR(check_name(name));
  std::lock_guard<std::mutex> lock(mutex_);
  std::error_code error;
  if (!fs::remove(path_of(name), error)) {
    return error ? io_error("schema store: cannot remove schema \"" + name + "\"")
                 : not_found("no stored schema \"" + name + "\"");
  }
  return Status::ok();
}

Status resolve_request_schema(SchemaLibrary& library, const std::string& schema_param, ExtractParams& params) {
  params.schema_json.clear();
  if (!params.fields.empty()) {  // checked now, so that a bad list is a 400 before the upload is stored
    params.schema = "fields";
    return fields::schema_from_field_list(params.fields).status();
  }
  if (schema_param.empty() || is_builtin(schema_param)) {
    params.schema = schema_param.empty() ? "invoice" : schema_param;
    return Status::ok();
  }
  if (looks_like_json(schema_param)) {
    TEXTRA_ASSIGN_OR_RETURN(fields::Json json, parse_schema_text(schema_param, "schema"));
    std::string name = std::string(kInlinePrefix) + store::sha256_hex(json.dump()).substr(0, 16);
    TEXTRA_RETURN_IF_ERROR(library.put(name, json).with_context("schema"));
    params.schema = std::move(name);
    params.schema_json = json.dump();
    return Status::ok();
  }
  if (!SchemaLibrary::check_name(schema_param)) {
    return invalid_argument("schema must be a built-in name (" + builtin_list() + "), the name of a stored schema "
                            "(GET /v1/schemas) or a JSON Schema object; files cannot be named");
  }
  TEXTRA_ASSIGN_OR_RETURN(std::optional<std::string> stored, library.get(schema_param));
  if (!stored) {
    return invalid_argument("schema \"" + schema_param + "\" is neither built-in (" + builtin_list() +
                            ") nor stored (PUT /v1/schemas/NAME)");
  }
  params.schema = schema_param;
  params.schema_json = std::move(*stored);
  return Status::ok();
}

Result<fields::Schema> extraction_schema(const ExtractParams& params) {
  if (!params.fields.empty()) return fields::schema_from_field_list(params.fields);
  if (params.schema_json.empty()) return fields::builtin_schema(params.schema.empty() ? "invoice" : params.schema);
  TEXTRA_ASSIGN_OR_RETURN(fields::Json json, parse_schema_text(params.schema_json, "schema " + params.schema));
  return fields::schema_from_json_schema(json, params.schema);
}

Result<fields::Schema> stored_schema(SchemaLibrary& library, const std::string& name) {
  if (is_builtin(name)) return fields::builtin_schema(name);
  if (!SchemaLibrary::check_name(name)) return not_found("schema \"" + name + "\" is not one this server knows");
  TEXTRA_ASSIGN_OR_RETURN(std::optional<std::string> text, library.get(name));
  if (!text) return not_found("schema \"" + name + "\" is no longer stored");
  TEXTRA_ASSIGN_OR_RETURN(fields::Json json, parse_schema_text(*text, "schema " + name));
  return fields::schema_from_json_schema(json, name);
}

}  // namespace textra::server
