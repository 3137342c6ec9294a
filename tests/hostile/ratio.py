#!/usr/bin/env python3
"""A hostile input's cost as a ratio of the same work on a varied input (never
an absolute time, so it holds on any machine and under the sanitizers).

  ratio.py LIMIT 'WORST COMMAND' 'VARIED COMMAND'

Runs each command (a shell line) three times and compares the least wall time
and the largest peak memory of each (tests/bench/worst_case.py's cost). Prints
`ratio: time T, memory M` and exits 1 when either is over LIMIT or a command
fails (exit above 1).
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
from worst_case import cost  # noqa: E402  (least time and peak memory of three runs)


def main():
    limit, worst_command, varied_command = float(sys.argv[1]), sys.argv[2], sys.argv[3]
    worst, varied = cost(["bash", "-c", worst_command]), cost(["bash", "-c", varied_command])
    time_ratio, memory_ratio = worst[0] / varied[0], worst[1] / varied[1]
    print(f"ratio: time {time_ratio:.2f} ({worst[0]:.2f} s / {varied[0]:.2f} s), "
          f"memory {memory_ratio:.2f} ({worst[1] // 1024} / {varied[1] // 1024} MiB), limit {limit}")
    return 1 if time_ratio > limit or memory_ratio > limit else 0


if __name__ == "__main__":
    sys.exit(main())
