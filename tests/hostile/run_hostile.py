#!/usr/bin/env python3
"""Runs one case of the hostile-input catalogue (tests/hostile/cases/NAME.case)
against the real binary and checks that the tool stays safe on it.

  run_hostile.py --binary BIN --fixtures DIR CASE.case [--keep]
  run_hostile.py --table CASES_DIR          print the README's case table
  run_hostile.py --catalogue CASES_DIR README.md
                                            check the catalogue: every item of the
                                            issue covered, the README table current

A case file is a header of `key: value` lines, then zero or more file sections.

  what:       one line: what the case tries (required)
  category:   structure | encoding | values | files | writes | reports (required)
  item:       the item(s) of the issue it covers, comma separated, from ITEMS below,
              or `other` for a case beyond the issue's list
  fixture:    a folder of tests/fixtures (e.g. minimal), or examples/NAME, or none
  setup:      a shell line run in the plan folder before the command (repeatable;
              the lines form one `bash -e` script): FIFOs, symlinks, chmod, big files
  command:    a shell line (repeatable; the lines form one script, run with
              `bash -o pipefail`); $AP is the binary
  exit:       the expected exit code of the command
  expect:     a Python regex that at least one line of stdout or stderr must match
              (re.search; repeatable)
  reject:     a regex that no line of stdout or stderr may match (repeatable)
  writes:     yes | no: may the command change the plan's tree?
  names-file: the path a diagnostic must start with when the exit code is not 0.
              Default: the first file section inside the plan. `no: REASON` when no
              file is to blame (e.g. the problem is in an option)
  unprivileged: yes: the case needs permissions to bite (chmod 000...). Run as root,
              setup and command run as `nobody` (setpriv) in a plan owned by nobody
  known-bug:  a description of a bug of the tool that makes this case fail. The case
              then passes while it fails, and fails once the bug is fixed (remove
              the key then)
  timeout:    seconds (default 20)

Sections, each up to the next section line or the end of the case file:

  --- file: PATH       the bytes that follow, verbatim (so normally ending in the
                       newline of their last line)
  --- file-py: PATH    a Python expression (may span lines) giving bytes, or a str
                       written as UTF-8: for BOMs, NUL, UTF-16, bidi controls, 2 MB...

PATH is relative to the plan folder, or starts with $OUTSIDE/ for a file outside
the plan (a symlink target, a --from input). Lines starting with # in the header
are comments.

The command runs in the plan folder with stdin from /dev/null, a timeout, and
the environment AP, OUTSIDE (a folder next to the plan, not part of it), SCRATCH
(a scratch folder next to the plan), TESTS (tests/ of the source tree), EXAMPLES,
HOME (an empty folder), NO_COLOR=1, SOURCE_DATE_EPOCH=1795219200 (2026-11-21),
TZ=UTC, LANG=C.UTF-8, PATH of the system only, and the sanitizers' *_OPTIONS.

Checks: no signal and no timeout (exit codes 124 and above fail too), no
sanitizer report, the expected exit code, every expect and reject, the
diagnostic naming the file, and the plan's tree (paths, types, modes, contents,
symlink targets) byte-identical afterwards unless `writes: yes`.
Exit 0 pass, 1 fail, 77 skipped (cannot drop privileges as root).
"""
import argparse
import grp
import hashlib
import os
import pwd
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile

# The items of issue 8 ("a hostile-input catalogue"), by category.
ITEMS = {
    "structure": ["aliases", "bombs", "deep nesting", "multiple documents", "tags",
                  "complex keys", "duplicate keys"],
    "encoding": ["BOM", "UTF-16", "invalid UTF-8", "NUL", "bidi controls", "lone CR"],
    "values": ["yes in number fields", "010 in number fields", "0x1A in number fields",
               "overflow", "empty values", "wrong types"],
    "files": ["symlink to outside the plan", "FIFO", "folder named x.yaml", "unreadable file",
              "2 MB file", "case-clashing names"],
    "writes": ["ids with ../", "ids with /", "CON", "fullwidth letters",
               "zero-width characters", "target exists", "read-only folder", "ulimit -f",
               "concurrent writers"],
    "reports": ["hostile titles in tables", "hostile titles in headings",
                "hostile titles in Mermaid"],
}
SINGLE_KEYS = {"what", "category", "item", "fixture", "exit", "writes", "names-file",
               "unprivileged", "known-bug", "timeout"}
MULTI_KEYS = {"setup", "command", "expect", "reject"}
REQUIRED = {"what", "category", "item", "command", "exit", "writes"}
SECTION = re.compile(rb"^--- (file|file-py): (\S+)[ \t]*\r?\n?$")
SANITIZER = re.compile(r"ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|"
                       r"SUMMARY: UndefinedBehaviorSanitizer|AddressSanitizer:DEADLYSIGNAL")


