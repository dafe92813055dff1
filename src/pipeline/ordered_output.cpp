#include "pipeline/ordered_output.h"

#include <filesystem>
#include <set>

#include "base/files.h"

namespace textra::pipeline {

namespace fs = std::filesystem;

OrderedOutput::OrderedOutput(const std::vector<std::string>& inputs, std::string output,
                             const std::string& extension, std::FILE* stream)
    : output_(std::move(output)), stream_(stream), pending_(inputs.size()) {
  if (output_.empty()) return;
  paths_ = inputs.size() > 1 ? output_paths(inputs, output_, extension) : std::vector<std::string>{output_};
}

Status OrderedOutput::prepare() { return paths_.size() > 1 ? create_output_directory(output_) : Status::ok(); }

Status OrderedOutput::deliver(std::size_t index, std::optional<OutputPiece> piece) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (index >= pending_.size() || index < next_ || pending_[index].has_value()) {
    return internal_error("output " + std::to_string(index) + " delivered twice or out of range");
  }
  pending_[index] = std::move(piece);
  Status status;
  for (; next_ < pending_.size() && pending_[next_].has_value(); ++next_) {
    if (pending_[next_]->has_value()) {
      Status written = write(next_, **pending_[next_]);
      if (status.is_ok()) status = written;
    }
    pending_[next_].reset();  // the text is written: free it (the slot stays counted by next_)
  }
  return status;
}

Status OrderedOutput::write(std::size_t index, const OutputPiece& piece) {
  if (!paths_.empty()) return write_file(paths_[index], piece.header + piece.body);
  std::string text = header_written_ ? piece.body : piece.header + piece.body;
  header_written_ = header_written_ || !piece.header.empty();
  if (std::fwrite(text.data(), 1, text.size(), stream_) != text.size() || std::fflush(stream_) != 0) {
    return io_error("cannot write the output");
  }
  return Status::ok();
}

std::vector<std::string> output_paths(const std::vector<std::string>& files, const std::string& dir,
                                      const std::string& extension) {
  std::vector<std::string> paths;
  std::set<std::string> taken;
  for (const std::string& file : files) {
    std::string stem = fs::path(file).stem().string();
    std::string name = stem + extension;
    for (int n = 2; !taken.insert(name).second; ++n) name = stem + "-" + std::to_string(n) + extension;
    paths.push_back((fs::path(dir) / name).string());
  }
  return paths;
}

Status create_output_directory(const std::string& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) return io_error(dir + ": cannot create the output directory: " + error.message());
  return Status::ok();
}

}  // namespace textra::pipeline
