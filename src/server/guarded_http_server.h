// cpp-httplib's server with connection handling that survives slow and greedy clients (docs/security.md).
// httplib 0.11 (Debian 12) reads a request with one idle timeout per recv(), serves each connection on one
// thread of a fixed pool, and reads a POST without Content-Length until the client closes: 100 clients that
// trickle header bytes hold every thread, and /healthz waits. This server keeps httplib's parser and
// routing (Server::process_request) but owns the connection loop:
// - a thread per connection, up to max_connections (beyond: 503 and close, without reading);
// - the request line and headers must arrive within header_timeout in total; body bytes and writes may not
//   stall longer than io_timeout (both separate from the generation timeout);
// - a request with neither Content-Length nor chunked Transfer-Encoding has an empty body (RFC 9112 6.3),
//   so it is answered at once instead of holding its thread until the client closes;
// - each client address gets max_client_connections full connections; its further connections (up to half
//   of max_connections) are "light": one request, headers within 2 s, and only the cheap GET routes that
//   the health check and the web UI need (the pre-routing handler refuses the rest with 503; see
//   connection_is_light()). So /healthz and the UI answer while uploads, generations or a slow-loris run.
#pragma once

#include <httplib.h>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace textra::server {

struct ConnectionLimits {
  int header_timeout_s = 10;            // request line + headers, in total
  int io_timeout_s = 10;                // longest stall while reading a body or writing an answer
  int keep_alive_s = 5;                 // idle time between two requests of one connection
  std::size_t max_connections = 512;    // open connections, all clients together
  std::size_t max_client_connections = 32;  // full connections per client address
};

class GuardedHttpServer : public httplib::Server {
 public:
  GuardedHttpServer();
  ~GuardedHttpServer() override;

  void set_limits(const ConnectionLimits& limits) { limits_ = limits; }
  // After bind: httplib listens with a backlog of 5, so a burst of connections (a slow-loris, 200 clients
  // at once) overflows it and further connects, health checks included, wait for SYN retransmission (1 s,
  // then 3 s). Listening again with a deep backlog keeps them queued for accept instead.
  void deepen_listen_backlog();
  // Called with each request once its headers are read, before its body is (e.g. to fix its Content-Type).
  void set_headers_hook(std::function<void(httplib::Request&)> hook) { headers_hook_ = std::move(hook); }

 private:
  class ConnectionStream;
  enum class Lane { kFull, kLight, kRefused };
  Lane admit(const std::string& address);
  void release(const std::string& address, Lane lane);
  void serve_connection(ConnectionStream& stream, Lane lane);
  bool process_and_close_socket(socket_t sock) override;

  ConnectionLimits limits_;
  std::function<void(httplib::Request&)> headers_hook_;
  std::mutex mutex_;  // guards the counts below
  std::size_t open_ = 0;
  struct ClientCount {
    std::size_t full = 0, light = 0;
  };
  std::map<std::string, ClientCount> clients_;
};

// True while the current thread serves a light connection (see above): only cheap GET routes may run.
bool connection_is_light();
// A refusal before the body was read: the connection closes after the answer (its unread body would
// otherwise be taken for the next request).
void close_connection_after_response();
// The routes a light connection may ask for: health, the web UI's files and its listing, document and stats
// reads (no page rendering, original files or exports).
bool is_light_request(const std::string& method, const std::string& path);

}  // namespace textra::server
