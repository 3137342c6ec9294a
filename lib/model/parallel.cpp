#include "model/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace actionplan {
namespace {

// One parallel_for call: its tasks are taken in order by the caller and by at
// most `helpers` pool workers, each index exactly once.
struct Job {
  std::size_t count = 0;
  const std::function<void(std::size_t)>* task = nullptr;
  unsigned helpers = 0;              // pool workers it may have
  std::atomic<std::size_t> next{0};  // the next index to take
  std::atomic<bool> failed{false};   // a task threw: the indices left are skipped
  std::atomic<unsigned> joined{0};   // workers that came to help
  std::mutex mutex;                  // guards error, done
  std::condition_variable all_done;
  std::exception_ptr error;  // the first exception a task threw
  std::size_t done = 0;      // indices finished (run or skipped)

  // Takes and runs indices until none is left.
  void work() {
    std::size_t finished = 0;
    std::exception_ptr caught;
    for (std::size_t i = next++; i < count; i = next++, ++finished) {
      if (failed) continue;
      try {
        (*task)(i);
      } catch (...) {
        if (!caught) caught = std::current_exception();
        failed = true;
      }
    }
    if (finished == 0 && !caught) return;
    std::lock_guard lock(mutex);
    if (caught && !error) error = caught;
    done += finished;
    if (done == count) all_done.notify_all();
  }
};

// The process's workers: started when first needed, as many as the largest
// thread count asked for (less the calling thread), joined at exit. A worker
// helps the oldest job that still has indices to take and room for a helper.
class Pool {
 public:
  static Pool& instance() {
    static Pool pool;
    return pool;
  }

  void run(const std::shared_ptr<Job>& job) {
    {
      std::lock_guard lock(m_mutex);
      while (m_workers.size() < job->helpers) m_workers.emplace_back([this] { serve(); });
      m_jobs.push_back(job);
    }
    m_wake.notify_all();
    job->work();  // the caller is one of the workers, so nested calls always progress
    {
      std::lock_guard lock(m_mutex);
      std::erase(m_jobs, job);
    }
    std::unique_lock lock(job->mutex);
    job->all_done.wait(lock, [&] { return job->done == job->count; });
  }

  ~Pool() {
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_wake.notify_all();
    for (std::thread& t : m_workers) t.join();
  }

 private:
  void serve() {
    std::unique_lock lock(m_mutex);
    while (true) {
      std::shared_ptr<Job> job;
      m_wake.wait(lock, [&] { return m_stop || (job = open_job()) != nullptr; });
      if (m_stop) return;
      lock.unlock();
      job->work();
      lock.lock();
      std::erase(m_jobs, job);  // all its indices are taken
    }
  }

  // A job with indices left and a helper's place free (taken here), or null.
  std::shared_ptr<Job> open_job() {
    for (const std::shared_ptr<Job>& job : m_jobs)
      if (job->next < job->count && job->joined < job->helpers) {
        ++job->joined;
        return job;
      }
    return nullptr;
  }

  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<std::shared_ptr<Job>> m_jobs;
  std::vector<std::thread> m_workers;
  bool m_stop = false;
};

}  // namespace

void parallel_for(std::size_t count, unsigned threads,
                  const std::function<void(std::size_t)>& task) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, count));
  if (threads <= 1) {
    for (std::size_t i = 0; i < count; ++i) task(i);
    return;
  }
  auto job = std::make_shared<Job>();
  job->count = count;
  job->task = &task;
  job->helpers = threads - 1;
  Pool::instance().run(job);
  if (job->error) std::rethrow_exception(job->error);
}

}  // namespace actionplan
