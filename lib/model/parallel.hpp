#pragma once
// The one worker pool of the library: independent tasks spread over threads.
#include <cstddef>
#include <functional>

namespace actionplan {

// Runs task(i) for every i in [0, count) on `threads` workers (0: one per CPU
// core; never more workers than tasks), and returns when all are done. The
// calling thread is one of the workers; the others come from one pool for the
// whole process (started when first needed, joined at exit), so a task may
// call parallel_for itself without deadlock or a new set of threads. Tasks are
// taken in order by whichever worker is free, so a task must only write to
// what belongs to its own i: results then do not depend on the thread count.
// When a task throws, the tasks not yet started are skipped and the first
// exception is rethrown here, in the caller, once every running task is done.
void parallel_for(std::size_t count, unsigned threads,
                  const std::function<void(std::size_t)>& task);

}  // namespace actionplan
