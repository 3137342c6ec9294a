#!/usr/bin/env python3
"""Run the shell sessions of Markdown documents and compare their outputs.

    check_doc_commands.py BINARY DOC.md [DOC.md...]

The convention in the Markdown:

* A shell session is a fenced code block whose info string is `console`
  (a block whose info string is `console no-check` is shown, never run).
* In it, a line starting with `$ ` is a command. The command goes on over the
  following lines while it has an open here-document (`<<'EOF'` ... `EOF`,
  also `<<EOF`, `<<"EOF"`, `<<-EOF`) or its line ends with a backslash.
* Every other line, up to the next command or the end of the block, is the
  expected output: stdout and stderr merged, in the order printed.
* A command must exit 0, unless its expected output ends with a line
  `[exit N]`: then it must exit N.

All blocks of one document run in order in ONE bash session, so `cd`,
variables and files carry over from block to block. The session starts in an
empty temporary home folder, with `actionplan` on PATH standing for BINARY,
SOURCE_DATE_EPOCH=1795219200 (2026-11-21), NO_COLOR=1, LC_ALL=C.UTF-8, TZ=UTC
and fixed git identities and dates. The temporary home folder is shown as
/home/you in outputs.

Outputs are compared exactly, after removing trailing whitespace from each
line and empty lines at the end. On a difference, the document, the line of
the command and a unified diff are printed, and the exit code is 1.

With UPDATE_DOCS=1, the expected outputs that differ are rewritten in place
instead; the rest of each file stays byte for byte as it was.

Other environment variables: DOCCHECK_TIMEOUT (seconds for one document,
default 300), DOCCHECK_KEEP=1 (keep the temporary folder and print its path).

Exit codes: 0 all outputs as expected (or updated), 1 differences or a broken
document, 2 bad arguments.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile

EPOCH = "1795219200"  # 2026-11-21 00:00:00 UTC
HOME_PLACEHOLDER = "/home/you"
TMP_PLACEHOLDER = "/tmp/doccheck"
EXIT_LINE = re.compile(r"^\[exit (\d+)\]$")
FENCE_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
# A here-document operator; `<<<` (a here-string) is not one.
HEREDOC = re.compile(
    r"(?<!<)<<(-?)[ \t]*(?:'([^'\n]+)'|\"([^\"\n]+)\"|\\?([A-Za-z_][A-Za-z0-9_]*))")
# Variables of the caller that the session keeps (sanitizer builds and the like).
PASSTHROUGH = ("LD_LIBRARY_PATH", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS",
               "TSAN_OPTIONS", "MSAN_OPTIONS")


class DocError(Exception):
    """The document breaks the convention (reported with its line)."""


@dataclasses.dataclass
class Command:
    line: int                 # 1-based line of the `$ ` line
    text: str                 # the command, continuation lines included
    out_start: int            # index (0-based) of the first expected-output line
    out_end: int              # index one past the last expected-output line
    expected: list[str]       # normalised expected lines, `[exit N]` included
    fence: str                # the block's fence, e.g. "```"


def normalise(lines: list[str]) -> list[str]:
    """Trailing whitespace off every line, empty lines at the end dropped;
    an `[exit N]` line stays last."""
    lines = [line.rstrip() for line in lines]
    while lines and lines[-1] == "":
        lines.pop()
    if lines and EXIT_LINE.match(lines[-1]):
        exit_line = lines.pop()
        while lines and lines[-1] == "":
            lines.pop()
        lines.append(exit_line)
    return lines


def heredoc_terminators(line: str) -> list[tuple[str, bool]]:
    """The here-document terminators opened on a line, in order, with
    whether leading tabs are stripped (`<<-`)."""
    result = []
    for match in HEREDOC.finditer(line):
        word = match.group(2) or match.group(3) or match.group(4)
        result.append((word, match.group(1) == "-"))
    return result


def parse(path: str, lines: list[str]) -> list[Command]:
    """The commands of the `console` blocks of a document."""
    commands: list[Command] = []
    i = 0
    while i < len(lines):
        opening = FENCE_OPEN.match(lines[i].rstrip("\r\n"))
        if not opening:
            i += 1
            continue
        fence = opening.group(2)
        info = opening.group(3).strip()
        if fence[0] == "`" and "`" in info:
            i += 1  # not a fence: an inline code span
            continue
        closing = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
        end = i + 1
        while end < len(lines) and not closing.match(lines[end].rstrip("\r\n")):
            end += 1
        words = info.split()
        if words[:1] == ["console"] and "no-check" not in words[1:]:
            commands += parse_block(path, lines, i + 1, end, fence)
        i = end + 1
    return commands


def is_command(line: str) -> bool:
    return line.startswith("$ ")


def parse_block(path: str, lines: list[str], start: int, end: int, fence: str) -> list[Command]:
    commands = []
    i = start
    while i < end:
        line = lines[i].rstrip("\r\n")
        if not is_command(line):
            if line.strip():
                raise DocError(f"{path}:{i + 1}: output before the first command of a console block "
                               "(a command starts with '$ ')")
            i += 1
            continue
        cmd_line = i
        text = [line[2:]]
        pending = heredoc_terminators(line[2:])
        continued = line.endswith("\\") and not pending
        i += 1
        while pending or continued:
            if i >= end:
                what = f"the here-document ending with '{pending[0][0]}'" if pending else "the line ending with '\\'"
                raise DocError(f"{path}:{cmd_line + 1}: the console block ends inside {what}")
            body = lines[i].rstrip("\r\n")
            text.append(body)
            i += 1
            if pending:
                word, strip_tabs = pending[0]
                if (body.lstrip("\t") if strip_tabs else body) == word:
                    pending.pop(0)
            else:
                pending = heredoc_terminators(body)
                continued = body.endswith("\\") and not pending
        out_start = i
        while i < end and not is_command(lines[i].rstrip("\r\n")):
            i += 1
        expected = normalise([l.rstrip("\r\n") for l in lines[out_start:i]])
        if expected and expected[-1] == "[exit 0]":
            raise DocError(f"{path}:{cmd_line + 1}: '[exit 0]' is implied; remove it")
        commands.append(Command(cmd_line + 1, "\n".join(text), out_start, i, expected, fence))
    return commands


def bash_quote(text: str) -> str:
    """Text as a bash $'...' word."""
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "'":
            out.append("\\'")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    return "$'" + "".join(out) + "'"


def session_script(commands: list[Command], token: str) -> str:
    """One bash script running every command, each framed by markers, its
    stdin empty and its stderr merged into stdout. `eval` keeps the session
    alive after a command with a syntax error."""
    parts = ['cd "$HOME" || exit 99\n']
    for n, command in enumerate(commands):
        parts.append(f"printf '%s\\n' '@@BEGIN {token} {n}@@'\n")
        parts.append(f"eval {bash_quote(command.text + chr(10))} </dev/null 2>&1\n")
        parts.append(f"printf '\\n%s\\n' \"@@END {token} {n} $?@@\"\n")
    return "".join(parts)


def make_env(root: str, home: str, shim: str) -> dict[str, str]:
    env = {name: os.environ[name] for name in PASSTHROUGH if name in os.environ}
    tmp = os.path.join(root, "tmp")
    os.mkdir(tmp)
    env.update({
        "PATH": shim + os.pathsep + os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": home,
        "USER": "you",
        "LOGNAME": "you",
        "TMPDIR": tmp,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "SOURCE_DATE_EPOCH": EPOCH,
        "GIT_AUTHOR_NAME": "Plan Secretariat",
        "GIT_AUTHOR_EMAIL": "secretariat@example.org",
        "GIT_COMMITTER_NAME": "Plan Secretariat",
        "GIT_COMMITTER_EMAIL": "secretariat@example.org",
        "GIT_AUTHOR_DATE": f"@{EPOCH} +0000",
        "GIT_COMMITTER_DATE": f"@{EPOCH} +0000",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_COUNT": "2",
        "GIT_CONFIG_KEY_0": "init.defaultBranch",
        "GIT_CONFIG_VALUE_0": "main",
        "GIT_CONFIG_KEY_1": "advice.detachedHead",
        "GIT_CONFIG_VALUE_1": "false",
        "GIT_PAGER": "cat",
        "PAGER": "cat",
    })
    return env


def run_session(binary: str, commands: list[Command], timeout: float):
    """Runs the commands; returns ([(output lines, exit code) or None], note)."""
    root = tempfile.mkdtemp(prefix="doccheck.")
    keep = os.environ.get("DOCCHECK_KEEP") == "1"
    try:
        home = os.path.join(root, "home")
        shim = os.path.join(root, "bin")
        os.mkdir(home)
        os.mkdir(shim)
        os.symlink(binary, os.path.join(shim, "actionplan"))
        token = secrets.token_hex(8)
        script = os.path.join(root, "session.sh")
        with open(script, "w", encoding="utf-8") as f:
            f.write(session_script(commands, token))
        log = os.path.join(root, "session.log")
        note = None
        with open(log, "wb") as out:
            proc = subprocess.Popen(["bash", "--noprofile", "--norc", script], cwd=home,
                                    env=make_env(root, home, shim), stdin=subprocess.DEVNULL,
                                    stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                note = f"timed out after {timeout:g} s"
            finally:
                try:  # the session and anything it left running in the background
                    os.killpg(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
                proc.wait()
        with open(log, "rb") as f:
            raw = f.read().decode("utf-8", errors="replace")
        replacements = []
        for path, placeholder in ((home, HOME_PLACEHOLDER), (root, TMP_PLACEHOLDER)):
            for variant in {path, os.path.realpath(path)}:
                replacements.append((variant, placeholder))
        replacements.sort(key=lambda r: len(r[0]), reverse=True)
        results = []
        for n in range(len(commands)):
            begin = f"@@BEGIN {token} {n}@@\n"
            b = raw.find(begin)
            if b < 0:
                results.append(None)
                continue
            b += len(begin)
            m = re.compile(r"\n@@END " + token + " " + str(n) + r" (\d+)@@\n").search(raw, b)
            if not m:
                results.append(None)
                continue
            text = raw[b:m.start()]
            for path, placeholder in replacements:
                text = text.replace(path, placeholder)
            results.append((normalise(text.split("\n")), int(m.group(1))))
        if note is None and any(r is None for r in results):
            note = f"the bash session ended early (exit {proc.returncode})"
        return results, note
    finally:
        if keep:
            print(f"kept the temporary folder {root}", file=sys.stderr)
        else:
            for dirpath, dirnames, _ in os.walk(root):
                for d in dirnames:  # so that read-only folders can be removed
                    try:
                        os.chmod(os.path.join(dirpath, d), 0o700)
                    except OSError:
                        pass
            shutil.rmtree(root, ignore_errors=True)


def actual_lines(output: list[str], code: int) -> list[str]:
    return output + ([f"[exit {code}]"] if code != 0 else [])


def unsafe_output(lines: list[str], fence: str) -> str | None:
    """Why these output lines cannot be written into the block, if so."""
    closing = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}[ \t]*$")
    for line in lines:
        if is_command(line):
            return f"an output line starts with '$ ' and would read as a command: {line!r}"
        if closing.match(line):
            return f"an output line would close the {fence} block; open the block with a longer fence"
    return None


def check_document(binary: str, path: str, update: bool, timeout: float) -> bool:
    with open(path, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")
    lines = re.findall(r"[^\n]*\n|[^\n]+$", text)  # only \n ends a line, as in editors
    try:
        commands = parse(path, lines)
    except DocError as e:
        print(f"error: {e}", file=sys.stderr)
        return False
    results, note = run_session(binary, commands, timeout)
    ok = True
    edits = []
    session_over = False
    for command, result in zip(commands, results):
        first = command.text.split("\n", 1)[0]
        if result is None:
            if not session_over:
                print(f"{path}:{command.line}: $ {first}\n  did not finish: {note}", file=sys.stderr)
            session_over = True
            ok = False
            continue
        actual = actual_lines(*result)
        if actual == command.expected:
            continue
        if update:
            problem = unsafe_output(actual, command.fence)
            if problem:
                print(f"{path}:{command.line}: $ {first}\n  cannot update: {problem}", file=sys.stderr)
                ok = False
            else:
                edits.append((command, actual))
            continue
        ok = False
        print(f"{path}:{command.line}: $ {first}\n  output differs:", file=sys.stderr)
        for diff_line in difflib.unified_diff(command.expected, actual, f"expected ({path}:{command.line})",
                                              "actual", lineterm=""):
            print("  " + diff_line, file=sys.stderr)
    if session_over:
        skipped = sum(r is None for r in results) - 1
        if skipped:
            print(f"{path}: not run after that: {skipped} more commands", file=sys.stderr)
    elif note:
        print(f"{path}: {note}", file=sys.stderr)
        ok = False
    summary = f"{len(commands)} commands checked in {path}"
    if update:
        newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
        for command, actual in sorted(edits, key=lambda e: e[0].out_start, reverse=True):
            lines[command.out_start:command.out_end] = [line + newline for line in actual]
        if edits:
            new = "".join(lines).encode("utf-8")
            tmp = path + ".doccheck-tmp"
            with open(tmp, "wb") as f:
                f.write(new)
            shutil.copymode(path, tmp)
            os.replace(tmp, path)
        summary += f"; {len(edits)} expected outputs rewritten"
    print(summary)
    return ok


def main(argv: list[str]) -> int:
    sys.stdout.reconfigure(line_buffering=True)  # the summary in order with the messages on stderr
    if len(argv) > 1 and argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0
    if len(argv) < 3:
        print("usage: check_doc_commands.py BINARY DOC.md [DOC.md...]", file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[1])
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"error: {argv[1]} is not an executable file", file=sys.stderr)
        return 2
    if shutil.which("bash") is None:
        print("error: bash is not on PATH", file=sys.stderr)
        return 2
    update = os.environ.get("UPDATE_DOCS") == "1"
    try:
        timeout = float(os.environ.get("DOCCHECK_TIMEOUT", "300"))
    except ValueError:
        print("error: DOCCHECK_TIMEOUT must be a number of seconds", file=sys.stderr)
        return 2
    ok = True
    for path in argv[2:]:
        if not os.path.isfile(path):
            print(f"error: {path}: no such file", file=sys.stderr)
            ok = False
            continue
        ok = check_document(binary, path, update, timeout) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
