#!/usr/bin/env python3
"""Benchmarks actionplan on generated plans of growing size and on the shipped
4p1000 example, against a Python + PyYAML (CSafeLoader) baseline doing the same
work. Prints Markdown tables (wall time: median of --runs runs; peak memory:
the largest of the runs) and writes them to --out.

usage: run.py [--binary build/actionplan] [--runs 3] [--out FILE] [SIZES...]
       (default sizes: 1000 10000 20000 100000)
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from worst_case import history_with

HERE = os.path.dirname(os.path.abspath(__file__))
AS_OF = "2026-11-21"
os.environ["SOURCE_DATE_EPOCH"] = "1795219200"  # the as-of date of commands without --as-of


def measure(command, runs, env=None, after=None):
    """(median wall seconds, peak KiB) of `runs` runs of `command`."""
    walls, peak = [], 0
    with tempfile.NamedTemporaryFile() as stats:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(["/usr/bin/time", "-o", stats.name, "-f", "%M"] + command,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env=dict(os.environ, **(env or {})), check=False)
            walls.append(time.perf_counter() - start)
            with open(stats.name) as f:
                peak = max(peak, int(f.read().split()[-1]))
            if after:
                after()
    return statistics.median(walls), peak


def seconds(t):
    return f"{t:.3f} s" if t < 0.1 else f"{t:.2f} s"


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    return (f"{os.cpu_count()} cores ({cpu}), {mem_kib / 1024 / 1024:.0f} GiB, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 10000, 20000, 100000])
    ap.add_argument("--binary", default="build/actionplan")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", default="build/bench.md")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    python = sys.executable
    baseline = os.path.join(HERE, "baseline.py")
    work = tempfile.mkdtemp(prefix="actionplan-bench-")
    lines = []

    def emit(line=""):
        print(line, flush=True)
        lines.append(line)

    try:
        emit(f"Machine: {machine()}. Runs per figure: {args.runs} (median wall time; peak memory the "
             f"largest). actionplan `{subprocess.run([binary, '--version'], capture_output=True, text=True).stdout.strip()}`.")
        emit()
        rows = {}
        for n in args.sizes:
            plan = os.path.join(work, f"p{n}")
            subprocess.run([python, os.path.join(HERE, "gen_plan.py"), plan, str(n)], check=True)
            files = sum(len(fs) for _, _, fs in os.walk(plan))
            size_mb = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(plan) for f in fs) / 1e6
            ap_ = [binary, "-C", plan]
            new_file = os.path.join(plan, "activities", "compost-in-schools.yaml")

            def remove_new():
                if os.path.exists(new_file):
                    os.remove(new_file)

            r = {"files": files, "mb": size_mb}
            r["validate"] = measure(ap_ + ["validate", "--as-of", AS_OF], args.runs)
            r["validate1"] = measure(ap_ + ["validate", "--as-of", AS_OF], args.runs, {"ACTIONPLAN_THREADS": "1"})
            r["gap"] = measure(ap_ + ["gap-analysis", "--as-of", AS_OF, "--format", "json"], args.runs)
            r["report"] = measure(ap_ + ["report", "--as-of", AS_OF], args.runs)
            # The plan as a git repository whose last commit is tagged: report --since reads every
            # file of that revision through libgit2 and compares the two plans.
            git = ["git", "-C", plan, "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
            subprocess.run(git[:3] + ["init", "-q"], check=True)
            subprocess.run(git + ["add", "-A"], check=True)
            subprocess.run(git + ["commit", "-qm", "plan"], check=True)
            subprocess.run(git + ["tag", "plan-2025"], check=True)
            r["since"] = measure(ap_ + ["report", "--as-of", AS_OF, "--since", "plan-2025"], args.runs)
            # diff between two revisions: a commit that moves 1% of the activities to another stage.
            moved = sorted(os.listdir(os.path.join(plan, "activities")))[::100]
            for name in moved:
                path = os.path.join(plan, "activities", name)
                with open(path) as f:
                    text = f.read()
                with open(path, "w") as f:
                    f.write(text.replace("\nstage: ", "\nstage: proposal\nx-old-stage: ", 1))
            subprocess.run(git + ["commit", "-qam", "stages"], check=True)
            r["diff"] = measure(ap_ + ["diff", "plan-2025", "HEAD", "--as-of", AS_OF], args.runs)
            r["list"] = measure(ap_ + ["list", "activities", "--format", "json"], args.runs)
            r["add"] = measure(ap_ + ["add-project", "Compost in schools", "-O", "O1"],
                               args.runs, after=remove_new)
            r["base_load"] = measure([python, baseline, "load", plan], args.runs)
            floor = os.path.join(os.path.dirname(binary), "tests", "bench_parse_floor")
            if os.path.exists(floor):  # libyaml's parser alone, one core (median of the runs)
                r["floor"] = statistics.median(
                    float(subprocess.run([floor, plan], capture_output=True, text=True, check=True).stdout.split()[2])
                    for _ in range(args.runs))
            r["base_list"] = measure([python, baseline, "list-json", plan], args.runs)
            r["base_add"] = measure([python, baseline, "add-project", plan, "compost-in-schools"], args.runs,
                                    after=remove_new)
            rows[n] = r
            shutil.rmtree(plan)
            print(f"# {n} activities done", file=sys.stderr, flush=True)

        emit("| activities | files | MB | validate | validate, 1 worker | gap-analysis | / validate "
             "| report | / validate | report --since | list activities --format json | add-project |")
        emit("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n, r in rows.items():
            v = r["validate"][0]
            emit(f"| {n} | {r['files']} | {r['mb']:.0f} | {seconds(v)} | {seconds(r['validate1'][0])} "
                 f"| {seconds(r['gap'][0])} | {r['gap'][0] / v:.2f} | {seconds(r['report'][0])} "
                 f"| {r['report'][0] / v:.2f} | {seconds(r['since'][0])} | {seconds(r['list'][0])} "
                 f"| {seconds(r['add'][0])} |")
        emit()
        emit("`diff` between two revisions (the tagged plan and a commit that moves 1% of the "
             "activities to another stage), against `validate` of the working tree:")
        emit()
        emit("| activities | validate | diff REV REV | / validate | diff peak memory |")
        emit("|---:|---:|---:|---:|---:|")
        for n, r in rows.items():
            emit(f"| {n} | {seconds(r['validate'][0])} | {seconds(r['diff'][0])} "
                 f"| {r['diff'][0] / r['validate'][0]:.2f} | {r['diff'][1] / 1024:.0f} MiB |")
        emit()
        emit("Against the Python + PyYAML (CSafeLoader) baseline doing the same work (`tests/bench/baseline.py`):")
        emit()
        emit("| activities | validate | PyYAML load | speed-up | list json | PyYAML list json | speed-up "
             "| add-project | PyYAML add | speed-up |")
        emit("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n, r in rows.items():
            cells = []
            for ours, theirs in (("validate", "base_load"), ("list", "base_list"), ("add", "base_add")):
                cells += [seconds(r[ours][0]), seconds(r[theirs][0]), f"{r[theirs][0] / r[ours][0]:.1f}x"]
            emit(f"| {n} | " + " | ".join(cells) + " |")
        if all("floor" in r for r in rows.values()):
            cores = os.cpu_count() or 1
            emit()
            emit(f"The floor: libyaml's parser alone walking the events of every file (already in memory, "
                 f"doing nothing with them; `tests/bench/parse_floor.cpp`), on one core, and the most "
                 f"`validate` could gain over the baseline if that work were spread perfectly over {cores} cores:")
            emit()
            emit(f"| activities | libyaml events, 1 core | ÷ {cores} cores | PyYAML load | best possible speed-up "
                 "| validate | share of validate that is libyaml's floor |")
            emit("|---:|---:|---:|---:|---:|---:|---:|")
            for n, r in rows.items():
                ideal = r["floor"] / cores
                emit(f"| {n} | {seconds(r['floor'])} | {seconds(ideal)} | {seconds(r['base_load'][0])} "
                     f"| {r['base_load'][0] / ideal:.1f}x | {seconds(r['validate'][0])} "
                     f"| {100 * ideal / r['validate'][0]:.0f}% |")
        emit()
        emit("Peak memory (MiB):")
        emit()
        emit("| activities | validate | gap-analysis | report | report --since | list json | add-project "
             "| PyYAML load |")
        emit("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n, r in rows.items():
            emit(f"| {n} | " + " | ".join(f"{r[k][1] / 1024:.0f}" for k in
                                          ("validate", "gap", "report", "since", "list", "add", "base_load")) + " |")
        sizes = list(rows)
        if len(sizes) > 1:
            emit()
            emit("Growth: time at the larger size over time at the smaller, divided by the growth in "
                 "activities (1.00 is exactly linear):")
            emit()
            steps = [(a, b) for a, b in zip(sizes, sizes[1:])]
            if 10000 in rows and 100000 in rows:
                steps.append((10000, 100000))
            emit("| command | " + " | ".join(f"{a} → {b}" for a, b in steps) + " |")
            emit("|---|" + "---:|" * len(steps))
            for key, name in (("validate", "validate"), ("gap", "gap-analysis"), ("report", "report"),
                              ("since", "report --since"), ("list", "list activities --format json")):
                emit(f"| {name} | " + " | ".join(
                    f"{(rows[b][key][0] / rows[a][key][0]) / (b / a):.2f}" for a, b in steps) + " |")

        # Worst cases: the adversarial plans against the varied plan of the same size.
        emit()
        emit("Worst cases: adversarial plans against the varied plan of the same size (time and peak "
             "memory as ratios; 1.00 is the same cost):")
        emit()
        emit("| plan | command | varied | adversarial | time ratio | memory ratio |")
        emit("|---|---|---:|---:|---:|---:|")
        for n in [n for n in args.sizes if n <= 20000]:
            varied, same = os.path.join(work, f"v{n}"), os.path.join(work, f"i{n}")
            subprocess.run([python, os.path.join(HERE, "gen_plan.py"), varied, str(n)], check=True)
            subprocess.run([python, os.path.join(HERE, "gen_plan.py"), same, str(n), "--identical"], check=True)
            for name, command in (("gap-analysis", ["gap-analysis", "--as-of", AS_OF, "--format", "json"]),
                                  ("report", ["report", "--as-of", AS_OF])):
                v = measure([binary, "-C", varied] + command, args.runs)
                i = measure([binary, "-C", same] + command, args.runs)
                emit(f"| {n} identical activities | {name} | {seconds(v[0])}, {v[1] / 1024:.0f} MiB "
                     f"| {seconds(i[0])}, {i[1] / 1024:.0f} MiB | {i[0] / v[0]:.2f} | {i[1] / v[1]:.2f} |")
            shutil.rmtree(varied)
            shutil.rmtree(same)
            # The plan at REV holding n activity files under one id, against n varied ids at REV.
            varied_then, same_then = os.path.join(work, f"vt{n}"), os.path.join(work, f"st{n}")
            history_with(varied_then, n, False)
            history_with(same_then, n, True)
            since = ["report", "--as-of", AS_OF, "--since", "then"]
            v = measure([binary, "-C", varied_then] + since, args.runs)
            i = measure([binary, "-C", same_then] + since, args.runs)
            emit(f"| {n} activity files under one id at REV | report --since | {seconds(v[0])}, {v[1] / 1024:.0f} MiB "
                 f"| {seconds(i[0])}, {i[1] / 1024:.0f} MiB | {i[0] / v[0]:.2f} | {i[1] / v[1]:.2f} |")
            shutil.rmtree(varied_then)
            shutil.rmtree(same_then)
        # A history whose tree at REV names a 2 MB blob 2,000 times and a 1 MiB blob 300 times
        # (2.3 GB if inflated), against --since a plain tag of the same plan.
        amplified = os.path.join(work, "amplified")
        subprocess.run([python, os.path.join(HERE, "gen_plan.py"), amplified, "1000"], check=True)
        git = ["git", "-C", amplified, "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
        subprocess.run(git[:3] + ["init", "-q", "-b", "main"], check=True)
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-qm", "plan"], check=True)
        subprocess.run(git + ["tag", "plain"], check=True)
        subprocess.run([python, os.path.join(HERE, "..", "hostile", "amplifying_history.py")], cwd=amplified,
                       check=True)
        v = measure([binary, "-C", amplified, "report", "--as-of", AS_OF, "--since", "plain"], args.runs)
        i = measure([binary, "-C", amplified, "report", "--as-of", AS_OF, "--since", "hostile"], args.runs)
        emit(f"| a REV naming a 2 MB blob 2,000 times (1,000 activities) | report --since | {seconds(v[0])}, "
             f"{v[1] / 1024:.0f} MiB | {seconds(i[0])}, {i[1] / 1024:.0f} MiB | {i[0] / v[0]:.2f} | {i[1] / v[1]:.2f} |")
        shutil.rmtree(amplified)
        series = os.path.join(work, "series")
        subprocess.run([python, os.path.join(HERE, "gen_plan.py"), series, "200", "--values", "30000"], check=True)
        j = measure([binary, "-C", series, "report", "--as-of", AS_OF, "--format", "json"], args.runs)
        m = measure([binary, "-C", series, "report", "--as-of", AS_OF], args.runs)
        emit(f"| one indicator with 30,000 values (1 MiB) | report (Markdown; against the JSON report) "
             f"| {seconds(j[0])}, {j[1] / 1024:.0f} MiB | {seconds(m[0])}, {m[1] / 1024:.0f} MiB "
             f"| {m[0] / j[0]:.2f} | {m[1] / j[1]:.2f} |")
        shutil.rmtree(series)

        example = os.path.join(HERE, "..", "..", "examples", "4p1000")
        copy = os.path.join(work, "4p1000")
        shutil.copytree(example, copy)
        ap_ = [binary, "-C", copy]
        new_file = os.path.join(copy, "activities", "compost-in-schools.yaml")
        commands = [
            ("validate", ["validate", "--as-of", AS_OF]),
            ("gap-analysis", ["gap-analysis", "--as-of", AS_OF]),
            ("report", ["report", "--as-of", AS_OF]),
            ("list activities --format json", ["list", "activities", "--format", "json"]),
            ("list objectives", ["list", "objectives"]),
            ("show I1-research-sites --format json", ["show", "I1-research-sites", "--format", "json"]),
            ("add-project", ["add-project", "Compost in schools", "-O", "O1"]),
            ("schema activity", ["schema", "activity"]),
        ]
        emit()
        emit(f"The shipped example `examples/4p1000` ({sum(len(fs) for _, _, fs in os.walk(copy))} files), "
             "every command:")
        emit()
        emit("| command | wall | peak memory |")
        emit("|---|---:|---:|")
        for name, command in commands:
            wall, peak = measure(ap_ + command, max(args.runs, 5),
                                 after=lambda: os.path.exists(new_file) and os.remove(new_file))
            emit(f"| `{name}` | {seconds(wall)} | {peak / 1024:.0f} MiB |")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
