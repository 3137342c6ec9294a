#!/usr/bin/env python3
"""Fails on a function in lib/ longer than 80 lines (the house rule of
DESIGN.md: a long function is split into named steps).

  check-function-length.py [--list] [ROOT]

Reads lib/**/*.cpp as clang-format leaves them (the CI checks that first): a
function starts at a line at namespace or class indentation (0 or 2 spaces)
that opens a body with `{` after a parameter list, and ends at the `}` at the
same indentation. Its length counts from the first line of its signature to
the closing brace. Functions already longer when the rule came in are listed in
scripts/long-functions.txt with their length; they may shrink, never grow, and
a new one may not join them. --list prints every function over the limit.
"""
import pathlib
import re
import sys

LIMIT = 80
CONTROL = re.compile(r"^\s*(if|for|while|switch|do|else|namespace|struct|class|enum|union|extern|try|catch)\b")


def functions(path):
    """(name, first line, length) of each function body in a file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        indent = len(line) - len(line.lstrip(" "))
        match = re.match(r"\s*(?:[\w:<>,*&~ ]+?\s)?[*&]?([A-Za-z_~][\w:~]*)\(", line)
        if indent in (0, 2) and match and not CONTROL.match(line) and "=" not in line.split("(")[0] \
                and not line.rstrip().endswith(";"):
            # The signature runs to the line that opens the body (or ends the declaration).
            body = i
            while body < len(lines) and body < i + 8 and not lines[body].rstrip().endswith(("{", ";", "}")):
                body += 1
            if body < len(lines) and lines[body].rstrip().endswith("{") and not lines[body].rstrip().endswith("= {"):
                closing = " " * indent + "}"
                end = body + 1
                while end < len(lines) and not (lines[end].startswith(closing) and
                                                len(lines[end]) - len(lines[end].lstrip(" ")) == indent):
                    end += 1
                out.append((match.group(1), i + 1, end - i + 1))
                i = end + 1
                continue
        i += 1
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = pathlib.Path(args[0] if args else ".").resolve()
    allowed = {}
    listed = root / "scripts" / "long-functions.txt"
    if listed.exists():
        for line in listed.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                where, length = line.split()
                allowed[where] = int(length)
    problems, found = [], {}
    for path in sorted((root / "lib").rglob("*.cpp")):
        rel = path.relative_to(root).as_posix()
        for name, first, length in functions(path):
            if length <= LIMIT:
                continue
            where = f"{rel}:{name}"
            found[where] = length
            if "--list" in sys.argv:
                print(f"{where} {length}")
            if where not in allowed:
                problems.append(f"{rel}:{first}: {name} is {length} lines, over the limit of {LIMIT}: "
                                f"split it into named steps")
            elif length > allowed[where]:
                problems.append(f"{rel}:{first}: {name} grew to {length} lines (listed at {allowed[where]} in "
                                f"scripts/long-functions.txt): split it, do not grow it")
    for where in sorted(set(allowed) - set(found)):
        problems.append(f"scripts/long-functions.txt: {where} is no longer over {LIMIT} lines: remove it")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
