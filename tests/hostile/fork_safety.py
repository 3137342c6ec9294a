#!/usr/bin/env python3
"""Fork safety: a plan from a fork's pull request must not make the tool run a
program, follow a symlink out of the plan, or read outside the plan root.

  fork_safety.py --binary BIN --examples DIR [--sanitized] [--keep] [--verbose]

Builds hostile plans from a copy of examples/4p1000:
  A  record files that are symlinks to outside (/etc/passwd, a valid record in a
     folder next to the plan, /dev/zero, a folder), values that look like shell
     commands ($(touch ...), `...`, ; rm -rf), a git repository with two tagged
     commits, a .gitattributes naming a filter driver and a .git/config whose
     filter, fsmonitor, pager, textconv, sshCommand and hooks would run programs;
  B  record folders (objectives, taskforces, activities, indicators) that are
     symlinks to copies outside the plan;
  C  a copy of A for the commands that write.
Runs every command under `strace -f` (execve, fork, clone, open, openat, openat2,
creat; -y gives the real path of every file descriptor) and checks:
  - exactly one execve, the binary itself; no fork or vfork; every clone is a
    thread (CLONE_THREAD), so no process is made;
  - every path opened (the real path the kernel opened, or, for a failed open,
    the path asked for) is inside the plan root, the -o target's folder, or on
    ALLOWED below (the dynamic loader and libraries, the CPU count, libgit2's
    configuration files and CA bundle, and under --sanitized /proc/self);
  - no canary file made by the command-like values or the git configuration;
  - read commands leave the plan byte-identical;
  - control: add-project --from a file outside the plan (a path the user names,
    allowed like -o) is seen by the trace as a read outside the plan.
Exit 0 pass, 1 fail, 77 skip (strace missing or ptrace not permitted).

Under --sanitized (the ASan+UBSan build) LeakSanitizer is turned off, because
it cannot run under ptrace; /proc/self/{maps,environ,cmdline,...} is allowed
(ASan reads them at start).
"""
import argparse
import codecs
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

