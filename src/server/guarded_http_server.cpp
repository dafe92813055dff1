#include "server/guarded_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstring>
#include <list>
#include <regex>
#include <thread>

namespace textra::server {
namespace {

using Clock = std::chrono::steady_clock;

// A light connection has this long to send its one request line and headers.
constexpr int kLightHeaderTimeoutS = 2;
// How often a connection waiting for bytes checks whether the server is stopping.
constexpr int kStopCheckMs = 250;
// Connections the kernel queues before accept (capped by net.core.somaxconn).
constexpr int kListenBacklog = 1024;
// At most this much of a refused request's body is read and dropped before its connection closes.
constexpr std::size_t kMaxDrainBytes = 1 << 20;

thread_local bool tls_light = false;
thread_local bool tls_close_after_response = false;

std::string address_text(const sockaddr_storage& address, int* port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    if (port != nullptr) *port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    if (port != nullptr) *port = ntohs(v6.sin6_port);
  }
  return text;
}

// httplib's connection tasks, each on its own thread (the admission in process_and_close_socket bounds them;
// past `cap` a task runs on the accepting thread, where it only writes a refusal and closes).
class ThreadPerConnection : public httplib::TaskQueue {
 public:
  explicit ThreadPerConnection(std::size_t cap) : cap_(cap) {}
  ~ThreadPerConnection() override { shutdown(); }

  void enqueue(std::function<void()> fn) override {
    reap();
    if (workers_.size() >= cap_) return fn();
    auto& worker = workers_.emplace_back();
    worker.thread = std::thread([fn = std::move(fn), done = &worker.done] {
      fn();
      done->store(true);
    });
  }
  void shutdown() override {
    for (auto& worker : workers_) worker.thread.join();
    workers_.clear();
  }

 private:
  struct Worker {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  void reap() {
    for (auto it = workers_.begin(); it != workers_.end();) {
      if (it->done.load()) {
        it->thread.join();
        it = workers_.erase(it);
      } else {
        ++it;
      }
    }
  }
  std::size_t cap_;
  std::list<Worker> workers_;  // only the accepting thread touches the list
};

}  // namespace

// A socket read with deadlines: the headers of a request must arrive by a fixed time, body bytes and writes
// may not stall longer than io_timeout, and a request without a declared body reads as empty.
class GuardedHttpServer::ConnectionStream : public httplib::Stream {
 public:
  // `listener` is the server's socket: INVALID_SOCKET once the server stops, which ends every wait.
  ConnectionStream(socket_t sock, int io_timeout_s, const std::atomic<socket_t>& listener)
      : sock_(sock), io_timeout_ms_(io_timeout_s * 1000), listener_(listener) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (getpeername(sock, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      peer_ = address_text(address, &peer_port_);
    }
  }

  const std::string& peer() const { return peer_; }
  // After an answer to a request whose body was not read: closing with unread bytes would reset the
  // connection and could destroy the answer before the client reads it, so the rest is read and dropped
  // (for a bounded time and size) once our side is shut.
  void drain_before_close() {
    ::shutdown(sock_, SHUT_WR);
    const auto end = Clock::now() + std::chrono::seconds(1);
    std::size_t dropped = 0;
    while (dropped < kMaxDrainBytes && Clock::now() < end && wait(POLLIN, kStopCheckMs) > 0) {
      ssize_t n = receive(buffer_.data(), buffer_.size());
      if (n <= 0) break;
      dropped += static_cast<std::size_t>(n);
    }
  }
  bool failed() const { return failed_; }

  // Waits up to `limit` for the first byte of the next request; false when none came or the server stops.
  bool wait_for_request(std::chrono::milliseconds limit) {
    if (pos_ < end_) return true;
    return wait_readable(static_cast<int>(limit.count())) > 0 && fill() > 0;
  }
  void begin_headers(Clock::time_point deadline) {
    header_deadline_ = deadline;
    reading_headers_ = true;
    body_absent_ = false;
  }
  void begin_body(const httplib::Request& req) {
    reading_headers_ = false;
    body_absent_ = !req.has_header("Content-Length") &&
                   req.get_header_value("Transfer-Encoding").find("chunked") == std::string::npos;
  }

  bool is_readable() const override { return pos_ < end_ || wait_readable(timeout_ms()) > 0; }
  bool is_writable() const override { return !peer_gone() && wait(POLLOUT, io_timeout_ms_) > 0; }

