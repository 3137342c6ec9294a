#pragma once
// The one worker pool of the library: independent tasks spread over threads.
#include <cstddef>
#include <functional>

namespace actionplan {

// Runs task(i) for every i in [0, count) on `threads` workers (0: one per CPU
// core; never more workers than tasks), and returns when all are done. Tasks
// are taken in order by whichever worker is free, so a task must only write to
// what belongs to its own i: results then do not depend on the thread count.
void parallel_for(std::size_t count, unsigned threads, const std::function<void(std::size_t)>& task);

}  // namespace actionplan
