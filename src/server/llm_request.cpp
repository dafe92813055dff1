#include "server/llm_request.h"

#include <limits>

namespace textra::server {
namespace {

using nlohmann::ordered_json;

const ordered_json* field(const ordered_json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

template <typename T>
Status read_typed_number(const ordered_json& object, const char* key, T& out) {
  const ordered_json* value = field(object, key);
  if (value == nullptr) return Status::ok();
  if (!value->is_number()) return invalid_argument(std::string(key) + " must be a number");
  if constexpr (std::is_integral_v<T>) {
    if (!value->is_number_integer()) return invalid_argument(std::string(key) + " must be an integer");
    // A value beyond T's range would wrap around (2^64 - 1 read as -1).
    constexpr auto lowest = std::numeric_limits<T>::min();
    constexpr auto highest = std::numeric_limits<T>::max();
    bool fits = value->is_number_unsigned() ? value->get<std::uint64_t>() <= static_cast<std::uint64_t>(highest)
                                            : value->get<std::int64_t>() >= lowest && value->get<std::int64_t>() <= highest;
    if (!fits) {
      return invalid_argument(std::string(key) + " must be an integer from " + std::to_string(lowest) + " to " +
                              std::to_string(highest));
    }
  }
  out = value->get<T>();
  return Status::ok();
}

bool non_empty(const ordered_json& object, const char* key) {
  const ordered_json* value = field(object, key);
  return value != nullptr && !value->empty() && !(value->is_string() && value->get<std::string>().empty());
}

Result<std::string> message_content(const ordered_json& content, std::size_t index) {
  const std::string where = "messages[" + std::to_string(index) + "].content";
  if (content.is_null()) return std::string();
  if (content.is_string()) return content.get<std::string>();
  if (!content.is_array()) return invalid_argument(where + " must be a string or a list of parts");
  std::string text;
  for (const ordered_json& part : content) {
    // Comparisons, not value(): value() throws when "type" is not a string.
    if (!part.is_object() || !part.contains("type") || part["type"] != "text" || !part.contains("text") ||
        !part["text"].is_string()) {
      return invalid_argument(where + ": only {\"type\": \"text\", \"text\": ...} parts are supported");
    }
    text += part["text"].get<std::string>();
  }
  return text;
}

}  // namespace

Result<ordered_json> parse_body(const httplib::Request& req) {
  ordered_json body = ordered_json::parse(req.body, nullptr, false);
  if (body.is_discarded()) return invalid_argument("the request body is not valid JSON");
  if (!body.is_object()) return invalid_argument("the request body must be a JSON object");
  return body;
}

Status read_model(const ordered_json& body, std::string& model) {
  const ordered_json* value = field(body, "model");
  if (value == nullptr) value = field(body, "name");
  if (value == nullptr || !value->is_string() || value->get<std::string>().empty()) {
    return invalid_argument("model is required");
  }
  model = value->get<std::string>();
  return Status::ok();
}

Status read_number(const ordered_json& object, const char* key, float& out) { return read_typed_number(object, key, out); }
Status read_number(const ordered_json& object, const char* key, int& out) { return read_typed_number(object, key, out); }
Status read_number(const ordered_json& object, const char* key, std::int64_t& out) {
  return read_typed_number(object, key, out);
}

Status read_token_budget(const ordered_json& object, const char* key, bool unbounded_allowed, std::int64_t& out) {
  const ordered_json* value = field(object, key);
  if (value == nullptr) return Status::ok();
  const std::string range = std::string(key) + " must be an integer from " + (unbounded_allowed ? "0" : "1") + " to " +
                            std::to_string(kMaxTokenBudget) + (unbounded_allowed ? ", or -1 (no limit)" : "");
  std::int64_t budget = 0;
  if (!value->is_number_integer() || !read_typed_number(object, key, budget)) return invalid_argument(range);
  if (unbounded_allowed && (budget == -1 || budget == -2)) {  // Ollama's -2 (fill the context) is -1 here
    out = -1;
    return Status::ok();
  }
  if (budget < (unbounded_allowed ? 0 : 1) || budget > kMaxTokenBudget) return invalid_argument(range);
  out = budget;
  return Status::ok();
}

Status read_bool(const ordered_json& object, const char* key, bool& out) {
  const ordered_json* value = field(object, key);
  if (value == nullptr) return Status::ok();
  if (!value->is_boolean()) return invalid_argument(std::string(key) + " must be true or false");
  out = value->get<bool>();
  return Status::ok();
}

Status read_seed(const ordered_json& object, const char* key, std::uint64_t& out) {
  std::int64_t seed = -1;
  TEXTRA_RETURN_IF_ERROR(read_typed_number(object, key, seed));
  if (seed >= 0) out = static_cast<std::uint64_t>(seed);
  return Status::ok();
}

Status read_stop(const ordered_json& object, const char* key, std::vector<std::string>& out) {
  const ordered_json* value = field(object, key);
  if (value == nullptr) return Status::ok();
  if (value->is_string()) {
    out = {value->get<std::string>()};
    return Status::ok();
  }
  if (!value->is_array()) return invalid_argument(std::string(key) + " must be a string or a list of strings");
  out.clear();
  for (const ordered_json& item : *value) {
    if (!item.is_string()) return invalid_argument(std::string(key) + " must be a string or a list of strings");
    if (!item.get<std::string>().empty()) out.push_back(item.get<std::string>());
  }
  return Status::ok();
}

Status read_chat_messages(const ordered_json& body, std::vector<llm::ChatMessage>& out) {
  if (non_empty(body, "tools")) return invalid_argument("tools are not supported by this server");
  const ordered_json* messages = field(body, "messages");
  if (messages == nullptr) return Status::ok();
  if (!messages->is_array()) return invalid_argument("messages must be a list");
  for (std::size_t i = 0; i < messages->size(); ++i) {
    const ordered_json& message = (*messages)[i];
    const std::string where = "messages[" + std::to_string(i) + "]";
    if (!message.is_object()) return invalid_argument(where + " must be an object");
    if (!message.contains("role") || !message["role"].is_string()) return invalid_argument(where + ".role must be a string");
    if (non_empty(message, "images")) return invalid_argument(where + ": images are not supported (text models only)");
    TEXTRA_ASSIGN_OR_RETURN(std::string content, message_content(message.value("content", ordered_json()), i));
    out.push_back({message["role"].get<std::string>(), std::move(content)});
  }
  return Status::ok();
}

Status read_generate_prompt(const ordered_json& body, CompletionRequest& request) {
  if (non_empty(body, "images")) return invalid_argument("images are not supported (text models only)");
  if (non_empty(body, "suffix")) return invalid_argument("suffix (fill-in-the-middle) is not supported");
  std::string prompt, system;
  for (auto [key, out] : {std::pair{"prompt", &prompt}, std::pair{"system", &system}}) {
    const ordered_json* value = field(body, key);
    if (value == nullptr) continue;
    if (!value->is_string()) return invalid_argument(std::string(key) + " must be a string");
    *out = value->get<std::string>();
  }
  bool raw = false;
  TEXTRA_RETURN_IF_ERROR(read_bool(body, "raw", raw));
  if (raw) {
    request.raw_prompt = prompt;
    return Status::ok();
  }
  if (prompt.empty()) return Status::ok();
  if (!system.empty()) request.messages.push_back({"system", system});
  request.messages.push_back({"user", prompt});
  return Status::ok();
}

}  // namespace textra::server
