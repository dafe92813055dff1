// Schemas: GET /v1/schemas (the built-in names) and GET /v1/schemas/{name} (its JSON Schema, keys in schema
// order, with x-textra-kind): the review page lists and labels fields as the schema does.
#include "fields/schema.h"
#include "server/http_util.h"
#include "server/server_impl.h"

namespace textra::server {

void add_schema_routes(Server::Impl& impl) {
  impl.http.Get("/v1/schemas", [](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, {{"schemas", fields::builtin_schema_names()}});
  });
  impl.http.Get(R"(/v1/schemas/([a-z_]{1,64}))", [](const httplib::Request& req, httplib::Response& res) {
    auto schema = fields::builtin_schema(req.matches[1].str());
    if (!schema) return send_error(res, 404, "unknown_schema", "no built-in schema named " + req.matches[1].str());
    send_ordered_json(res, 200, fields::to_json_schema(*schema));
  });
}

}  // namespace textra::server
