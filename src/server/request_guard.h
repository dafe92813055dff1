// The checks every request passes before its body is read (docs/security.md):
// - Host allow-list: a web page whose DNS name is rebound to 127.0.0.1 sends its own name as Host, so only
//   names known to mean this server are answered: localhost, loopback addresses, --allowed-host names, and
//   any IP address when the server listens beyond loopback (rebinding needs a name). Others get 403.
// - Cross-origin writes: a page may POST text/plain, multipart or form bodies to any site without a
//   preflight. A POST, PUT, PATCH or DELETE whose Origin is neither this server nor an --allowed-origin
//   gets 403 (requests without Origin are not from a browser page). Allowed origins also get CORS headers.
// - The bearer token (--token), compared in constant time.
// - On a light connection (guarded_http_server.h), only the cheap GET routes.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>
#include <vector>

namespace textra::server {

struct GuardOptions {
  std::vector<std::string> allowed_hosts;    // host names (or addresses), without port
  std::vector<std::string> allowed_origins;  // "https://app.example.com"; "*" allows every origin
  bool any_address_host = false;             // any IP address is a valid Host (listening beyond loopback)
  std::string token;                         // empty: no token required
};

// True when the request was refused: the answer is written, in the error shape of its route.
bool refuse_request(const GuardOptions& options, const httplib::Request& req, httplib::Response& res);

// 127.0.0.0/8, ::1 and "localhost" (what --host may be without a token).
bool is_loopback_host(std::string_view host);
// Equal strings, in a time that does not depend on where they differ (nor on their lengths).
bool same_secret(std::string_view a, std::string_view b);

}  // namespace textra::server