class CaseError(Exception):
    pass


def parse_case(path):
    """Returns (header dict, [(kind, path, bytes)]). Multi keys map to lists."""
    data = open(path, "rb").read()
    lines = data.splitlines(keepends=True)
    header = {k: [] for k in MULTI_KEYS}
    i = 0
    while i < len(lines) and not SECTION.match(lines[i]):
        line = lines[i].decode("utf-8").rstrip("\r\n")
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or key not in SINGLE_KEYS | MULTI_KEYS:
            raise CaseError(f"{path}: line {i}: not a known `key: value` line: {line!r}")
        if key in MULTI_KEYS:
            header[key].append(value)
        elif key in header:
            raise CaseError(f"{path}: line {i}: {key} given twice")
        else:
            header[key] = value
    missing = sorted(k for k in REQUIRED if not header.get(k))
    if missing:
        raise CaseError(f"{path}: missing keys: {', '.join(missing)}")
    if header["category"] not in ITEMS:
        raise CaseError(f"{path}: unknown category {header['category']!r}")
    for item in items_of(header):
        if item not in ITEMS[header["category"]] + ["other"]:
            raise CaseError(f"{path}: item {item!r} is not one of {ITEMS[header['category']]} "
                            "or other")
    if header["writes"] not in ("yes", "no"):
        raise CaseError(f"{path}: writes must be yes or no")
    files = []
    while i < len(lines):
        m = SECTION.match(lines[i])
        kind, target = m.group(1).decode(), m.group(2).decode()
        i += 1
        body = []
        while i < len(lines) and not SECTION.match(lines[i]):
            body.append(lines[i])
            i += 1
        content = b"".join(body)
        if kind == "file-py":
            value = eval(content.decode("utf-8").strip(), {"__builtins__": __builtins__})
            content = value.encode("utf-8") if isinstance(value, str) else bytes(value)
        rel = target[len("$OUTSIDE/"):] if target.startswith("$OUTSIDE/") else target
        if rel.startswith("/") or ".." in rel.split("/"):
            raise CaseError(f"{path}: section path must stay in its folder: {target}")
        files.append((target, content))
    return header, files


def items_of(header):
    return [s.strip() for s in header["item"].split(",") if s.strip()]


def snapshot(root):
    """Every entry under root: path -> (type, mode, content digest or link target)."""
    entries = {}
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(dirs + names):
            full = os.path.join(folder, name)
            rel = os.path.relpath(full, root)
            st = os.lstat(full)
            mode = stat.S_IMODE(st.st_mode)
            if stat.S_ISLNK(st.st_mode):
                entries[rel] = ("symlink", mode, os.readlink(full))
            elif stat.S_ISREG(st.st_mode):
                try:
                    with open(full, "rb") as f:
                        digest = hashlib.sha256(f.read()).hexdigest()
                except OSError as e:
                    digest = f"unreadable ({e.strerror})"
                entries[rel] = ("file", mode, f"{st.st_size} bytes sha256 {digest}")
            elif stat.S_ISDIR(st.st_mode):
                entries[rel] = ("folder", mode, "")
            else:
                kind = {stat.S_IFIFO: "fifo", stat.S_IFSOCK: "socket", stat.S_IFCHR: "char device",
                        stat.S_IFBLK: "block device"}.get(stat.S_IFMT(st.st_mode), "other")
                entries[rel] = (kind, mode, "")
    return entries


def tree_diff(before, after):
    out = []
    for path in sorted(set(before) | set(after)):
        b, a = before.get(path), after.get(path)
        if b == a:
            continue
        fmt = lambda e: f"{e[0]} {e[1]:04o} {e[2]}".rstrip() if e else "(absent)"
        out.append(f"  {path}: {fmt(b)}  ->  {fmt(a)}")
    return out


def nobody_ids():
    try:
        uid = pwd.getpwnam("nobody").pw_uid
    except KeyError:
        return None
    try:
        gid = grp.getgrnam("nogroup").gr_gid
    except KeyError:
        gid = pwd.getpwnam("nobody").pw_gid
    return uid, gid


