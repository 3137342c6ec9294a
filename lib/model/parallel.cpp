#include "model/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace actionplan {

void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& task) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, count));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < count; i = next++) task(i);
  };
  if (threads <= 1) {
    work();
    return;
  }
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();  // the calling thread is one of the workers
}

}  // namespace actionplan