# Paths outside the plan a command may open (prefixes end with /). Everything
# else outside the plan root and the -o target's folder fails the test.
ALLOWED = [
    "/etc/ld.so.cache", "/etc/ld.so.preload",          # the dynamic loader
    "/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/",    # shared libraries (merged /usr)
    "/sys/devices/system/cpu/",                        # std::thread::hardware_concurrency
    "/proc/sys/vm/overcommit_memory",                  # glibc malloc, when a worker's heap shrinks
    "/dev/null",
    # libgit2 (report --since, init): its git_libgit2_init() loads the system CA
    # bundle for mbedTLS, and it reads the global and system git configuration.
    "/etc/ssl/certs/ca-certificates.crt", "/usr/lib/ssl/",
    "/etc/gitconfig",
    # $HOME/.gitconfig and $HOME/.config/git/ are added at run time ($HOME is an
    # empty folder made by the test).
]
SANITIZER_ALLOWED = ["/proc/self/", "/proc/thread-self/"]
# Bugs of the tool this test finds today: (regex on the problem, description). A
# matching problem is reported as XFAIL; a known bug no longer seen fails the test
# (XPASS), so that the entry is removed once the tool is fixed.
KNOWN_BUGS = []
TRACED = "execve,execveat,fork,vfork,clone,clone3,open,openat,openat2,creat"
CANARY = "PWNED"


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def make_plans(base, examples):
    outside = os.path.join(base, "outside")
    os.makedirs(outside)
    canary = os.path.join(base, CANARY)
    plan_a = os.path.join(base, "plan-a")
    shutil.copytree(os.path.join(examples, "4p1000"), plan_a, symlinks=True)
    # Targets outside the plan: a valid record (it would be accepted if followed).
    with open(os.path.join(outside, "outside.yaml"), "w") as f:
        f.write("id: outside\ntitle: Outside record\nobjectives: [O1]\n")
    os.makedirs(os.path.join(outside, "folder"))
    with open(os.path.join(outside, "folder", "inner.yaml"), "w") as f:
        f.write("id: inner\ntitle: Inner record\nobjectives: [O1]\n")
    links = {
        "activities/evil.yaml": "/etc/passwd",
        "activities/outside.yaml": os.path.join(outside, "outside.yaml"),
        "activities/relative.yaml": "../../outside/outside.yaml",
        "activities/folder.yaml": os.path.join(outside, "folder"),
        "indicators/zero.yaml": "/dev/zero",
        "taskforces/dangling.yaml": os.path.join(outside, "missing.yaml"),
        "objectives/loop.yaml": "loop.yaml",
        "reports": outside,
        ".actionplan": outside,
    }
    for link, target in links.items():
        os.symlink(target, os.path.join(plan_a, link))
    # Values that look like commands, in every kind of text the tool prints.
    cmd = f"$(touch {canary}-dollar) `touch {canary}-tick`; touch {canary}-semi && rm -rf /tmp/x | sh"
    with open(os.path.join(plan_a, "activities", "cmd.yaml"), "w") as f:
        f.write(f"id: cmd\ntitle: '{cmd}'\nobjectives: [O1]\n"
                f"description: '{cmd}'\nlead: {{name: '{cmd}', org: '; rm -rf ~'}}\n"
                f"url: 'https://example.org/$(touch {canary}-url)'\n"
                f"sponsors: ['|| touch {canary}-or']\n")
    with open(os.path.join(plan_a, ".gitattributes"), "w") as f:
        f.write("* filter=evil diff=evil\n")
    # A git repository (made with the git program here, before the hostile config).
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "v1"], ["tag", "v1"]):
        r = run(git + args, cwd=plan_a)
        if r.returncode:
            raise SystemExit(f"git {args}: {r.stderr}")
    with open(os.path.join(plan_a, "activities", "later.yaml"), "w") as f:
        f.write("id: later\ntitle: Added later\nobjectives: [O1]\n")
    for args in (["add", "-A"], ["commit", "-qm", "v2"]):
        run(git + args, cwd=plan_a, check=True)
    with open(os.path.join(plan_a, ".git", "config"), "a") as f:
        f.write(f'[filter "evil"]\n\tclean = touch {canary}-clean\n\tsmudge = touch {canary}-smudge\n'
                f'\tprocess = touch {canary}-process\n'
                f'[diff "evil"]\n\ttextconv = touch {canary}-textconv\n'
                f"[core]\n\tfsmonitor = touch {canary}-fsmonitor\n\tpager = touch {canary}-pager\n"
                f"\tsshCommand = touch {canary}-ssh\n\thooksPath = {outside}\n"
                f"\teditor = touch {canary}-editor\n")
    for hook in ("pre-commit", "post-checkout", "post-index-change", "reference-transaction"):
        path = os.path.join(outside, hook)          # core.hooksPath above points here
        with open(path, "w") as f:
            f.write(f"#!/bin/sh\ntouch {canary}-hook-{hook}\n")
        os.chmod(path, 0o755)
    # Plan B: the record folders themselves are symlinks to copies outside.
    plan_b = os.path.join(base, "plan-b")
    shutil.copytree(os.path.join(examples, "4p1000"), plan_b, symlinks=True)
    for kind in ("objectives", "taskforces", "activities", "indicators"):
        shutil.move(os.path.join(plan_b, kind), os.path.join(outside, "b-" + kind))
        os.symlink(os.path.join(outside, "b-" + kind), os.path.join(plan_b, kind))
    # Plan C: a copy of A for the commands that write.
    plan_c = os.path.join(base, "plan-c")
    shutil.copytree(plan_a, plan_c, symlinks=True)
    with open(os.path.join(plan_c, "rows.csv"), "w") as f:
        f.write("title,objectives,description\n"
                f"Imported row,O1,'$(touch {canary}-csv)'\n")
    return plan_a, plan_b, plan_c, outside