def run_case(args):
    case_path = os.path.abspath(args.case)
    name = os.path.basename(case_path)[:-len(".case")]
    header, files = parse_case(case_path)
    tests_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    timeout = float(header.get("timeout", "20"))
    unprivileged = header.get("unprivileged") == "yes" and os.geteuid() == 0
    drop = []
    if unprivileged:
        ids = nobody_ids()
        if ids is None or not shutil.which("setpriv"):
            print("SKIP: running as root and cannot run as nobody (no user nobody or no setpriv)")
            return 77
        drop = ["setpriv", f"--reuid={ids[0]}", f"--regid={ids[1]}", "--clear-groups", "--inh-caps=-all"]

    base = tempfile.mkdtemp(prefix=f"hostile-{name}-")
    os.chmod(base, 0o755)
    plan, outside = os.path.join(base, "plan"), os.path.join(base, "outside")
    scratch, home = os.path.join(base, "scratch"), os.path.join(base, "home")
    for d in (outside, scratch, home):
        os.mkdir(d)
    fixture = header.get("fixture", "none")
    if fixture == "none":
        os.mkdir(plan)
    elif fixture.startswith("examples/"):
        shutil.copytree(os.path.join(os.path.dirname(tests_dir), fixture), plan, symlinks=True)
    else:
        shutil.copytree(os.path.join(os.path.abspath(args.fixtures), fixture), plan, symlinks=True)
    for target, content in files:
        full = (os.path.join(outside, target[len("$OUTSIDE/"):]) if target.startswith("$OUTSIDE/")
                else os.path.join(plan, target))
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(content)

    binary = os.path.abspath(args.binary)
    if unprivileged:
        # The binary may sit in a folder nobody cannot enter: then run a copy.
        # (Through sh: setpriv's own execve may still pass root-only folders.)
        probe = subprocess.run(drop + ["sh", "-c", '"$0" --version', binary], capture_output=True, cwd="/")
        if probe.returncode != 0:
            os.mkdir(os.path.join(base, "bin"))
            binary = shutil.copy2(binary, os.path.join(base, "bin", "actionplan"))
        for d in (plan, outside, scratch, home):
            for folder, dirs, names in os.walk(d):
                for n in [folder] + [os.path.join(folder, x) for x in dirs + names]:
                    os.lchown(n, ids[0], ids[1])

    env = {
        "AP": binary, "OUTSIDE": outside, "SCRATCH": scratch, "TESTS": tests_dir,
        "EXAMPLES": os.path.join(os.path.dirname(tests_dir), "examples"), "HOME": home,
        "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1795219200", "TZ": "UTC", "LANG": "C.UTF-8",
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    }
    for key in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "ASAN_SYMBOLIZER_PATH"):
        if key in os.environ:
            env[key] = os.environ[key]

    failures = []
    try:
        if header["setup"]:
            r = subprocess.run(drop + ["bash", "-e", "-o", "pipefail", "-c", "\n".join(header["setup"])],
                               cwd=plan, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=120)
            if r.returncode != 0:
                print(f"setup failed (exit {r.returncode}):")
                print(r.stdout.decode(errors="replace") + r.stderr.decode(errors="replace"))
                return 1
        before = snapshot(plan)

        proc = subprocess.Popen(drop + ["bash", "-o", "pipefail", "-c", "\n".join(header["command"])],
                                cwd=plan, env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
            code = proc.returncode
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            code = None
        after = snapshot(plan)
        stdout = out.decode("utf-8", errors="replace").replace(base, "<BASE>")
        stderr = err.decode("utf-8", errors="replace").replace(base, "<BASE>")
        lines = stdout.splitlines() + stderr.splitlines()

        expected = int(header["exit"])
        if code is None:
            failures.append(f"hang: no exit within {timeout:g} s (killed)")
        elif code < 0:
            failures.append(f"killed by signal {-code} ({signal.Signals(-code).name})")
        elif code >= 124:
            failures.append(f"exit {code}: a timeout or a signal (128+N)")
        if code is not None and code != expected and not (code < 0 or code >= 124):
            failures.append(f"exit code {code}, expected {expected}")
        for line in lines:
            if SANITIZER.search(line):
                failures.append(f"sanitizer report: {line}")
                break
        for pattern in header["expect"]:
            if not any(re.search(pattern, line) for line in lines):
                failures.append(f"no output line matches expect: {pattern}")
        for pattern in header["reject"]:
            hits = [line for line in lines if re.search(pattern, line)]
            if hits:
                failures.append(f"an output line matches reject: {pattern}: {hits[0]}")
        names = header.get("names-file")
        if names is None:
            inside = [t for t, _ in files if not t.startswith("$OUTSIDE/")]
            names = inside[0] if inside else None
        blamed = code is not None and 0 < code < 124
        if blamed and names is None:
            failures.append("the exit code is not 0 but the case names no file: "
                            "add a file section, `names-file: PATH` or `names-file: no: REASON`")
        elif blamed and not names.startswith("no"):
            if not any(line.startswith(names + ":") for line in lines):
                failures.append(f"no diagnostic names the file: no line starts with '{names}:'")
        if header["writes"] == "no" and before != after:
            failures.append("the plan's tree changed, but the command is not meant to write:\n"
                            + "\n".join(tree_diff(before, after)))
    finally:
        if args.keep:
            print(f"kept {base}")
        else:
            for folder, dirs, _ in os.walk(base):
                for d in dirs:
                    try:
                        os.chmod(os.path.join(folder, d), 0o755, follow_symlinks=False)
                    except (OSError, NotImplementedError):
                        pass
            shutil.rmtree(base, ignore_errors=True)

    print(f"case {name}: {header['what']}")
    print(f"exit {code}; stdout {len(stdout)} bytes, stderr {len(stderr)} bytes")
    print("--- stderr (first lines) ---")
    print("\n".join(stderr.splitlines()[:15]))
    if stdout and (failures or args.verbose):
        print("--- stdout (first lines) ---")
        print("\n".join(stdout.splitlines()[:15]))
    bug = header.get("known-bug")
    if failures:
        print("FAILED:" if not bug else "FAILED (as expected):")
        for f in failures:
            print("  " + f)
        if bug:
            print(f"XFAIL: known bug of the tool: {bug}")
            return 0
        return 1
    if bug:
        print(f"XPASS: the case passes, but is marked known-bug ({bug}): "
              "the bug is fixed, remove the known-bug key")
        return 1
    print("PASS")
    return 0


def table(cases_dir):
    """The README's two tables: each item of the issue with its cases, then every case."""
    cases, by_item = [], {}
    for fname in sorted(os.listdir(cases_dir)):
        if fname.endswith(".case"):
            header, _ = parse_case(os.path.join(cases_dir, fname))
            cases.append((fname[:-len(".case")], header))
            for item in items_of(header):
                by_item.setdefault((header["category"], item), []).append(fname[:-len(".case")])
    rows = ["| category | item of the issue | cases |", "|---|---|---|"]
    for category, items in ITEMS.items():
        for item in items + ["other"]:
            names = by_item.get((category, item), [])
            if names or item != "other":
                rows.append(f"| {category} | {item} | {', '.join(f'`{n}`' for n in names)} |")
    rows += ["", "| case | category | item(s) | what | exit |", "|---|---|---|---|---|"]
    for name, header in cases:
        what = header["what"].replace("|", "\\|")
        bug = " (**known bug**)" if header.get("known-bug") else ""
        rows.append(f"| `{name}` | {header['category']} | {', '.join(items_of(header))} | "
                    f"{what}{bug} | {header['exit']} |")
    return "\n".join(rows) + "\n"


def catalogue(cases_dir, readme):
    problems, covered, count = [], set(), 0
    for fname in sorted(os.listdir(cases_dir)):
        if fname.endswith(".case"):
            header, _ = parse_case(os.path.join(cases_dir, fname))
            covered.update((header["category"], i) for i in items_of(header))
            count += 1
    for category, items in ITEMS.items():
        for item in items:
            if (category, item) not in covered:
                problems.append(f"no case covers {category}: {item}")
    if count < 60:
        problems.append(f"only {count} cases; the catalogue holds at least 60")
    text = open(readme, encoding="utf-8").read()
    start, end = "<!-- cases: begin -->\n", "<!-- cases: end -->"
    if start not in text or end not in text:
        problems.append(f"{readme} lacks the markers {start.strip()} and {end}")
    elif text.split(start, 1)[1].split(end, 1)[0] != table(cases_dir):
        problems.append(f"the table in {readme} is out of date: regenerate it with "
                        f"run_hostile.py --table {cases_dir}")
    for p in problems:
        print(p)
    items = sum(len(v) for v in ITEMS.values())
    print(f"{count} cases; {len([c for c in covered if c[1] != 'other'])} of the issue's {items} items "
          f"covered; {len(problems)} problems")
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary")
    parser.add_argument("--fixtures")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--verbose", action="store_true", help="print stdout too")
    parser.add_argument("--table", metavar="CASES_DIR")
    parser.add_argument("--catalogue", nargs=2, metavar=("CASES_DIR", "README"))
    parser.add_argument("case", nargs="?")
    args = parser.parse_args()
    try:
        if args.table:
            sys.stdout.write(table(args.table))
            return 0
        if args.catalogue:
            return catalogue(*args.catalogue)
        if not (args.binary and args.fixtures and args.case):
            parser.error("--binary, --fixtures and CASE are required")
        return run_case(args)
    except CaseError as e:
        print(f"bad case file: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
