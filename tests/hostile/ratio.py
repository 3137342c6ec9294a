#!/usr/bin/env python3
"""A hostile input's cost as a ratio of the same work on a varied input (never
an absolute time, so it holds on any machine and under the sanitizers).

  ratio.py LIMIT 'WORST COMMAND' 'VARIED COMMAND'

Runs each command (a shell line) three times and compares the least wall time
and the largest peak memory of each. Prints `ratio: time T, memory M` and
exits 1 when either is over LIMIT, 2 when a command fails (exit above 1).
"""
import os
import subprocess
import sys
import time


def cost(command, runs=3):
    best, peak = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        p = subprocess.Popen(["bash", "-c", command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        best = min(best, time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            print(f"failed ({os.waitstatus_to_exitcode(status)}): {command}")
            sys.exit(2)
    return best, peak


def main():
    limit, worst_command, varied_command = float(sys.argv[1]), sys.argv[2], sys.argv[3]
    worst, varied = cost(worst_command), cost(varied_command)
    time_ratio, memory_ratio = worst[0] / varied[0], worst[1] / varied[1]
    print(f"ratio: time {time_ratio:.2f} ({worst[0]:.2f} s / {varied[0]:.2f} s), "
          f"memory {memory_ratio:.2f} ({worst[1] // 1024} / {varied[1] // 1024} MiB), limit {limit}")
    return 1 if time_ratio > limit or memory_ratio > limit else 0


if __name__ == "__main__":
    sys.exit(main())