READ_COMMANDS = [
    ["validate"], ["validate", "--format", "json"], ["validate", "--format", "github"],
    ["validate", "--strict"],
    ["list", "objectives"], ["list", "taskforces"], ["list", "activities"], ["list", "projects"],
    ["list", "indicators"], ["list", "activities", "--format", "json"],
    ["list", "activities", "--format", "csv"], ["list", "activities", "--format", "tsv"],
    ["list", "indicators", "--format", "ids"],
    ["show", "O1"], ["show", "cmd", "--format", "json"], ["show", "evil"],
    ["gap-analysis"], ["gap-analysis", "--format", "json"], ["gap-analysis", "--format", "csv"],
    ["gap-analysis", "--fail-on", "high"],
    ["report"], ["report", "--format", "json"], ["report", "--year", "2026"],
    ["report", "--since", "v1"], ["report", "--since", "main~1", "--format", "json"],
    ["diff", "v1"], ["diff", "v1", "main", "--format", "json"], ["validate", "--since", "v1"],
    ["show", "O1", "--history"], ["forms", "--check"],
    ["schema"], ["schema", "activity"],
    ["completion", "bash"], ["completion", "zsh"],
    ["--help"], ["--version"], ["report", "--help"],
    ["add-project", "Dry run", "-O", "O1", "--dry-run"],
    ["import", "activities", "/dev/null", "--dry-run"],
]
OUTPUT_COMMANDS = [  # -o FILE outside the plan: the one place outside it may write
    ["report", "-o", "{out}/report.md"], ["gap-analysis", "-o", "{out}/gaps.csv"],
    ["validate", "-o", "{out}/diagnostics.json"], ["list", "activities", "-o", "{out}/list.tsv"],
]
WRITE_COMMANDS = [
    ["add-project", "Fork safety", "-O", "O1", "--description", "$(touch {canary}-desc)"],
    ["add-objective", "Fork objective", "--goal", "G1"],
    ["add-task-force", "Fork task force", "-O", "O1"],
    ["add-indicator", "Fork indicator", "--objective", "O1"],
    ["record", "fork-indicator", "--value", "5", "--date", "2026-01"],
    ["set-stage", "fork-safety", "concept"],
    ["import", "activities", "rows.csv"],
    ["init", "{base}/new-plan", "--title", "$(touch {canary}-init)"],
]


def unescape(text):
    """An strace string literal (with -x off) back to a str."""
    raw = codecs.escape_decode(text.encode("utf-8", "surrogateescape"))[0]
    return raw.decode("utf-8", "surrogateescape")


STRING = r'"((?:[^"\\]|\\.)*)"'
SYSCALL = re.compile(r"^(?P<name>\w+)\((?P<args>.*)\)\s+=\s+(?P<ret>-?\d+|\?)(?:<(?P<retpath>[^>]*)>)?"
                     r"(?:\s+(?P<err>E[A-Z0-9]+))?")
DIRFD = re.compile(r"^(?:AT_FDCWD|\d+)<(?P<path>[^>]*)>, ")


