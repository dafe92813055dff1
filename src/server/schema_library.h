// Extraction schemas as the server knows them. A request's `schema` is a built-in name (invoice, receipt),
// the name of a schema stored through the API (PUT /v1/schemas/NAME), or a JSON Schema sent in the request
// itself (a multipart part or a field whose text starts with "{"): never a file path (docs/security.md).
// Stored schemas live in DATA_DIR/schemas/NAME.json; a name is checked against [a-z0-9][a-z0-9_-]{0,63}
// before it touches the file system. A schema sent inline is stored too, as "request-<sha256 prefix>", so
// that corrections of its documents can be checked against it later.
#pragma once

#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "fields/schema.h"
#include "server/server.h"

namespace textra::server {

class SchemaLibrary {
 public:
  explicit SchemaLibrary(std::string dir) : dir_(std::move(dir)) {}

  // A storable name: the pattern above, and not a built-in schema's.
  static Status check_name(std::string_view name);
  // Checks that `schema` is a JSON Schema that extraction supports, then stores it (replacing one of that name).
  Status put(const std::string& name, const fields::Json& schema);
  // The stored JSON Schema text; nullopt when there is none of that name.
  Result<std::optional<std::string>> get(const std::string& name);
  Result<std::vector<std::string>> names();
  Status remove(const std::string& name);  // kNotFound when there is none

 private:
  std::string path_of(const std::string& name) const { return dir_ + "/" + name + ".json"; }
  std::string dir_;
  std::mutex mutex_;  // one writer at a time; readers see whole files (written aside, then renamed)
};

// The schema of a request: `fields` (a quick list) wins, else `schema` as above, else the built-in invoice.
// Fills params.schema (a name) and params.schema_json (the JSON Schema text unless built-in).
Status resolve_request_schema(SchemaLibrary& library, const std::string& schema_param, ExtractParams& params);
// The schema an extraction runs with, from the resolved params alone (no file is read).
Result<fields::Schema> extraction_schema(const ExtractParams& params);
// The schema a stored document was extracted with (the name in its result), for checking corrections.
Result<fields::Schema> stored_schema(SchemaLibrary& library, const std::string& name);

}  // namespace textra::server
