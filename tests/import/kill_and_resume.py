#!/usr/bin/env python3
"""An import killed at any moment leaves a plan it can finish (issue 17).

  kill_and_resume.py BINARY FIXTURES_DIR [--runs N] [--rows N] [--seed N]

Makes a CSV of 2,000 activities for the `minimal` fixture and imports it once
without interruption, timing it. Then, 20 times, into a fresh copy of the
fixture: starts the import and kills it (SIGKILL) after a delay spread over
that duration (seeded, so the delays are the same on every run of the test).
After each kill, every activities/*.yaml must parse (PyYAML) and be byte-equal
to the uninterrupted import's file of that name: nothing half-written. Then
the same import is run again: it must succeed, leave no temporary file
(.NAME.tmp-XXXXXX) in the plan, and the plan must hold exactly the 2,000
files of the uninterrupted import, byte for byte. No assertion on time.
"""
import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

TEMP_NAME = re.compile(r"^\..+\.tmp-[A-Za-z0-9]{6}$")
RECORD_FOLDERS = ("", "objectives", "taskforces", "activities", "indicators")


def make_csv(rows: int) -> str:
    regions = ["africa", "europe", ""]
    lines = ["title,objectives,region,budget,sponsors,description"]
    for i in range(1, rows + 1):
        lines.append(
            f'Soil project {i:04d},{"O1" if i % 2 else "O1; O2"},{regions[i % 3]},{1000 * i},'
            f'"Fund {i % 7}; Ministry of Agriculture\\; Kenya","Row {i}, with a comma\r\nand a second line"'
        )
    return "\r\n".join(lines) + "\r\n"


def activity_files(plan: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted((plan / "activities").glob("*.yaml"))}


def temp_files(plan: Path) -> list:
    found = []
    for folder in RECORD_FOLDERS:
        d = plan / folder
        if d.is_dir():
            found += [str(Path(folder) / n) for n in os.listdir(d) if TEMP_NAME.match(n)]
    return sorted(found)


def fresh_plan(fixtures: Path, work: Path, name: str, csv_text: str) -> Path:
    plan = work / name
    shutil.copytree(fixtures / "minimal", plan)
    (plan / "projects.csv").write_text(csv_text, encoding="utf-8", newline="")
    return plan


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("fixtures")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--rows", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=17)
    args = ap.parse_args()
    binary, fixtures = os.path.abspath(args.binary), Path(args.fixtures).resolve()
    env = dict(os.environ, NO_COLOR="1", SOURCE_DATE_EPOCH="1795219200", LANG="C.UTF-8")
    command = [binary, "import", "activities", "projects.csv"]
    csv_text = make_csv(args.rows)
    failures = []

    with tempfile.TemporaryDirectory(prefix="ap-kill-") as tmp:
        work = Path(tmp)
        reference = fresh_plan(fixtures, work, "reference", csv_text)
        before = set(activity_files(reference))
        started = time.monotonic()
        done = subprocess.run(command, cwd=reference, env=env, capture_output=True, text=True)
        duration = time.monotonic() - started
        if done.returncode != 0:
            print(f"the uninterrupted import failed (exit {done.returncode}):\n{done.stderr}")
            return 1
        expected = {n: b for n, b in activity_files(reference).items() if n not in before}
        if len(expected) != args.rows:
            print(f"the uninterrupted import wrote {len(expected)} activities, not {args.rows}")
            return 1
        print(f"uninterrupted import: {len(expected)} activities in {duration:.2f} s")

        rng = random.Random(args.seed)
        partial_kills = 0

        def kill_run(label, delay):
            """One import killed after `delay` s, then run again; returns the files the kill left."""
            plan = fresh_plan(fixtures, work, label, csv_text)
            process = subprocess.Popen(command, cwd=plan, env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            code = process.wait()
            problems = []
            after_kill = {n: b for n, b in activity_files(plan).items() if n not in before}
            left = temp_files(plan)
            for path in sorted((plan / "activities").glob("*.yaml")):
                try:
                    yaml.safe_load(path.read_bytes())
                except yaml.YAMLError as e:
                    problems.append(f"{path.name} does not parse after the kill: {e}")
            for name, content in after_kill.items():
                if expected.get(name) != content:
                    problems.append(f"{name} after the kill differs from the uninterrupted import's")
            again = subprocess.run(command, cwd=plan, env=env, capture_output=True, text=True)
            if again.returncode != 0:
                problems.append(f"the import run again failed (exit {again.returncode}):\n{again.stderr}")
            if temp_files(plan):
                problems.append(f"temporary files remain after the import ran again: {temp_files(plan)}")
            final = {n: b for n, b in activity_files(plan).items() if n not in before}
            if final != expected:
                missing = sorted(set(expected) - set(final))[:5]
                extra = sorted(set(final) - set(expected))[:5]
                changed = sorted(n for n in set(final) & set(expected) if final[n] != expected[n])[:5]
                problems.append(f"after the second run: {len(final)} activities; missing {missing}, "
                                f"extra {extra}, different {changed}")
            summary = again.stderr.strip().splitlines()[-1] if again.stderr.strip() else ""
            print(f"{label}: killed after {delay:.3f} s (exit {code}), {len(after_kill)} files "
                  f"and {len(left)} temporary {'file' if len(left) == 1 else 'files'} left; "
                  f"run again: {summary}")
            for p in problems:
                print(f"  FAIL: {p}")
            failures.extend(problems)
            shutil.rmtree(plan)
            return len(after_kill)

        early, late = 0.0, None  # latest kill that left no file, earliest that left them all
        for run in range(args.runs):
            # One delay in each of `runs` equal slices of the duration: spread over all of it.
            delay = duration * (run + rng.random()) / args.runs
            written = kill_run(f"run {run + 1:2d}", delay)
            if 0 < written < args.rows:
                partial_kills += 1
            elif written == 0:
                early = max(early, delay)
            elif late is None or delay < late:
                late = delay
        # On a loaded machine (the suite runs two tests at once) an import may take
        # longer than the uninterrupted one did: then the window in which it writes
        # is searched for, halving the interval between a kill that left nothing and
        # one that left everything (or reaching past the last kill).
        for extra in range(12):
            if partial_kills:
                break
            delay = (early + late) / 2 if late is not None else max(early, duration) * 1.5
            written = kill_run(f"search {extra + 1:2d}", delay)
            if 0 < written < args.rows:
                partial_kills += 1
            elif written == 0:
                early = delay
            else:
                late = delay

        # The kills must have tested something: some of them inside the writing.
        if partial_kills == 0:
            failures.append("no kill landed while the import was writing its files")
            print("FAIL: no kill landed while the import was writing its files")
        print(f"{partial_kills} of the kills left a partial import")
    print("ok" if not failures else f"{len(failures)} {'problem' if len(failures) == 1 else 'problems'}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