def check_trace(log_prefix, binary, allowed, problems, label, seen):
    execs = []
    for fname in sorted(os.listdir(os.path.dirname(log_prefix))):
        if not fname.startswith(os.path.basename(log_prefix) + "."):
            continue
        with open(os.path.join(os.path.dirname(log_prefix), fname), encoding="utf-8",
                  errors="surrogateescape") as f:
            for line in f:
                line = line.rstrip("\n")
                m = SYSCALL.match(line)
                if not m:
                    if re.match(rf"^({TRACED.replace(',', '|')})\(", line):
                        problems.append(f"{label}: cannot parse the trace line: {line}")
                    continue
                name, args, ret = m.group("name"), m.group("args"), m.group("ret")
                if name in ("execve", "execveat"):
                    execs.append(line)
                elif name in ("fork", "vfork"):
                    problems.append(f"{label}: made a process: {line}")
                elif name in ("clone", "clone3"):
                    if "CLONE_THREAD" not in args:
                        problems.append(f"{label}: made a process (clone without CLONE_THREAD): {line}")
                elif name in ("open", "openat", "openat2", "creat"):
                    s = re.search(STRING, args)
                    if not s:
                        problems.append(f"{label}: cannot parse: {line}")
                        continue
                    asked = unescape(s.group(1))
                    if ret != "?" and int(ret) >= 0 and m.group("retpath"):
                        path = unescape(m.group("retpath"))       # what the kernel opened
                    else:
                        d = DIRFD.match(args) if name != "open" and name != "creat" else None
                        start = unescape(d.group("path")) if d else "/"
                        path = os.path.normpath(os.path.join(start, asked))
                    seen.add(path)
                    if not any(path == a or (a.endswith("/") and path.startswith(a)) for a in allowed):
                        problems.append(f"{label}: opened outside the plan: {path} ({line})")
    ok = [e for e in execs if e.endswith(" = 0")]
    if len(execs) != 1 or len(ok) != 1 or f'"{binary}"' not in ok[0]:
        problems.append(f"{label}: expected exactly one execve, of the binary; got {len(execs)}: "
                        + " | ".join(execs[:4]))


