#!/usr/bin/env python3
"""Reads Markdown on stdin and checks its Mermaid blocks against what the report
may emit (xychart-beta): every block is closed, every line is one of title,
x-axis, y-axis, bar or line; labels are quoted once, without quotes, backticks,
angle brackets, %% (Mermaid directives and comments) or more than 41 characters;
values are plain finite decimals. Prints a summary; exits 1 on a violation."""
import re
import sys

LABEL = r'"([^"`<>\\]*)"'
NUMBER = r"-?\d+(?:\.\d+)?"
LINES = [
    re.compile(r"^xychart-beta(?: horizontal)?$"),
    re.compile(rf"^  title {LABEL}$"),
    re.compile(rf"^  x-axis \[{LABEL}(?:, {LABEL})*\]$"),
    re.compile(rf"^  y-axis {LABEL} 0 --> {NUMBER}$"),
    re.compile(rf"^  (?:bar|line) \[{NUMBER}(?:, {NUMBER})*\]$"),
]

problems, blocks = [], 0
lines = sys.stdin.read().split("\n")
i = 0
while i < len(lines):
    if lines[i] != "```mermaid":
        if lines[i].lstrip().startswith("```mermaid"):
            problems.append(f"line {i + 1}: an indented Mermaid fence: {lines[i]!r}")
        i += 1
        continue
    blocks += 1
    start = i
    i += 1
    while i < len(lines) and lines[i] != "```":
        line = lines[i]
        match = next((m for m in (p.match(line) for p in LINES) if m), None)
        if not match:
            problems.append(f"line {i + 1}: not a line the report emits in Mermaid: {line!r}")
        else:
            for label in re.findall(LABEL, line):
                if "%%" in label:
                    problems.append(f"line {i + 1}: %% in a Mermaid label: {label!r}")
                if len(label) > 41:
                    problems.append(f"line {i + 1}: label of {len(label)} characters: {label!r}")
        i += 1
    if i >= len(lines):
        problems.append(f"line {start + 1}: the Mermaid block is never closed")
    i += 1
for p in problems:
    print(p)
print(f"{blocks} mermaid blocks, {len(problems)} problems")
sys.exit(1 if problems else 0)
