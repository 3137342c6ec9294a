#!/usr/bin/env python3
"""The worst cases stay bounded: each adversarial plan costs at most a few
times what the varied plan of the same size costs (ratios, never absolute
times, so the test holds on any machine and under the sanitizers).

- N activities copied from one (same title, description, objective and region):
  gap-analysis and report within 2x the time and memory of N varied ones (the
  overlap search was quadratic: 4,000 copies took 15x the time and 30x the memory).
- One indicator with 30,000 values: the Markdown report within 3x the time of
  the JSON report of the same plan (its trend section was quadratic).

  worst_case.py BINARY [N]
"""
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
AS_OF = "2026-11-21"


def cost(command, runs=3):
    """(least wall seconds, largest peak KiB) of `runs` runs: the least time is the one least
    disturbed by other work on the machine."""
    best, peak = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        p = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        best = min(best, time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            sys.exit(f"{' '.join(command)} failed: {status}")
    return best, peak


def main():
    binary = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    problems = []
    with tempfile.TemporaryDirectory() as work:
        varied, same, series = (os.path.join(work, x) for x in ("varied", "same", "series"))
        gen = [sys.executable, os.path.join(HERE, "gen_plan.py")]
        subprocess.run(gen + [varied, str(n)], check=True)
        subprocess.run(gen + [same, str(n), "--identical"], check=True)
        subprocess.run(gen + [series, "200", "--values", "30000"], check=True)
        for name, command in (("gap-analysis", ["gap-analysis", "--as-of", AS_OF, "--format", "json"]),
                              ("report", ["report", "--as-of", AS_OF])):
            v = cost([binary, "-C", varied] + command)
            i = cost([binary, "-C", same] + command)
            print(f"{name}, {n} identical vs varied activities: time {i[0]:.2f} s / {v[0]:.2f} s = "
                  f"{i[0] / v[0]:.2f}, memory {i[1] // 1024} / {v[1] // 1024} MiB = {i[1] / v[1]:.2f}")
            if i[0] > 2 * v[0]:
                problems.append(f"{name}: identical activities take {i[0] / v[0]:.1f}x the time of varied ones")
            if i[1] > 2 * v[1]:
                problems.append(f"{name}: identical activities take {i[1] / v[1]:.1f}x the memory of varied ones")
        j = cost([binary, "-C", series, "report", "--as-of", AS_OF, "--format", "json"])
        m = cost([binary, "-C", series, "report", "--as-of", AS_OF])
        print(f"report of one indicator with 30,000 values: Markdown {m[0]:.2f} s / JSON {j[0]:.2f} s = {m[0] / j[0]:.2f}")
        if m[0] > 3 * j[0]:
            problems.append(f"the Markdown report takes {m[0] / j[0]:.1f}x the time of the JSON report")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
