#include "server/generation_gate.h"

#include <chrono>

namespace textra::server {

Result<std::unique_ptr<GenerationGate::Ticket>> GenerationGate::enter(int timeout_s) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (waiting_ >= capacity_) return busy("the generation queue is full; retry later");
  ++waiting_;
  const bool admitted = turn_.wait_for(lock, std::chrono::seconds(timeout_s), [&] { return free_ > 0; });
  --waiting_;
  if (!admitted) return busy("no generation slot within " + std::to_string(timeout_s) + " s; retry later");
  --free_;
  return std::make_unique<Ticket>(*this);
}

std::size_t GenerationGate::waiting() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return waiting_;
}

void GenerationGate::release() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++free_;
  }
  turn_.notify_one();
}

}  // namespace textra::server
