#!/usr/bin/env python3
"""The worst cases stay bounded: each adversarial plan costs at most a few
times what the varied plan of the same size costs (ratios, never absolute
times, so the test holds on any machine and under the sanitizers).

- N activities copied from one (same title, description, objective and region):
  gap-analysis and report within 2x the time and memory of N varied ones (the
  overlap search was quadratic: 4,000 copies took 15x the time and 30x the memory).
- One indicator with 30,000 values: the Markdown report within 3x the time of
  the JSON report of the same plan (its trend section was quadratic).
- `intake` of a hostile issue body of 250 KB (15,000 headings that are no question,
  60,000 choices in one answer, 28,000 sponsor lines) within 2x the time and memory of
  a plain body of the same size (a long description), on the varied plan.
- `report --since REV` where the plan at REV held N activity files under one id
  (checked like the working tree: 2N errors, the id counted once) within 2x the
  time of `--since` a REV with N varied activities.

  worst_case.py BINARY [N]
"""
import glob
import os
import re
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


def git(folder, *args):
    subprocess.run(["git", "-C", folder, "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   check=True, stdout=subprocess.DEVNULL)


def history_with(folder, n, one_id):
    """A repository whose tag `then` holds the plan with n activities (each under the
    first one's id when `one_id`), and whose head has none of them."""
    subprocess.run([sys.executable, os.path.join(HERE, "gen_plan.py"), folder, str(n)], check=True)
    files = sorted(glob.glob(os.path.join(folder, "activities", "*.yaml")))
    if one_id:
        first = re.search(r"^id: (.*)$", open(files[0]).read(), re.M).group(1)
        for f in files:
            text = open(f).read()
            open(f, "w").write(re.sub(r"^id: .*$", f"id: {first}", text, count=1, flags=re.M))
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "then")
    git(folder, "tag", "then")
    git(folder, "rm", "-q", "-r", "activities")
    git(folder, "commit", "-qm", "now")


def within_twice(what, worst, varied, problems):
    """Prints the (time, memory) ratio of `worst` to `varied`; over 2 is a problem."""
    print(f"{what}: time {worst[0]:.2f} s / {varied[0]:.2f} s = {worst[0] / varied[0]:.2f}, "
          f"memory {worst[1] // 1024} / {varied[1] // 1024} MiB = {worst[1] / varied[1]:.2f}")
    for i, measure in ((0, "time"), (1, "memory")):
        if worst[i] > 2 * varied[i]:
            problems.append(f"{what}: {worst[i] / varied[i]:.1f}x the {measure}")


def issue_bodies(folder, size=250_000):
    """Issue bodies of about `size` bytes (under intake's 256 KiB): a plain one and hostile ones."""
    start = "### Title\n\nT\n\n### Objectives\n\n"
    end = "\n\n### Publication\n\n- [X] The information above may be published in the plan and its reports.\n"
    texts = {
        "plain": start + "O1\n\n### Description\n\n" + "word " * (size // 5),
        "15,000 unknown headings": start + "O1\n\n" + "".join(f"### h{i}\n\nx\n\n" for i in range(15_000)),
        "60,000 choices": start + ", ".join(["O1"] * 60_000),
        "28,000 sponsor lines": start + "O1\n\n### Sponsors\n\n" + "".join(f"- s{i}\n" for i in range(28_000)),
    }
    paths = {}
    for what, text in texts.items():
        paths[what] = os.path.join(folder, f"issue-{len(paths)}.md")
        with open(paths[what], "w") as f:
            f.write(text[:size] + end)
    return paths


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
            within_twice(f"{name}, {n} identical vs varied activities", cost([binary, "-C", same] + command),
                         cost([binary, "-C", varied] + command), problems)
        j = cost([binary, "-C", series, "report", "--as-of", AS_OF, "--format", "json"])
        m = cost([binary, "-C", series, "report", "--as-of", AS_OF])
        print(f"report of one indicator with 30,000 values: Markdown {m[0]:.2f} s / JSON {j[0]:.2f} s = {m[0] / j[0]:.2f}")
        if m[0] > 3 * j[0]:
            problems.append(f"the Markdown report takes {m[0] / j[0]:.1f}x the time of the JSON report")
        varied_then, same_then = os.path.join(work, "varied-then"), os.path.join(work, "same-then")
        history_with(varied_then, n, False)
        history_with(same_then, n, True)
        since = ["report", "--since", "then", "--as-of", AS_OF]
        within_twice(f"report --since, {n} activities under one id vs varied at REV",
                     cost([binary, "-C", same_then] + since), cost([binary, "-C", varied_then] + since), problems)
        bodies = issue_bodies(work)
        plain = cost([binary, "-C", varied, "intake", bodies.pop("plain"), "--dry-run"])
        for what, body in bodies.items():
            within_twice(f"intake of {what} vs a plain body of the same size",
                         cost([binary, "-C", varied, "intake", body, "--dry-run"]), plain, problems)
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
