// Plain sockets for the server tests that need what an HTTP client library will not send: partial or
// malformed requests, missing headers, connections held open.
#pragma once

#include <string>

namespace textra::testing {

// A TCP connection to 127.0.0.1:port; -1 on failure.
int connect_loopback(int port);
// Sends `request` on a new connection and returns what the server answers until it closes the connection
// or `timeout_ms` passes; *elapsed_ms (optional) says how long the first answer byte took.
std::string raw_exchange(int port, const std::string& request, int timeout_ms, double* elapsed_ms = nullptr);

}  // namespace textra::testing
