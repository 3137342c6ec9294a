#!/usr/bin/env python3
"""The CI files, read as GitHub and GitLab read them.

- action-validator (npm @action-validator/cli, installed by scripts/install-test-deps.sh)
  accepts this repository's action.yml and workflows, and the workflow `init` writes;
  and refuses a broken workflow (so that this check can fail).
- The CI files `init` writes (GitHub and GitLab) build nothing and clone nothing: no
  `make`, no `git clone`, no repository variable; every job runs in debian:bookworm and
  installs this version's release (`uses: REPO@vVERSION`, or its .deb for GitLab).

usage: check_ci_files.py ACTIONPLAN SOURCE_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml

binary, source = sys.argv[1], sys.argv[2]
validator = os.path.join(source, "tests", "actions", "node_modules", ".bin", "action-validator")
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def validate(path, expect_ok=True):
    run = subprocess.run([validator, path], capture_output=True, text=True)
    check((run.returncode == 0) == expect_ok,
          f"action-validator {'refused' if expect_ok else 'accepted'} {path}:\n{run.stdout}{run.stderr}")


version = subprocess.run([binary, "--version"], capture_output=True, text=True,
                         check=True).stdout.split()[1]

for name in ["action.yml"] + [os.path.join(".github", "workflows", f)
                              for f in sorted(os.listdir(os.path.join(source, ".github", "workflows")))]:
    validate(os.path.join(source, name))

# The action installs this version from its own VERSION file unless told another.
action = yaml.safe_load(open(os.path.join(source, "action.yml")))
check(action["runs"]["using"] == "composite", "action.yml is not a composite action")
check(open(os.path.join(source, "VERSION")).read().strip() == version,
      f"VERSION does not hold the version of the binary ({version})")

with tempfile.TemporaryDirectory() as tmp:
    # The checker fails on a broken workflow.
    broken = os.path.join(tmp, "broken.yml")
    with open(broken, "w") as f:
        f.write("name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    stepz: []\n")
    validate(broken, expect_ok=False)

    written = {}
    for system, path in (("github", ".github/workflows/actionplan.yml"), ("gitlab", ".gitlab-ci.yml")):
        plan = os.path.join(tmp, system)
        subprocess.run([binary, "init", plan, "--no-git", "--ci", system], check=True,
                       capture_output=True)
        with open(os.path.join(plan, path)) as f:
            written[system] = f.read()
        check(not os.path.exists(os.path.join(plan, ".gitlab-ci.yml" if system == "github"
                                              else ".github")),
              f"init --ci {system} wrote the other system's file too")
    validate(os.path.join(tmp, "github", ".github", "workflows", "actionplan.yml"))
    intake_path = os.path.join(tmp, "github", ".github", "workflows", "actionplan-intake.yml")
    validate(intake_path)
    with open(intake_path) as f:
        written["intake"] = f.read()

for system, text in written.items():
    if system == "intake":
        continue
    for pattern, what in ((r"\bmake\b", "make"), (r"git clone", "git clone"),
                          (r"\bvars\.", "a repository variable"), (r"ACTIONPLAN_SOURCE", "ACTIONPLAN_SOURCE"),
                          (r"install-deps", "install-deps.sh")):
        check(not re.search(pattern, text), f"the {system} CI file init writes uses {what}")
    check(text.startswith(f"# Written by actionplan {version} "),
          f"the {system} CI file does not name the version that wrote it")

intake = yaml.safe_load(written["intake"])
for name, job in intake["jobs"].items():
    check(job.get("container") == "debian:bookworm", f"intake job {name} runs in no debian:bookworm container")
    for step in job["steps"]:
        check("${{" not in step.get("run", ""), f"intake step {step.get('name')!r} has an expression in run:")
        check("uses" not in step
              or step["uses"].split("@")[0] in ("actions/checkout", "actions/github-script")
              or re.fullmatch(r"[\w.-]+/[\w.-]+@v" + re.escape(version), step["uses"]),
              f"intake step {step.get('name')!r} uses a third-party action: {step.get('uses')}")
check(intake["permissions"] == {"contents": "read"}, "the intake workflow's default permissions are not read-only")

workflow = yaml.safe_load(written["github"])
for name, job in workflow["jobs"].items():
    check(job.get("container") == "debian:bookworm", f"workflow job {name} runs in no debian:bookworm container")
    uses = [step["uses"] for step in job["steps"] if "uses" in step and not step["uses"].startswith("actions/")]
    check(len(uses) == 1 and re.fullmatch(r"[\w.-]+/[\w.-]+@v" + re.escape(version), uses[0]),
          f"workflow job {name} does not install actionplan {version} with the action: {uses}")
    runs = " ".join(step.get("run", "") for step in job["steps"])
    check("actionplan validate" in runs, f"workflow job {name} does not validate")
check(workflow["permissions"] == {"contents": "read"}, "the workflow's default permissions are not read-only")

gitlab = yaml.safe_load(written["gitlab"])
check(gitlab["default"]["image"] == "debian:bookworm", "the GitLab CI file's image is not debian:bookworm")
check(gitlab["variables"]["ACTIONPLAN_VERSION"] == version, "the GitLab CI file installs another version")
install = " ".join(gitlab[".install-actionplan"]["before_script"])
check("sha256sum -c" in install, "the GitLab CI file does not check the .deb's SHA-256")
for name in ("check", "annual-report"):
    check(gitlab[name]["extends"] == ".install-actionplan", f"GitLab job {name} does not install actionplan")
    check(any("actionplan validate" in line for line in gitlab[name]["script"]),
          f"GitLab job {name} does not validate")

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"action.yml, {len(os.listdir(os.path.join(source, '.github', 'workflows')))} workflows and "
      f"the CI files of init (actionplan {version}) pass")
