#include "server/request_guard.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <cctype>

#include "server/guarded_http_server.h"
#include "server/http_util.h"
#include "store/store.h"

namespace textra::server {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// "example.com:8080" -> "example.com", "[::1]:8080" -> "::1", "127.0.0.1" -> "127.0.0.1" (lower case).
std::string host_name(std::string_view authority) {
  if (authority.starts_with("[")) {
    auto close = authority.find(']');
    return close == std::string_view::npos ? std::string() : lower(authority.substr(1, close - 1));
  }
  auto colon = authority.rfind(':');
  if (colon != std::string_view::npos) authority = authority.substr(0, colon);
  return lower(authority);
}

bool is_ip_address(const std::string& name) {
  in6_addr v6{};
  in_addr v4{};
  return inet_pton(AF_INET, name.c_str(), &v4) == 1 || inet_pton(AF_INET6, name.c_str(), &v6) == 1;
}

bool host_allowed(const GuardOptions& options, const std::string& host_header) {
  const std::string name = host_name(host_header);
  if (name.empty()) return false;
  if (is_loopback_host(name)) return true;
  if (options.any_address_host && is_ip_address(name)) return true;
  return std::any_of(options.allowed_hosts.begin(), options.allowed_hosts.end(),
                     [&](const std::string& allowed) { return lower(allowed) == name; });
}

// "HTTPS://Example.com:443/" -> "https://example.com": the port only when it is not the scheme's default.
std::string normalized_origin(std::string_view origin) {
  std::string out = lower(origin);
  while (out.ends_with("/")) out.pop_back();
  if (out.starts_with("http://") && out.ends_with(":80")) out.resize(out.size() - 3);
  if (out.starts_with("https://") && out.ends_with(":443")) out.resize(out.size() - 4);
  return out;
}

// The page's origin is this server: its host and port are the request's Host (checked above).
bool same_origin(std::string_view origin, const std::string& host_header) {
  std::string normalized = normalized_origin(origin);
  auto scheme_end = normalized.find("://");
  if (scheme_end == std::string::npos) return false;
  std::string scheme = normalized.substr(0, scheme_end);
  return normalized == normalized_origin(scheme + "://" + host_header);
}

bool origin_allowed(const GuardOptions& options, const std::string& origin) {
  const std::string normalized = normalized_origin(origin);
  return std::any_of(options.allowed_origins.begin(), options.allowed_origins.end(),
                     [&](const std::string& allowed) { return allowed == "*" || normalized_origin(allowed) == normalized; });
}

bool changes_state(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

bool needs_token(const std::string& path) {
  return path.starts_with("/v1/") || path.starts_with("/api/") || path == "/metrics";
}

void refuse(const httplib::Request& req, httplib::Response& res, int status, const std::string& code,
            const std::string& message) {
  send_error_for(req.path, res, status, code, message);
  res.set_header("Connection", "close");
  close_connection_after_response();
}

}  // namespace

bool is_loopback_host(std::string_view host) {
  std::string name = lower(host);
  if (name.starts_with("[") && name.ends_with("]")) name = name.substr(1, name.size() - 2);
  if (name == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, name.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  return inet_pton(AF_INET6, name.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

bool same_secret(std::string_view a, std::string_view b) {
  // Digests have one length, and every byte is compared whatever the first difference.
  const std::string x = store::sha256_hex(a), y = store::sha256_hex(b);
  unsigned char difference = 0;
  for (std::size_t i = 0; i < x.size(); ++i) difference |= static_cast<unsigned char>(x[i] ^ y[i]);
  return difference == 0;
}

bool refuse_request(const GuardOptions& options, const httplib::Request& req, httplib::Response& res) {
  const std::string host = req.get_header_value("Host");
  if (!host_allowed(options, host)) {
    refuse(req, res, 403, "forbidden_host",
           "Host \"" + host.substr(0, 100) + "\" is not a name of this server (start it with --allowed-host NAME)");
    return true;
  }
  const std::string origin = req.get_header_value("Origin");
  const bool allowed_origin = !origin.empty() && origin_allowed(options, origin);
  if (allowed_origin) {
    res.set_header("Access-Control-Allow-Origin", origin);
    res.set_header("Vary", "Origin");
  }
  if (req.method == "OPTIONS") {  // a CORS preflight
    if (!allowed_origin) {
      refuse(req, res, 403, "forbidden_origin", "origin \"" + origin.substr(0, 100) + "\" is not allowed (--allowed-origin)");
    } else {
      res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
      res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
      res.set_header("Access-Control-Max-Age", "600");
      res.status = 204;
    }
    return true;
  }
  if (changes_state(req.method) && !origin.empty() && !allowed_origin && !same_origin(origin, host)) {
    refuse(req, res, 403, "forbidden_origin",
           "cross-origin " + req.method + " from \"" + origin.substr(0, 100) + "\" refused (start the server with "
           "--allowed-origin ORIGIN to allow it)");
    return true;
  }
  if (!options.token.empty() && needs_token(req.path) &&
      !same_secret(req.get_header_value("Authorization"), "Bearer " + options.token)) {
    res.set_header("WWW-Authenticate", "Bearer");
    refuse(req, res, 401, "unauthorized", "missing or wrong bearer token");
    return true;
  }
  if (connection_is_light() && !is_light_request(req.method, req.path)) {
    res.set_header("Retry-After", "1");
    refuse(req, res, 503, "busy", "this address has too many open connections; only health and reads are served "
                                  "beyond them (retry when some have closed)");
    return true;
  }
  return false;
}

}  // namespace textra::server
