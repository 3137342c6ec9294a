#!/usr/bin/env python3
"""The intake workflow `init` writes, run without GitHub, fed hostile issues.

The `run:` steps of .github/workflows/actionplan-intake.yml run as GitHub runs them
(`bash --noprofile --norc -eo pipefail`, the job's env, $GITHUB_EVENT_PATH,
$GITHUB_OUTPUT, $RUNNER_TEMP, each step's `if:` on the intake's status) in a plan
repository made by `init --template 4p1000`, whose `origin` is a local bare
repository. The steps that install (apt-get) or call GitHub (`uses:`) are left out.

- No `run:` step holds a `${{ }}` expression: untrusted text never reaches a shell
  through one (the job's env holds only the issue's number).
- An issue whose title and answers are `$(touch pwned)`, `"; rm -rf ~; "` and
  backticks is read as text: no file `pwned` appears anywhere, $HOME keeps its files,
  and the branch actionplan/issue-N pushed to origin holds the project with exactly
  that title, and the issue forms brought up to date (the progress form lists it).
- A refused issue pushes nothing and leaves the comment listing its problems.

usage: check_intake_workflow.py ACTIONPLAN
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

binary = os.path.abspath(sys.argv[1])
failures = []
HOSTILE_TITLE = '$(touch pwned) "; rm -rf ~; " `touch pwned2`'


def check(ok, message):
    if not ok:
        failures.append(message)


def git(cwd, *args):
    return subprocess.run(["git", "-C", cwd, *args], capture_output=True, text=True)


def body(title, budget="45000-90000"):
    return (f"### Title\r\n\r\n{title}\r\n\r\n### Objectives\r\n\r\nO1\r\n\r\n"
            f"### Estimated budget\r\n\r\n{budget}\r\n\r\n### Description\r\n\r\n$(touch pwned)\r\n"
            f"; rm -rf ~\r\n\r\n### Publication\r\n\r\n"
            "- [X] The information above may be published in the plan and its reports.\r\n")


def run_workflow(tmp, workflow, number, issue_body, issue_title):
    """Runs the intake job's run: steps; returns (status output, plan folder, origin)."""
    plan, origin, home = (os.path.join(tmp, f"{name}-{number}") for name in ("plan", "origin", "home"))
    subprocess.run([binary, "init", plan, "--template", "4p1000"], check=True, capture_output=True)
    os.makedirs(home)
    open(os.path.join(home, "canary"), "w").close()
    for args in (["config", "user.name", "t"], ["config", "user.email", "t@example.org"],
                 ["add", "-A"], ["commit", "-q", "-m", "plan"]):
        git(plan, *args)
    subprocess.run(["git", "init", "-q", "--bare", origin], check=True)
    git(plan, "remote", "add", "origin", origin)
    temp = os.path.join(tmp, f"runner-temp-{number}")
    os.makedirs(temp)
    event = os.path.join(temp, "event.json")
    with open(event, "w") as f:
        json.dump({"action": "opened", "issue": {"number": number, "title": issue_title,
                                                   "body": issue_body, "state": "open",
                                                   "labels": [{"name": "actionplan"}]}}, f)
    output = os.path.join(temp, "output")
    open(output, "w").close()
    job = workflow["jobs"]["intake"]
    env = {"PATH": f"{os.path.dirname(binary)}:{os.environ['PATH']}", "HOME": home,
           "GITHUB_EVENT_PATH": event, "RUNNER_TEMP": temp, "GITHUB_OUTPUT": output,
           "GITHUB_WORKSPACE": plan, "SOURCE_DATE_EPOCH": "1795219200", "LANG": "C.UTF-8"}
    for name, value in job.get("env", {}).items():  # only the issue's number may be used
        env[name] = str(value).replace("${{ github.event.issue.number }}", str(number))
        check("${{" not in env[name], f"job env {name} uses an expression other than the number")
    for step in job["steps"]:
        if "run" not in step or step["run"].startswith("apt-get"):
            continue
        check("${{" not in step["run"], f"step {step.get('name')!r} has an expression in run:")
        condition = step.get("if")
        if condition:
            status = dict(line.split("=", 1) for line in open(output).read().split())
            match = re.fullmatch(r"steps\.intake\.outputs\.status == '(\d)'", condition)
            check(match, f"step {step.get('name')!r}: condition not understood: {condition}")
            if not match or status.get("status") != match.group(1):
                continue
        script = os.path.join(temp, "step.sh")
        with open(script, "w") as f:
            f.write(step["run"])
        run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                             cwd=plan, env=env, capture_output=True, text=True)
        check(run.returncode == 0, f"step {step.get('name')!r} failed: {run.stderr}")
    status = dict(line.split("=", 1) for line in open(output).read().split())
    return status.get("status"), plan, origin, home, temp


with tempfile.TemporaryDirectory() as tmp:
    init = os.path.join(tmp, "written")
    subprocess.run([binary, "init", init, "--no-git"], check=True, capture_output=True)
    with open(os.path.join(init, ".github", "workflows", "actionplan-intake.yml")) as f:
        workflow = yaml.safe_load(f)
    check(workflow["permissions"] == {"contents": "read"}, "the intake workflow's default is not read-only")

    status, plan, origin, home, temp = run_workflow(tmp, workflow, 7, body(HOSTILE_TITLE), HOSTILE_TITLE)
    check(status == "0", f"the hostile but valid issue was refused (status {status})")
    pwned = [os.path.join(d, n) for d, _, names in os.walk(tmp) for n in names if n.startswith("pwned")]
    check(not pwned, f"a hostile title was executed: {pwned}")
    check(os.path.exists(os.path.join(home, "canary")), "$HOME lost its files")
    files = git(origin, "ls-tree", "-r", "--name-only", "actionplan/issue-7").stdout.split()
    added = [f for f in files if f.startswith("activities/touch-pwned")]
    check(len(added) == 1, f"the branch actionplan/issue-7 does not hold the new project: {files}")
    if added:
        record = yaml.safe_load(git(origin, "show", f"actionplan/issue-7:{added[0]}").stdout)
        check(record["title"] == HOSTILE_TITLE, f"the title was not kept as text: {record['title']!r}")
        check(record["description"] == "$(touch pwned)\n; rm -rf ~", "the description was changed")
        form = git(origin, "show", "actionplan/issue-7:.github/ISSUE_TEMPLATE/actionplan-progress.yml").stdout
        check(f"{added[0][len('activities/'):-len('.yaml')]}: " in form,
              "the branch's progress form does not list the new project")
    message = git(origin, "log", "-1", "--format=%B", "actionplan/issue-7").stdout
    check("Closes #7" in message, f"the commit does not close the issue: {message!r}")
    comment = open(os.path.join(temp, "comment.md")).read()
    check(added and added[0] in comment, "the comment does not name the file written")

    status, plan, origin, home, temp = run_workflow(tmp, workflow, 8, body("Soil labs", "250.000"),
                                                    "Soil labs")
    check(status == "1", f"an issue with a bad budget was not refused (status {status})")
    check(git(origin, "rev-parse", "-q", "--verify", "actionplan/issue-8").returncode != 0,
          "a refused issue was pushed")
    comment = open(os.path.join(temp, "comment.md")).read()
    check("Estimated budget" in comment, f"the comment does not name the field to correct: {comment}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("the intake workflow's run: steps read hostile issues as text, push the valid one to its "
      "branch and refuse the bad one")
