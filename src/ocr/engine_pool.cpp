#include "ocr/engine_pool.h"

namespace textra::ocr {

EnginePool::Lease::~Lease() {
  if (engine_ != nullptr) pool_->give_back(std::move(engine_));
}

Result<EnginePool::Lease> EnginePool::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Engine> engine = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(engine));
    }
  }
  // Created outside the lock: loading models is slow and other threads may meanwhile reuse idle engines.
  TEXTRA_ASSIGN_OR_RETURN(std::unique_ptr<Engine> engine, Engine::create(options_));
  std::lock_guard<std::mutex> lock(mutex_);
  ++created_;
  return Lease(this, std::move(engine));
}

std::size_t EnginePool::engines_created() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return created_;
}

void EnginePool::give_back(std::unique_ptr<Engine> engine) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(engine));
}

}  // namespace textra::ocr
