#!/usr/bin/env python3
"""Tags `hostile` in the git repository of the current folder: a commit whose
activities/ tree names one 2 MB blob 2,000 times and one 1 MiB blob 300 times
(a .git of a few hundred KB that a naive reader inflates to gigabytes).
Used by tests/hostile/cases/reports-since-blob-amplification.case."""
import subprocess


def git(*args, data=b""):
    return subprocess.run(["git", *args], input=data, capture_output=True, check=True).stdout.decode().strip()


big = git("hash-object", "-w", "--stdin", data=b"x" * 2_000_000)
mib = git("hash-object", "-w", "--stdin", data=b"# " + b"y" * 1048570 + b"\n")
entries = "".join(f"100644 blob {big}\tbig-{i}.yaml\n" for i in range(2000))
entries += "".join(f"100644 blob {mib}\tmib-{i}.yaml\n" for i in range(300))
activities = git("mktree", data=entries.encode())
root = "".join(line + "\n" for line in git("ls-tree", "HEAD").splitlines() if not line.endswith("\tactivities"))
root += f"040000 tree {activities}\tactivities\n"
commit = git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit-tree", git("mktree", data=root.encode()),
             "-m", "hostile")
git("tag", "hostile", commit)
