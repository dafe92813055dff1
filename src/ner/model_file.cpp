#include "ner/model_file.h"

#include <bit>

#include "base/files.h"
#include "ner/features.h"

namespace textra::ner {
namespace {

constexpr std::size_t kMaxModelBytes = 256u << 20;

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

class Writer {
 public:
  void u16(std::uint16_t v) { little(v, 2); }
  void u32(std::uint32_t v) { little(v, 4); }
  void u64(std::uint64_t v) { little(v, 8); }
  void f32(float v) { u32(std::bit_cast<std::uint32_t>(v)); }
  void bytes(std::string_view b) { out_.append(b); }
  std::string& out() { return out_; }

 private:
  void little(std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  std::string out_;
};

// Bounds-checked little-endian reader: every read says what it was reading when the bytes run out.
class Reader {
 public:
  Reader(std::string_view b, std::string name) : b_(b), name_(std::move(name)) {}
  Result<std::uint64_t> little(int n, const char* what) {
    if (b_.size() - pos_ < static_cast<std::size_t>(n)) return truncated(what);
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(b_[pos_ + i])) << (8 * i);
    pos_ += n;
    return v;
  }
  Result<std::string_view> bytes(std::size_t n, const char* what) {
    if (b_.size() - pos_ < n) return truncated(what);
    std::string_view v = b_.substr(pos_, n);
    pos_ += n;
    return v;
  }
  Status truncated(const char* what) const {
    return corrupt(name_ + ": truncated model file (ends at byte " + std::to_string(b_.size()) + " while reading " +
                   what + ")");
  }
  std::size_t pos() const { return pos_; }

 private:
  std::string_view b_;
  std::string name_;
  std::size_t pos_ = 0;
};

}  // namespace

std::string serialize_model(const NerModel& m) {
  Writer w;
  w.bytes(std::string_view(kModelMagic, sizeof kModelMagic));
  w.u32(kModelFormatVersion);
  nlohmann::json header = {{"label_set", to_json(m.labels)}, {"feature_version", m.feature_version},
                           {"tagging", "IO"}, {"info", m.info}};
  std::string header_text = header.dump();
  w.u32(static_cast<std::uint32_t>(header_text.size()));
  w.bytes(header_text);
  w.u32(static_cast<std::uint32_t>(m.attributes.size()));
  for (const std::string& a : m.attributes) {
    std::size_t n = std::min<std::size_t>(a.size(), 0xffff);
    w.u16(static_cast<std::uint16_t>(n));
    w.bytes(std::string_view(a).substr(0, n));
  }
  w.u32(static_cast<std::uint32_t>(m.weights.labels));
  for (double v : m.weights.state) w.f32(static_cast<float>(v));
  for (double v : m.weights.transition) w.f32(static_cast<float>(v));
  w.u64(fnv1a64(w.out()));
  return std::move(w.out());
}

Result<NerModel> parse_model(std::string_view bytes, const std::string& name) {
  Reader r(bytes, name);
  TEXTRA_ASSIGN_OR_RETURN(std::string_view magic, r.bytes(sizeof kModelMagic, "the file signature"));
  if (magic != std::string_view(kModelMagic, sizeof kModelMagic)) {
    return corrupt(name + ": not a textra NER model file (bad signature)");
  }
  TEXTRA_ASSIGN_OR_RETURN(std::uint64_t version, r.little(4, "the format version"));
  if (version > kModelFormatVersion) {
    return unsupported(name + ": model file format version " + std::to_string(version) +
                       " is newer than this textra reads (up to " + std::to_string(kModelFormatVersion) +
                       "); update textra or retrain the model");
  }
  if (version == 0) return corrupt(name + ": model file format version 0 does not exist");
  TEXTRA_ASSIGN_OR_RETURN(std::uint64_t header_len, r.little(4, "the header length"));
  TEXTRA_ASSIGN_OR_RETURN(std::string_view header_text, r.bytes(header_len, "the header"));
  nlohmann::json header = nlohmann::json::parse(header_text, nullptr, false);
  if (header.is_discarded() || !header.is_object()) return corrupt(name + ": model header is not a JSON object");
  NerModel m;
  auto set = label_set_from_json(header.value("label_set", nlohmann::json()));
  if (!set.is_ok()) return set.status().with_context(name);
  m.labels = std::move(set).value();
  if (!header.contains("feature_version") || !header["feature_version"].is_number_integer()) {
    return corrupt(name + ": model header has no feature_version");
  }
  m.feature_version = header["feature_version"].get<int>();
  if (m.feature_version != kFeatureVersion) {
    return unsupported(name + ": model was trained with word attributes version " + std::to_string(m.feature_version) +
                       ", this textra computes version " + std::to_string(kFeatureVersion) + "; retrain it");
  }
  if (header.contains("info") && header["info"].is_object()) m.info = header["info"];

  TEXTRA_ASSIGN_OR_RETURN(std::uint64_t n_attr, r.little(4, "the attribute count"));
  // Each attribute takes at least 2 bytes: a count larger than the file cannot be right.
  if (n_attr > bytes.size() / 2) return r.truncated("the attribute dictionary");
  m.attributes.reserve(n_attr);
  for (std::uint64_t i = 0; i < n_attr; ++i) {
    TEXTRA_ASSIGN_OR_RETURN(std::uint64_t len, r.little(2, "the attribute dictionary"));
    TEXTRA_ASSIGN_OR_RETURN(std::string_view text, r.bytes(len, "the attribute dictionary"));
    m.attributes.emplace_back(text);
  }
  TEXTRA_ASSIGN_OR_RETURN(std::uint64_t n_labels, r.little(4, "the label count"));
  if (n_labels != static_cast<std::uint64_t>(m.labels.size()) || n_labels < 2 || n_labels > kMaxCrfLabels) {
    return corrupt(name + ": model has " + std::to_string(n_labels) + " label columns for a set of " +
                   std::to_string(m.labels.size()) + " labels");
  }
  m.weights = CrfWeights(static_cast<int>(n_labels), n_attr);
  std::uint64_t n_weights = m.weights.state.size() + m.weights.transition.size();
  if ((bytes.size() - r.pos()) / 4 < n_weights) return r.truncated("the weights");
  for (std::vector<double>* weights : {&m.weights.state, &m.weights.transition}) {
    for (double& v : *weights) {
      TEXTRA_ASSIGN_OR_RETURN(std::uint64_t bits, r.little(4, "the weights"));
      v = std::bit_cast<float>(static_cast<std::uint32_t>(bits));
    }
  }
  // The checksum covers everything before it, so damage that keeps every size plausible is still caught.
  const std::size_t body_end = r.pos();
  TEXTRA_ASSIGN_OR_RETURN(std::uint64_t stored, r.little(8, "the checksum"));
  if (r.pos() != bytes.size()) return corrupt(name + ": unexpected bytes after the model's checksum");
  if (fnv1a64(bytes.substr(0, body_end)) != stored) return corrupt(name + ": model file checksum mismatch (damaged file)");
  m.index_attributes();
  return m;
}

Status save_model(const NerModel& model, const std::string& path) { return write_file(path, serialize_model(model)); }

Result<NerModel> load_model(const std::string& path) {
  TEXTRA_ASSIGN_OR_RETURN(std::string bytes, read_file(path, kMaxModelBytes));
  return parse_model(bytes, path);
}

}  // namespace textra::ner
