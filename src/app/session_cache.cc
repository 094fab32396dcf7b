#include "app/session_cache.h"

#include <chrono>
#include <mutex>

#include "store/store.h"

namespace siak {

int64_t SessionCache::SteadyMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

SessionCache::SessionCache(int64_t max_age_ms, size_t capacity, MillisClock now)
    : max_age_ms_(max_age_ms), capacity_(capacity), now_(std::move(now)) {}

SessionCache::ReadMark SessionCache::Mark() const { return ReadMark{Store::AuthGeneration(), now_()}; }

std::optional<SessionCache::Session> SessionCache::Find(const std::string& token_hash) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return std::nullopt;
  const Entry& e = it->second;
  if (e.read.generation != Store::AuthGeneration() || now_() - e.read.at_ms >= max_age_ms_) return std::nullopt;
  return e.session;
}

void SessionCache::Put(const std::string& token_hash, Session session, ReadMark mark) {
  std::unique_lock lock(mutex_);
  if (entries_.size() >= capacity_ && !entries_.contains(token_hash)) entries_.clear();
  entries_[token_hash] = Entry{std::move(session), mark};
}

size_t SessionCache::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

}  // namespace siak
