// Admission to the LLM engine: a generation uses every core, so only `slots` run at once (1 by default);
// up to `capacity` requests wait for a free slot (no strict order), for at most the request timeout. Beyond
// that the server answers 429 instead of piling up threads and memory.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>

#include "base/status.h"

namespace textra::server {

class GenerationGate {
 public:
  // Held while generating; the slot frees when it is destroyed.
  class Ticket {
   public:
    explicit Ticket(GenerationGate& gate) : gate_(gate) {}
    ~Ticket() { gate_.release(); }
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;

   private:
    GenerationGate& gate_;
  };

  GenerationGate(std::size_t slots, std::size_t capacity) : free_(slots), capacity_(capacity) {}

  // kBusy when the queue is full or the turn did not come within timeout_s.
  Result<std::unique_ptr<Ticket>> enter(int timeout_s);
  std::size_t waiting() const;

 private:
  void release();

  mutable std::mutex mutex_;
  std::condition_variable turn_;
  std::size_t free_;
  std::size_t capacity_;
  std::size_t waiting_ = 0;
};

}  // namespace textra::server
