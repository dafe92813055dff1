// Documents: list (paged, filtered), one document with its result and corrections, the original file, page
// images, corrections (PUT), deletion; statistics per supplier.
#include <charconv>

#include "base/files.h"
#include "fields/roles.h"
#include "server/correction_check.h"
#include "server/http_util.h"
#include "server/schema_library.h"
#include "server/server_impl.h"

namespace textra::server {
namespace {

using nlohmann::json;

json record_json(const store::DocumentRecord& r) {
  auto opt = [](const auto& v) -> json { return v ? json(*v) : json(nullptr); };
  return {{"id", r.id},           {"sha256", r.sha256},         {"file_name", r.file_name},
          {"content_type", r.content_type}, {"bytes", r.bytes}, {"created_at", r.created_at},
          {"status", r.status},   {"supplier", opt(r.supplier)}, {"invoice_date", opt(r.invoice_date)},
          {"currency", opt(r.currency)}, {"total_ttc", opt(r.total_ttc)}, {"total_tva", opt(r.total_tva)},
          {"error", opt(r.error)}, {"attempts", r.attempts}, {"invoice_number", opt(r.invoice_number)},
          {"duplicate_of", opt(r.duplicate_of)}};
}

// A stored result with its fields' roles (fields/roles.h), which results written before roles existed lack:
// the review page finds the totals and line item columns by them.
json with_roles(json result) {
  if (result.is_object() && !result.contains("roles")) {
    result["roles"] = json(fields::to_json(fields::roles_of_result(fields::Json(result))));
  }
  return result;
}

// Corrections are checked against the schema the document was extracted with (invoice before any result).
Status check_document_corrections(SchemaLibrary& schemas, store::Store& store, std::int64_t id, const json& body) {
  TEXTRA_RETURN_IF_ERROR(store.document(id).status());
  TEXTRA_ASSIGN_OR_RETURN(std::optional<json> result, store.latest_result(id));
  const std::string name = result ? result->value("schema", "invoice") : "invoice";
  auto schema = stored_schema(schemas, name);
  if (schema) return check_corrections(*schema, body);
  if (result && schema.status().code() == ErrorCode::kNotFound) return check_corrections_against_result(*result, body);
  return schema.status();
}

}  // namespace

void add_document_routes(Server::Impl& impl) {
  auto& store = *impl.store;

  impl.http.Get("/v1/documents", [&store](const httplib::Request& req, httplib::Response& res) {
    store::ListFilter filter;
    auto text = [&](const char* name) -> std::optional<std::string> {
      return req.has_param(name) ? std::optional<std::string>(req.get_param_value(name)) : std::nullopt;
    };
    filter.supplier = text("supplier");
    filter.date_from = text("date_from");
    filter.date_to = text("date_to");
    filter.status = text("status");
    filter.duplicates = text("duplicates");
    if (auto cursor = text("cursor")) {
      filter.cursor = parse_id(*cursor);
      if (!filter.cursor) return send_error(res, 400, "bad_cursor", "cursor must be a positive integer");
    }
    if (auto limit = text("limit")) {
      auto [end, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), filter.limit);
      if (ec != std::errc() || end != limit->data() + limit->size() || filter.limit < 1 || filter.limit > 500) {
        return send_error(res, 400, "bad_limit", "limit must be an integer from 1 to 500");
      }
    }
    auto page = store.list(filter);
    if (!page) return send_status(res, page.status());
    json docs = json::array();
    for (const auto& r : page->documents) docs.push_back(record_json(r));
    send_json(res, 200, {{"documents", docs}, {"next", page->next ? json(*page->next) : json(nullptr)}});
  });

  impl.http.Get(R"(/v1/documents/(\d{1,18}))", with_id([&store](std::int64_t id, const httplib::Request&,
                                                                  httplib::Response& res) {
    auto record = store.document(id);
    if (!record) return send_status(res, record.status());
    auto result = store.latest_result(id);
    auto corrections = store.corrections(id);
    if (!result) return send_status(res, result.status());
    if (!corrections) return send_status(res, corrections.status());
    send_json(res, 200, {{"document", record_json(*record)},
                         {"result", *result ? with_roles(**result) : json(nullptr)},
                         {"corrections", *corrections}});
  }));

  impl.http.Get(R"(/v1/documents/(\d{1,18})/file)", with_id([&store](std::int64_t id, const httplib::Request&,
                                                                       httplib::Response& res) {
    auto record = store.document(id);
    if (!record) return send_status(res, record.status());
    auto path = store.original_path(id);
    auto bytes = path ? read_file(*path) : Result<std::string>(path.status());
    if (!bytes) return send_status(res, bytes.status());
    res.set_header("Content-Disposition", "attachment; filename=\"document-" + std::to_string(id) + "\"");
    res.set_content(*bytes, record->content_type.empty() ? "application/octet-stream" : record->content_type);
  }));

  impl.http.Get(R"(/v1/documents/(\d{1,18})/pages/(\d{1,4})\.png)",
                with_id([&impl](std::int64_t id, const httplib::Request& req, httplib::Response& res) {
    if (!impl.services.render_page) return send_error(res, 501, "not_available", "page rendering is not available");
    int page = std::stoi(req.matches[2]);
    if (page < 1) return send_error(res, 400, "bad_page", "pages are numbered from 1");
    auto path = impl.store->original_path(id);
    if (!path) return send_status(res, path.status());
    std::optional<json> result;
    if (req.get_param_value("annotated") == "1") {
      auto latest = impl.store->latest_result(id);
      if (!latest) return send_status(res, latest.status());
      result = *latest;
    }
    auto png = impl.services.render_page(*path, page - 1, result ? &*result : nullptr);
    if (!png) return send_status(res, png.status());
    res.set_content(*png, "image/png");
  }));

  impl.http.Put(R"(/v1/documents/(\d{1,18})/fields)", with_id([&impl, &store](std::int64_t id, const httplib::Request& req,
                                                                                httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      return send_error(res, 400, "bad_json", "body must be a JSON object of field path -> corrected value");
    }
    if (Status checked = check_document_corrections(*impl.schemas, store, id, body); !checked) {
      return send_status(res, checked);
    }
    if (Status saved = store.save_corrections(id, body); !saved) return send_status(res, saved);
    auto corrections = store.corrections(id);
    if (!corrections) return send_status(res, corrections.status());
    send_json(res, 200, {{"corrections", *corrections}});
  }));

  impl.http.Delete(R"(/v1/documents/(\d{1,18}))", with_id([&store](std::int64_t id, const httplib::Request&,
                                                                     httplib::Response& res) {
    if (Status removed = store.remove(id); !removed) return send_status(res, removed);
    res.status = 204;
  }));

  impl.http.Get("/v1/stats", [&store](const httplib::Request&, httplib::Response& res) {
    auto stats = store.stats();
    if (!stats) return send_status(res, stats.status());
    json rows = json::array();
    for (const auto& s : *stats) {
      rows.push_back({{"supplier", s.supplier}, {"month", s.month}, {"currency", s.currency}, {"count", s.count},
                      {"total_ttc", s.total_ttc}, {"total_tva", s.total_tva}});
    }
    send_json(res, 200, {{"suppliers", rows}});
  });
}

}  // namespace textra::server
