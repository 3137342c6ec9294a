#!/usr/bin/env python3
"""The check job of the workflow `init` writes, run on a pull request without GitHub.

A plan repository made by `init --template 4p1000` is pushed to a local bare
`origin` and cloned with its history (as actions/checkout with fetch-depth 0);
a branch adds a project (and brings the issue forms up to date, as a contributor
does). The `run:` steps of the `check` job then run as GitHub runs them for a
`pull_request` event (`bash --noprofile --norc -eo pipefail`, GITHUB_BASE_REF,
RUNNER_TEMP, GITHUB_STEP_SUMMARY); the steps that install (apt-get) or call GitHub
(`uses:`) are left out. Checks: every step passes; the job summary and the comment
file hold `actionplan diff`'s text naming the new project, under GitHub's 65,536
characters; no run: step holds a `${{ }}` expression.

usage: check_pr_workflow.py ACTIONPLAN
"""
import os
import subprocess
import sys
import tempfile

import yaml

binary = os.path.abspath(sys.argv[1])
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def git(cwd, *args):
    return subprocess.run(["git", "-C", cwd, "-c", "user.name=t", "-c", "user.email=t@example.org",
                           *args], capture_output=True, text=True, check=True)


with tempfile.TemporaryDirectory() as tmp:
    plan, origin, work = (os.path.join(tmp, n) for n in ("plan", "origin.git", "work"))
    env = dict(os.environ, PATH=f"{os.path.dirname(binary)}:{os.environ['PATH']}",
               SOURCE_DATE_EPOCH="1795219200")
    subprocess.run([binary, "init", plan, "--template", "4p1000"], check=True, capture_output=True)
    git(plan, "add", "-A")
    git(plan, "commit", "-qm", "The plan")
    git(plan, "branch", "-M", "main")
    subprocess.run(["git", "clone", "-q", "--bare", plan, origin], check=True)
    subprocess.run(["git", "clone", "-q", origin, work], check=True)
    git(work, "checkout", "-q", "-b", "new-project")
    subprocess.run([binary, "-C", work, "add-project", "Compost in schools", "-O", "O3",
                    "--region", "africa"], check=True, capture_output=True, env=env)
    subprocess.run([binary, "-C", work, "forms"], check=True, capture_output=True, env=env)
    git(work, "add", "-A")
    git(work, "commit", "-qm", "Compost in schools")
    with open(os.path.join(plan, ".github", "workflows", "actionplan.yml")) as f:
        job = yaml.safe_load(f)["jobs"]["check"]
    temp = os.path.join(tmp, "runner-temp")
    os.makedirs(temp)
    summary = os.path.join(temp, "summary.md")
    open(summary, "w").close()
    env.update(GITHUB_BASE_REF="main", RUNNER_TEMP=temp, GITHUB_STEP_SUMMARY=summary,
               GITHUB_EVENT_NAME="pull_request", GITHUB_WORKSPACE=work)
    ran = 0
    for step in job["steps"]:
        if "run" not in step or step["run"].startswith("apt-get"):
            continue
        check("${{" not in step["run"], f"step {step.get('name')!r} has an expression in run:")
        check(step.get("if", "always()") in ("always()", "always() && github.event_name == 'pull_request'"),
              f"step {step.get('name')!r}: condition not understood: {step.get('if')}")
        run = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                             cwd=work, env=env, capture_output=True, text=True)
        check(run.returncode == 0, f"step {step.get('name')!r} failed: {run.stdout}{run.stderr}")
        ran += 1
    check(ran >= 4, f"only {ran} run: steps")
    text = open(summary).read()
    check("## What this change does to the plan" in text and "compost-in-schools" in text,
          f"the job summary does not show what the pull request does:\n{text[:2000]}")
    comment = os.path.join(temp, "diff.md")
    check(os.path.exists(comment) and os.path.getsize(comment) < 65536,
          "the comment file is missing or over GitHub's limit")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("the check job's run: steps pass on a pull request and write what it does to the plan")
