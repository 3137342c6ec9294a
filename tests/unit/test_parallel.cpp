#include <doctest/doctest.h>

#include <atomic>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "model/parallel.hpp"

using namespace actionplan;

TEST_CASE("parallel_for runs every task once, whatever the thread count") {
  for (unsigned threads : {0u, 1u, 2u, 3u, 8u}) {
    std::vector<int> runs(1000, 0);
    parallel_for(runs.size(), threads, [&](std::size_t i) { ++runs[i]; });
    CHECK(std::count(runs.begin(), runs.end(), 1) == 1000);
  }
  int none = 0;
  parallel_for(0, 4, [&](std::size_t) { ++none; });
  CHECK(none == 0);
}

TEST_CASE("parallel_for nests without deadlock or new threads per call") {
  // 16 outer tasks on 4 workers, each running 16 inner tasks that nest once more.
  std::vector<std::vector<long>> sums(16, std::vector<long>(16, 0));
  parallel_for(16, 4, [&](std::size_t i) {
    parallel_for(16, 4, [&](std::size_t j) {
      std::atomic<long> inner{0};
      parallel_for(100, 4, [&](std::size_t k) { inner += static_cast<long>(k); });
      sums[i][j] = inner;
    });
  });
  for (const auto& row : sums)
    for (long s : row) CHECK(s == 4950);
}

TEST_CASE("an exception in a task reaches the caller, and the pool goes on") {
  std::atomic<int> ran{0};
  CHECK_THROWS_WITH_AS(parallel_for(10000, 4,
                                    [&](std::size_t i) {
                                      ++ran;
                                      if (i == 5) throw std::runtime_error("task 5 failed");
                                    }),
                       "task 5 failed", std::runtime_error);
  // Thrown from a nested call inside a pool worker, it reaches the outermost caller.
  CHECK_THROWS_AS(parallel_for(8, 4,
                               [&](std::size_t i) {
                                 parallel_for(8, 4, [&](std::size_t j) {
                                   if (i == 7 && j == 7) throw std::out_of_range("inner");
                                 });
                               }),
                  std::out_of_range);
  std::vector<int> after(100, 0);
  parallel_for(after.size(), 4, [&](std::size_t i) { after[i] = static_cast<int>(i); });
  CHECK(std::accumulate(after.begin(), after.end(), 0) == 4950);
}
