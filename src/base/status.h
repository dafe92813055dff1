// Errors as values: functions that can fail on input return Result<T> (a value or a Status).
// Messages name the thing (file, field, tensor) and the reason, e.g. "scan.pdf: encrypted PDF".
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace textra {

enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,   // the caller asked for something that makes no sense
  kNotFound,          // a file, model, field or record that does not exist
  kUnsupported,       // a format or feature we do not handle
  kCorrupt,           // input that is truncated, malformed or inconsistent
  kLimitExceeded,     // input larger than a configured limit (pixels, pages, bytes)
  kIo,                // the operating system refused (permissions, disk full, ...)
  kUnavailable,       // a remote service that does not answer
  kBusy,              // a queue or pool of ours is full right now; the same request may succeed later
  kInternal,          // a bug of ours
};

const char* error_code_name(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status ok() { return {}; }

  bool is_ok() const { return code_ == ErrorCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "context: message", so errors gain the name of the file or field on their way up.
  Status with_context(const std::string& context) const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

inline Status invalid_argument(std::string m) { return {ErrorCode::kInvalidArgument, std::move(m)}; }
inline Status not_found(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
inline Status unsupported(std::string m) { return {ErrorCode::kUnsupported, std::move(m)}; }
inline Status corrupt(std::string m) { return {ErrorCode::kCorrupt, std::move(m)}; }
inline Status limit_exceeded(std::string m) { return {ErrorCode::kLimitExceeded, std::move(m)}; }
inline Status io_error(std::string m) { return {ErrorCode::kIo, std::move(m)}; }
inline Status unavailable(std::string m) { return {ErrorCode::kUnavailable, std::move(m)}; }
inline Status busy(std::string m) { return {ErrorCode::kBusy, std::move(m)}; }
inline Status internal_error(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design
  // A Result made from an OK Status would have neither a value nor an error: it becomes an internal error
  // in every build, so the caller sees a message instead of reading a value that is not there.
  Result(Status status)  // NOLINT
      : data_(status.is_ok() ? internal_error("a Result was made from an OK Status") : std::move(status)) {}

  bool is_ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return is_ok(); }

  const Status& status() const {
    static const Status kOk;
    return is_ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace textra

// Propagate an error Status from an expression returning Status.
#define TEXTRA_RETURN_IF_ERROR(expr)            \
  do {                                          \
    ::textra::Status textra_status_ = (expr);   \
    if (!textra_status_.is_ok()) return textra_status_; \
  } while (0)

#define TEXTRA_CONCAT_INNER(a, b) a##b
#define TEXTRA_CONCAT(a, b) TEXTRA_CONCAT_INNER(a, b)
// TEXTRA_ASSIGN_OR_RETURN(auto x, make_x()); returns the error Status if make_x() failed.
#define TEXTRA_ASSIGN_OR_RETURN(lhs, expr) \
  TEXTRA_ASSIGN_OR_RETURN_IMPL(TEXTRA_CONCAT(textra_result_, __LINE__), lhs, expr)
#define TEXTRA_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.is_ok()) return tmp.status();             \
  lhs = std::move(tmp).value()