  ssize_t read(char* ptr, size_t size) override {
    if (body_absent_) return 0;
    if (pos_ == end_) {
      int ready = wait_readable(timeout_ms());
      if (ready <= 0) {
        failed_ = true;
        return -1;
      }
      if (size >= buffer_.size()) return receive(ptr, size);  // large body reads skip the buffer
      ssize_t n = fill();
      if (n <= 0) return n;
    }
    std::size_t n = std::min(size, end_ - pos_);
    std::memcpy(ptr, buffer_.data() + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (wait(POLLOUT, io_timeout_ms_) <= 0) {
      failed_ = true;
      return -1;
    }
    ssize_t n;
    do {
      n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n < 0) failed_ = true;
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = peer_;
    port = peer_port_;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (getsockname(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0) ip = address_text(address, &port);
  }
  socket_t socket() const override { return sock_; }

 private:
  // While headers are read, the time left until their deadline (at most io_timeout); else io_timeout.
  int timeout_ms() const {
    if (!reading_headers_) return io_timeout_ms_;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(header_deadline_ - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, io_timeout_ms_));
  }
  int wait(short events, int timeout_ms) const {
    pollfd fd{sock_, events, 0};
    int ready;
    do {
      ready = ::poll(&fd, 1, timeout_ms);
    } while (ready < 0 && errno == EINTR);
    return ready;
  }
  // Waits for bytes to read, in steps that notice the server stopping; 0 on timeout, -1 on error or stop.
  int wait_readable(int timeout_ms) const {
    const auto end = Clock::now() + std::chrono::milliseconds(timeout_ms);
    while (listener_ != INVALID_SOCKET) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()).count();
      int ready = wait(POLLIN, static_cast<int>(std::clamp<long long>(left, 0, kStopCheckMs)));
      if (ready != 0 || left <= 0) return ready;
    }
    return -1;
  }
  // The client closed or reset its end (a streaming answer can stop).
  bool peer_gone() const {
    pollfd fd{sock_, POLLRDHUP, 0};
    return ::poll(&fd, 1, 0) > 0 && (fd.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
  }
  ssize_t receive(char* ptr, size_t size) {
    ssize_t n;
    do {
      n = ::recv(sock_, ptr, size, 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0) failed_ = true;
    return n;
  }
  ssize_t fill() {
    ssize_t n = receive(buffer_.data(), buffer_.size());
    pos_ = 0;
    end_ = n > 0 ? static_cast<std::size_t>(n) : 0;
    return n;
  }

  socket_t sock_;
  int io_timeout_ms_;
  const std::atomic<socket_t>& listener_;
  std::string peer_;
  int peer_port_ = 0;
  std::array<char, 4096> buffer_{};
  std::size_t pos_ = 0, end_ = 0;
  Clock::time_point header_deadline_{};
  bool reading_headers_ = true;
  bool body_absent_ = false;
  bool failed_ = false;
};

GuardedHttpServer::GuardedHttpServer() {
  new_task_queue = [this] { return new ThreadPerConnection(limits_.max_connections + 16); };
}

GuardedHttpServer::~GuardedHttpServer() = default;

void GuardedHttpServer::deepen_listen_backlog() {
  if (svr_sock_ != INVALID_SOCKET) (void)::listen(svr_sock_, kListenBacklog);
}

GuardedHttpServer::Lane GuardedHttpServer::admit(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (open_ >= limits_.max_connections) return Lane::kRefused;
  ClientCount& client = clients_[address];
  Lane lane = Lane::kRefused;
  if (client.full < limits_.max_client_connections) {
    lane = Lane::kFull;
    ++client.full;
  } else if (client.full + client.light < limits_.max_connections / 2) {
    lane = Lane::kLight;
    ++client.light;
  }
  if (lane == Lane::kRefused) {
    if (client.full + client.light == 0) clients_.erase(address);
    return lane;
  }
  ++open_;
  return lane;
}

void GuardedHttpServer::release(const std::string& address, Lane lane) {
  std::lock_guard<std::mutex> lock(mutex_);
  ClientCount& client = clients_[address];
  (lane == Lane::kFull ? client.full : client.light) -= 1;
  if (client.full + client.light == 0) clients_.erase(address);
  --open_;
}

void GuardedHttpServer::serve_connection(ConnectionStream& stream, Lane lane) {
  const bool light = lane == Lane::kLight;
  tls_light = light;
  tls_close_after_response = false;
  const auto header_timeout = std::chrono::seconds(light ? kLightHeaderTimeoutS : limits_.header_timeout_s);
  for (std::size_t served = 0;; ++served) {
    // The first request must come within the header timeout; later ones within the keep-alive time.
    auto idle = served == 0 ? header_timeout : std::chrono::seconds(limits_.keep_alive_s);
    const auto start = Clock::now();
    if (!stream.wait_for_request(std::chrono::duration_cast<std::chrono::milliseconds>(idle))) break;
    stream.begin_headers(start + header_timeout);
    const bool last = light || served + 1 >= keep_alive_max_count_;
    bool client_closes = false;
    bool written = process_request(stream, last, client_closes, [&](httplib::Request& req) {
      stream.begin_body(req);
      if (headers_hook_) headers_hook_(req);
    });
    if (tls_close_after_response) {
      stream.drain_before_close();
      break;
    }
    if (!written || client_closes || last || stream.failed()) break;
  }
  tls_light = false;
}

bool GuardedHttpServer::process_and_close_socket(socket_t sock) {
  ConnectionStream stream(sock, limits_.io_timeout_s, svr_sock_);
  Lane lane = admit(stream.peer());
  if (lane == Lane::kRefused) {
    // Written without reading the request and without waiting: a full socket buffer just loses it.
    static const std::string body =
        R"({"error":{"code":"busy","message":"too many open connections from this address or in all; retry later"}})";
    static const std::string answer =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\n"
        "Retry-After: 1\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    (void)::send(sock, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  } else {
    serve_connection(stream, lane);
    release(stream.peer(), lane);
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return true;
}

bool connection_is_light() { return tls_light; }
void close_connection_after_response() { tls_close_after_response = true; }

bool is_light_request(const std::string& method, const std::string& path) {
  if (method != "GET" && method != "HEAD") return false;
  static const std::regex light(
      R"(/healthz|/[A-Za-z0-9_.-]{0,64}|/v1/documents|/v1/documents/\d{1,18}|/v1/stats|/v1/jobs/[A-Za-z0-9-]{1,64})");
  return std::regex_match(path, light);
}

}  // namespace textra::server
