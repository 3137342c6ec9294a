#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets from the example plans and the
test fixtures: tests/fuzz/corpus/<target>/from-*. Files not named from-* (the
hand-written seeds) are left alone. Run from anywhere; deterministic:
  /usr/bin/python3 tests/fuzz/make_corpus.py
record:      single record files, each kind, and plan.yaml files
plan_report: small whole plans as "==> PATH" sections (see fuzz_common.hpp)
add_project: activity records, as given to add-project --from
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fuzz" / "corpus"
FOLDERS = ["objectives", "taskforces", "activities", "indicators"]
LIMIT = 8 * 1024  # bytes per plan_report seed: small plans fuzz faster


def plans():
    for parent in (ROOT / "tests" / "fixtures", ROOT / "examples"):
        for plan in sorted(p for p in parent.iterdir() if (p / "plan.yaml").is_file()):
            yield plan


def records(plan, folder):
    return sorted((plan / folder).glob("*.yaml")) if (plan / folder).is_dir() else []


def name(plan, rel):
    return "from-" + plan.name + "-" + str(rel).replace("/", "-")


def write(target, file_name, data):
    out = CORPUS / target / file_name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)


def main():
    for target in ("record", "plan_report", "add_project"):
        for old in (CORPUS / target).glob("from-*"):
            old.unlink()
    for plan in plans():
        fixture = plan.parent.name == "fixtures"
        # record: every fixture file; from each example plan.yaml and one record per kind.
        write("record", name(plan, "plan.yaml"), (plan / "plan.yaml").read_bytes())
        for folder in FOLDERS:
            for path in records(plan, folder)[: None if fixture else 1]:
                write("record", name(plan, path.relative_to(plan)), path.read_bytes())
        # add_project: activity records (fixtures: all, examples: three).
        for path in records(plan, "activities")[: None if fixture else 3]:
            write("add_project", name(plan, path.relative_to(plan)), path.read_bytes())
        # plan_report: the plan, records in turn from each folder until the limit.
        parts = [b"==> plan.yaml\n" + (plan / "plan.yaml").read_bytes()]
        queues = [records(plan, folder) for folder in FOLDERS]
        size = len(parts[0])
        while any(queues):
            for queue in queues:
                if not queue:
                    continue
                path = queue.pop(0)
                part = b"==> " + str(path.relative_to(plan)).encode() + b"\n" + path.read_bytes()
                if size + len(part) > LIMIT:
                    queues = [[] for _ in queues]
                    break
                parts.append(part)
                size += len(part)
        write("plan_report", "from-" + plan.name, b"".join(parts))
    for target in ("record", "plan_report", "add_project"):
        print(target, len(list((CORPUS / target).iterdir())), "files")


main()
