// Exports: GET /v1/export?format=csv|csv-lines|fec|cii[&ids=1,2][&status=..&supplier=..&date_from=..&date_to=..]
// [&force=1]. The file comes back as a download (several CII invoices as one ZIP). When documents have
// unresolved errors and force is not set, nothing is exported: 409 with {"error": ..., "refused": [{id,
// file_name, reason}]}, so the person can fix them or export anyway (docs/api.md).
#include "exports/exports.h"
#include "exports/from_store.h"
#include "exports/zip_writer.h"
#include "server/http_util.h"
#include "server/server_impl.h"

namespace textra::server {
namespace {

using nlohmann::json;

Result<std::vector<std::int64_t>> parse_ids(const std::string& text) {
  std::vector<std::int64_t> ids;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    auto id = parse_id(part);
    if (!id) return invalid_argument("ids must be positive integers separated by commas");
    ids.push_back(*id);
    if (ids.size() > 10000) return invalid_argument("at most 10000 ids at a time");
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return ids;
}

Result<exports::Selection> selection_of(const httplib::Request& req) {
  exports::Selection selection;
  if (req.has_param("ids")) {
    TEXTRA_ASSIGN_OR_RETURN(selection.ids, parse_ids(req.get_param_value("ids")));
  }
  auto text = [&](const char* name) {
    return req.has_param(name) ? std::optional<std::string>(req.get_param_value(name)) : std::nullopt;
  };
  selection.filter.status = text("status");
  selection.filter.supplier = text("supplier");
  selection.filter.date_from = text("date_from");
  selection.filter.date_to = text("date_to");
  return selection;
}

void send_files(httplib::Response& res, const std::vector<exports::ExportFile>& files) {
  bool archive = files.size() > 1;
  std::string name = archive ? "invoices.zip" : files[0].name;
  res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
  if (archive) {
    res.set_content(exports::zip_stored(files), "application/zip");
  } else {
    res.set_content(files[0].bytes, files[0].content_type);
  }
}

}  // namespace

void add_export_routes(Server::Impl& impl) {
  auto& store = *impl.store;
  impl.http.Get("/v1/export", [&store](const httplib::Request& req, httplib::Response& res) {
    auto format = exports::parse_format(req.get_param_value("format"));
    if (!format) return send_error(res, 400, "bad_format", format.status().message());
    auto selection = selection_of(req);
    if (!selection) return send_error(res, 400, "bad_selection", selection.status().message());
    auto documents = exports::load_documents(store, *selection);
    if (!documents) return send_status(res, documents.status());
    exports::ExportOptions options;
    options.force = req.get_param_value("force") == "1" || req.get_param_value("force") == "true";
    auto output = exports::export_documents(*documents, *format, options);
    if (!output) return send_status(res, output.status());
    if (!output->refused.empty()) {
      json refused = json::array();
      for (const exports::Refusal& r : output->refused) {
        refused.push_back({{"id", r.id}, {"file_name", r.file_name}, {"reason", r.reason}});
      }
      return send_json(res, 409,
                       {{"error", {{"code", "unresolved_errors"},
                                   {"message", std::to_string(output->refused.size()) +
                                                   " documents have unresolved errors; fix them or export with force=1"}}},
                        {"refused", refused}});
    }
    if (output->exported == 0) return send_error(res, 404, "nothing_to_export", "no documents match the selection");
    send_files(res, output->files);
  });
}

}  // namespace textra::server
