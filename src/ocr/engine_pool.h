// Engines shared by worker threads without sharing an engine: acquire() lends one engine to the calling
// thread (creating it on first need, since loading languages takes a fraction of a second) and the lease
// gives it back when it ends. With N workers at most N engines ever exist, each reused page after page.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "base/status.h"
#include "ocr/engine.h"

namespace textra::ocr {

class EnginePool {
 public:
  explicit EnginePool(EngineOptions options) : options_(std::move(options)) {}
  EnginePool(const EnginePool&) = delete;
  EnginePool& operator=(const EnginePool&) = delete;

  class Lease {
   public:
    Lease(EnginePool* pool, std::unique_ptr<Engine> engine) : pool_(pool), engine_(std::move(engine)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Engine& operator*() const { return *engine_; }
    Engine* operator->() const { return engine_.get(); }

   private:
    EnginePool* pool_;
    std::unique_ptr<Engine> engine_;
  };

  Result<Lease> acquire();
  const EngineOptions& options() const { return options_; }
  std::size_t engines_created() const;

 private:
  void give_back(std::unique_ptr<Engine> engine);

  EngineOptions options_;
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Engine>> idle_;
  std::size_t created_ = 0;
};

}  // namespace textra::ocr
