// Extraction schemas by name: GET /v1/schemas, GET/PUT/DELETE /v1/schemas/{name} (schema_library.h).
#include "fields/builtin_schemas.h"
#include "server/http_util.h"
#include "server/server_impl.h"

namespace textra::server {
namespace {

using nlohmann::json;

// The built-in schema's JSON Schema text, or nullptr.
const fields::BuiltinSchemaText* builtin_text(const std::string& name) {
  for (const fields::BuiltinSchemaText& text : fields::builtin_schema_texts()) {
    if (text.name == name) return &text;
  }
  return nullptr;
}

}  // namespace

void add_schema_routes(Server::Impl& impl) {
  auto& library = *impl.schemas;

  impl.http.Get("/v1/schemas", [&library](const httplib::Request&, httplib::Response& res) {
    auto stored = library.names();
    if (!stored) return send_status(res, stored.status());
    json list = json::array();
    for (const std::string& name : fields::builtin_schema_names()) list.push_back({{"name", name}, {"builtin", true}});
    for (const std::string& name : *stored) list.push_back({{"name", name}, {"builtin", false}});
    send_json(res, 200, {{"schemas", list}});
  });

  impl.http.Get(R"(/v1/schemas/([^/]{1,100}))", [&library](const httplib::Request& req, httplib::Response& res) {
    const std::string name = req.matches[1];
    if (const fields::BuiltinSchemaText* text = builtin_text(name)) {
      return res.set_content(std::string(text->json), "application/json");
    }
    auto stored = library.get(name);
    if (!stored) return send_status(res, stored.status());
    if (!*stored) return send_error(res, 404, "not_found", "no schema \"" + name + "\"");
    res.set_content(**stored, "application/json");
  });

  impl.http.Put(R"(/v1/schemas/([^/]{1,100}))", [&library](const httplib::Request& req, httplib::Response& res) {
    fields::Json schema = fields::Json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (schema.is_discarded() || !schema.is_object()) {
      return send_error(res, 400, "bad_json", "the body must be a JSON Schema object");
    }
    if (Status stored = library.put(req.matches[1], schema); !stored) return send_status(res, stored);
    send_json(res, 200, {{"name", std::string(req.matches[1])}});
  });

  impl.http.Delete(R"(/v1/schemas/([^/]{1,100}))", [&library](const httplib::Request& req, httplib::Response& res) {
    if (Status removed = library.remove(req.matches[1]); !removed) return send_status(res, removed);
    res.status = 204;
  });
}

}  // namespace textra::server