def snapshot(root):
    out = {}
    for folder, dirs, names in os.walk(root):
        for name in sorted(dirs + names):
            full = os.path.join(folder, name)
            st = os.lstat(full)
            if stat.S_ISREG(st.st_mode):
                with open(full, "rb") as f:
                    out[full] = (st.st_mode, hashlib.sha256(f.read()).hexdigest())
            elif stat.S_ISLNK(st.st_mode):
                out[full] = (st.st_mode, os.readlink(full))
            else:
                out[full] = (st.st_mode, "")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--examples", required=True)
    parser.add_argument("--sanitized", action="store_true")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="list every path opened outside the plans")
    args = parser.parse_args()
    binary = os.path.realpath(args.binary)

    strace = shutil.which("strace")
    if not strace:
        print("SKIP: strace is not installed (scripts/install-deps.sh installs it)")
        return 77
    probe = run([strace, "-f", "-qq", "-o", os.devnull, "true"])
    if probe.returncode != 0:
        print(f"SKIP: strace cannot trace here (ptrace not permitted?): {probe.stderr.strip()}")
        return 77

    base = os.path.realpath(tempfile.mkdtemp(prefix="fork-safety-"))
    problems, seen, count = [], set(), 0
    try:
        plan_a, plan_b, plan_c, outside = make_plans(base, os.path.realpath(args.examples))
        home, out, logs = (os.path.join(base, d) for d in ("home", "out", "logs"))
        for d in (home, out, logs):
            os.makedirs(d)
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "LANG": "C.UTF-8", "TZ": "UTC", "NO_COLOR": "1",
               "SOURCE_DATE_EPOCH": "1795219200",
               # Tempting for libgit2 or a shell, were one started: all must stay unused.
               "GIT_EXTERNAL_DIFF": f"touch {base}/{CANARY}-extdiff", "GIT_PAGER": f"touch {base}/{CANARY}-gitpager",
               "PAGER": f"touch {base}/{CANARY}-pager-env", "EDITOR": f"touch {base}/{CANARY}-editor-env"}
        if args.sanitized:
            env["ASAN_OPTIONS"] = "detect_leaks=0"     # LeakSanitizer cannot run under ptrace
            for key in ("UBSAN_OPTIONS",):
                if key in os.environ:
                    env[key] = os.environ[key]
        base_allowed = ALLOWED + [os.path.join(home, ".gitconfig"), os.path.join(home, ".config") + "/"]
        if args.sanitized:
            base_allowed += SANITIZER_ALLOWED

        def trace(plan, cmd, extra_allowed, label):
            nonlocal count
            count += 1
            prefix = os.path.join(logs, f"t{count}")
            r = subprocess.run([strace, "-f", "-ff", "-y", "-qq", "-s", "65535", "-e", f"trace={TRACED}",
                                "-e", "signal=none", "-o", prefix, binary] + cmd,
                               cwd=plan, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
            if r.returncode < 0 or r.returncode >= 124:
                problems.append(f"{label}: killed or crashed (exit {r.returncode})")
            if re.search(rb"ERROR: AddressSanitizer|runtime error:", r.stderr):
                problems.append(f"{label}: sanitizer report: {r.stderr.decode(errors='replace')[:400]}")
            allowed = base_allowed + [os.path.realpath(plan) + "/", os.path.realpath(plan)] + extra_allowed
            # /proc/PID/ of the traced process itself (ASan opens /proc/self/maps, which -y shows by pid).
            if args.sanitized:
                allowed += [f"/proc/{f.split('.')[-1]}/" for f in os.listdir(logs) if f.startswith(f"t{count}.")]
            check_trace(prefix, binary, allowed, problems, label, seen)
            for f in os.listdir(logs):
                os.remove(os.path.join(logs, f))
            return r

        subst = {"out": out, "canary": os.path.join(base, CANARY), "base": base}
        for plan, name in ((plan_a, "A"), (plan_b, "B")):
            before = snapshot(plan)
            for cmd in READ_COMMANDS:
                trace(plan, cmd, [], f"plan {name}: actionplan {' '.join(cmd)}")
            for cmd in OUTPUT_COMMANDS:
                cmd = [c.format(**subst) for c in cmd]
                trace(plan, cmd, [out + "/", out], f"plan {name}: actionplan {' '.join(cmd)}")
            if snapshot(plan) != before:
                problems.append(f"plan {name}: a read command changed the plan's files")
        # Control: --from names a file outside the plan on purpose; the tracer must see it,
        # or the checks above prove nothing.
        label = "control: actionplan add-project --from OUTSIDE --dry-run"
        trace(plan_a, ["add-project", "--from", os.path.join(outside, "outside.yaml"), "--dry-run"], [], label)
        flagged = [p for p in problems if p.startswith(label + ": opened outside the plan: "
                                                       + os.path.join(outside, "outside.yaml"))]
        problems[:] = [p for p in problems if not p.startswith(label)]
        if not flagged:
            problems.append("control: the trace did not show --from reading a file outside the plan")
        for cmd in WRITE_COMMANDS:
            cmd = [c.format(**subst) for c in cmd]
            extra = [os.path.join(base, "new-plan") + "/", os.path.join(base, "new-plan")] if cmd[0] == "init" else []
            r = trace(plan_c, cmd, extra, f"plan C: actionplan {' '.join(cmd)}")
            if r.returncode != 0:
                problems.append(f"plan C: actionplan {' '.join(cmd)} failed (exit {r.returncode}): "
                                f"{r.stderr.decode(errors='replace').strip()[:300]}")
        canaries = [f for f in os.listdir(base) if f.startswith(CANARY)]
        if canaries:
            problems.append(f"a command ran a program named by the plan: {', '.join(canaries)} exist")
    finally:
        if args.keep:
            print(f"kept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)

    outside_plans = sorted(p for p in seen if not p.startswith(base))
    if args.verbose:
        print("paths opened outside the plans:")
        for p in outside_plans:
            print("  " + p)
    unexpected = []
    for p in problems:
        bug = next((d for r, d in KNOWN_BUGS if re.search(r, p)), None)
        if bug:
            print(f"XFAIL (known bug: {bug}): {p}")
        else:
            unexpected.append(p)
            print("FAIL: " + p)
    for r, d in KNOWN_BUGS:
        if not any(re.search(r, p) for p in problems):
            unexpected.append(f"XPASS: the known bug is gone, remove it from KNOWN_BUGS: {d}")
            print(unexpected[-1])
    problems = unexpected
    print(f"{count} commands traced{' (sanitized build)' if args.sanitized else ''}; "
          f"{len(outside_plans)} distinct paths outside the plans, all allowed unless listed above; "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
