#include "write/ci_files.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "write/atomic.hpp"

namespace fs = std::filesystem;

namespace actionplan {
namespace {

// @VERSION@ and @REPOSITORY@ stand for this build's; the texts keep GitHub's
// `${{ }}` expressions as they are.
constexpr std::string_view k_github_workflow =
    R"yaml(# Written by actionplan @VERSION@ (`actionplan init`). Checks every pull request and
# writes the annual progress report. See "CI recipes" (docs/ci.md) in actionplan's
# documentation. To move to another version of actionplan, run that version's
# `actionplan init --update-ci`: it rewrites this file and nothing else.
# This file expects the plan at the root of the repository; if it is in a
# subfolder, set `defaults: run: working-directory:` to that folder.
name: actionplan
on:
  pull_request:
  push:
    branches: [main]
  schedule:
    - cron: "0 6 5 1 *"   # 5 January, 06:00 UTC: the report for the year that ended
  workflow_dispatch: {}    # run the report by hand (Actions tab)
permissions:
  contents: read
jobs:
  check:
    if: github.event_name == 'pull_request' || github.event_name == 'push'
    runs-on: ubuntu-24.04
    container: debian:bookworm   # where actionplan is built and tested
    permissions:
      contents: read
      pull-requests: write   # to post what the change does as a comment
    steps:
      - name: Install git (diff reads the base branch from the history)
        run: apt-get update -qq && apt-get install -y -qq --no-install-recommends git ca-certificates >/dev/null
      - uses: actions/checkout@v4
        with: {fetch-depth: 0}
      - name: Install actionplan @VERSION@ (its released .deb)
        uses: @REPOSITORY@@v@VERSION@
      - name: Validate (each problem is annotated on its line; on a pull request, also published values changed)
        shell: bash
        run: actionplan validate --format github ${GITHUB_BASE_REF:+--since "origin/$GITHUB_BASE_REF"}
      - name: What the pull request does to the plan (job summary, and a comment below)
        if: always() && github.event_name == 'pull_request'
        shell: bash
        run: |
          actionplan diff "origin/$GITHUB_BASE_REF" -o "$RUNNER_TEMP/diff.md"
          cat "$RUNNER_TEMP/diff.md" >> "$GITHUB_STEP_SUMMARY"
      - name: Post it as one comment, updated on every push (not for forks, whose token cannot write)
        if: always() && github.event_name == 'pull_request' && github.event.pull_request.head.repo.full_name == github.repository
        uses: actions/github-script@v7
        with:
          script: |
            const fs = require('fs');
            const path = `${process.env.RUNNER_TEMP}/diff.md`;
            if (!fs.existsSync(path)) return;
            const marker = '<!-- actionplan diff -->';
            const body = `${marker}\n${fs.readFileSync(path, 'utf8')}`;
            const {owner, repo} = context.repo;
            const issue_number = context.payload.pull_request.number;
            const comments = await github.paginate(github.rest.issues.listComments, {owner, repo, issue_number});
            const mine = comments.find(c => c.user.login === 'github-actions[bot]' && c.body.startsWith(marker));
            if (mine) {
              await github.rest.issues.updateComment({owner, repo, comment_id: mine.id, body});
            } else {
              await github.rest.issues.createComment({owner, repo, issue_number, body});
            }
      - name: Issue forms up to date with the plan (`actionplan forms` writes them)
        if: always()
        run: actionplan forms --check
      - name: Gap analysis (shown as the job summary)
        if: always()
        run: actionplan gap-analysis >> "$GITHUB_STEP_SUMMARY"

  annual-report:
    if: github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-24.04
    container: debian:bookworm
    permissions:
      contents: write   # to commit the report and tag the plan
    steps:
      - name: Install git (the report compares the plan with last year's tag)
        run: apt-get update -qq && apt-get install -y -qq --no-install-recommends git ca-certificates >/dev/null
      - uses: actions/checkout@v4
        with: {fetch-depth: 0}   # the history and tags that --since reads
      - name: Install actionplan @VERSION@ (its released .deb)
        uses: @REPOSITORY@@v@VERSION@
      - name: Write the report for last year
        shell: bash
        run: |
          year=$(( $(date -u +%Y) - 1 ))
          since=()
          if git rev-parse -q --verify "refs/tags/plan-$(( year - 1 ))" >/dev/null; then
            since=(--since "plan-$(( year - 1 ))")
          fi
          actionplan validate
          actionplan report --year "$year" "${since[@]}" -o "reports/$year.md"
          actionplan report --year "$year" "${since[@]}" -o "reports/$year.json"
          cat "reports/$year.md" >> "$GITHUB_STEP_SUMMARY"
          echo "YEAR=$year" >> "$GITHUB_ENV"
      - name: Commit the report and tag the plan
        shell: bash
        run: |
          git config user.name "actionplan report"
          git config user.email "actions@users.noreply.github.com"
          git add reports/
          git commit -m "Progress report $YEAR"
          git tag "plan-$YEAR"
          git push origin HEAD "plan-$YEAR"
)yaml";

constexpr std::string_view k_intake_workflow =
    R"yaml(# Written by actionplan @VERSION@ (`actionplan init`). Turns the issues written with
# the plan's issue forms (.github/ISSUE_TEMPLATE/actionplan-*.yml, `actionplan forms`)
# into pull requests, or comments on the issue what to correct. See "Issue forms" in
# docs/ci.md of actionplan's documentation: the repository needs the label
# `actionplan` and must allow GitHub Actions to create pull requests.
# The issue's text is untrusted: the tool reads it from the event file
# ($GITHUB_EVENT_PATH); no step puts it in a command line or an expression.
name: actionplan intake
on:
  issues:
    types: [opened, edited, reopened, labeled]
permissions:
  contents: read
concurrency:
  group: actionplan-intake-${{ github.event.issue.number }}
  cancel-in-progress: true
jobs:
  intake:
    if: github.event.issue.state == 'open' && contains(github.event.issue.labels.*.name, 'actionplan')
    runs-on: ubuntu-24.04
    container: debian:bookworm   # where actionplan is built and tested
    permissions:
      contents: write        # to push the branch of the change
      issues: write          # to comment on the issue
      pull-requests: write   # to open the pull request
    env:
      ISSUE: ${{ github.event.issue.number }}
      BRANCH: actionplan/issue-${{ github.event.issue.number }}
    steps:
      - name: Install git
        run: apt-get update -qq && apt-get install -y -qq --no-install-recommends git ca-certificates >/dev/null
      - uses: actions/checkout@v4
      - name: Install actionplan @VERSION@ (its released .deb)
        uses: @REPOSITORY@@v@VERSION@
      - name: Read the issue with the checks of add-project, record and set-stage
        id: intake
        shell: bash
        run: |
          status=0
          actionplan intake --event "$GITHUB_EVENT_PATH" --comment "$RUNNER_TEMP/comment.md" || status=$?
          echo "status=$status" >> "$GITHUB_OUTPUT"
          if [ "$status" -ge 2 ]; then exit "$status"; fi
      - name: Push the change to the issue's branch
        if: steps.intake.outputs.status == '0'
        shell: bash
        run: |
          git config user.name "actionplan intake"
          git config user.email "actions@users.noreply.github.com"
          git checkout -q -B "$BRANCH"
          actionplan forms >/dev/null   # the issue forms list a new project too
          git add -A -- activities indicators .github/ISSUE_TEMPLATE
          git commit -q -m "Issue #$ISSUE, from its form" -m "Closes #$ISSUE"
          git push -q --force origin "$BRANCH"
      - name: Open or update the pull request; comment on the issue
        uses: actions/github-script@v7
        env:
          STATUS: ${{ steps.intake.outputs.status }}
        with:
          script: |
            const fs = require('fs');
            const written = fs.readFileSync(`${process.env.RUNNER_TEMP}/comment.md`, 'utf8');
            const issue = context.payload.issue;
            const {owner, repo} = context.repo;
            const marker = '<!-- actionplan intake -->';
            let text = `${marker}\n${written}`;
            if (process.env.STATUS === '0') {
              const head = process.env.BRANCH;
              const body = `${written}\nFrom #${issue.number}, checked by \`actionplan intake\`. Closes #${issue.number}.`;
              const open = await github.rest.pulls.list({owner, repo, head: `${owner}:${head}`, state: 'open'});
              let pull = open.data[0];
              if (pull) {
                await github.rest.pulls.update({owner, repo, pull_number: pull.number, body});
              } else {
                pull = (await github.rest.pulls.create({owner, repo, head, body, title: issue.title,
                  base: context.payload.repository.default_branch})).data;
              }
              text = `${marker}\nThank you. Pull request #${pull.number} adds this to the plan; ` +
                'the secretariat reviews it. Editing this issue updates it.';
            }
            const comments = await github.paginate(github.rest.issues.listComments,
              {owner, repo, issue_number: issue.number});
            const mine = comments.find(c => c.user.login === 'github-actions[bot]' && c.body.startsWith(marker));
            if (mine) {
              await github.rest.issues.updateComment({owner, repo, comment_id: mine.id, body: text});
            } else {
              await github.rest.issues.createComment({owner, repo, issue_number: issue.number, body: text});
            }
)yaml";

constexpr std::string_view k_gitlab_ci =
    R"yaml(# Written by actionplan @VERSION@ (`actionplan init --ci gitlab`). Checks every merge
# request and writes the annual progress report. See "CI recipes" (docs/ci.md) in
# actionplan's documentation. To move to another version of actionplan, run that
# version's `actionplan init --update-ci --ci gitlab`: it rewrites this file and
# nothing else. The report runs from a pipeline schedule (Build > Pipeline schedules,
# e.g. "0 6 5 1 *") or by hand (Build > Pipelines > Run pipeline).
default:
  image: debian:bookworm   # where actionplan is built and tested

variables:
  ACTIONPLAN_VERSION: "@VERSION@"
  ACTIONPLAN_RELEASES: "https://github.com/@REPOSITORY@/releases/download"

stages: [check, report]

# The released .deb of actionplan, checked against its SHA-256, with what it needs.
.install-actionplan:
  before_script:
    - apt-get update -qq
    - apt-get install -y -qq --no-install-recommends ca-certificates curl git >/dev/null
    - deb="actionplan_${ACTIONPLAN_VERSION}_$(dpkg --print-architecture).deb"
    - url="$ACTIONPLAN_RELEASES/v$ACTIONPLAN_VERSION/$deb"
    - curl -fsSL -o "/tmp/$deb" "$url" || { echo "no released .deb of actionplan $ACTIONPLAN_VERSION at $url" >&2; exit 1; }
    - curl -fsSL -o "/tmp/$deb.sha256" "$url.sha256"
    - (cd /tmp && sha256sum -c "$deb.sha256")
    - apt-get install -y -qq --no-install-recommends "/tmp/$deb" >/dev/null
    - actionplan --version

check:
  stage: check
  extends: .install-actionplan
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
    - if: $CI_PIPELINE_SOURCE == "push" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
  script:
    - actionplan validate
    - actionplan gap-analysis -o gap-analysis.md
  artifacts:
    when: always
    expose_as: gap analysis
    paths: [gap-analysis.md]

annual-report:
  stage: report
  extends: .install-actionplan
  rules:
    - if: $CI_PIPELINE_SOURCE == "schedule" || $CI_PIPELINE_SOURCE == "web"
  variables:
    GIT_DEPTH: 0   # the history and tags that --since reads
  script:
    - year=$(( $(date -u +%Y) - 1 ))
    - since=""
    - if git rev-parse -q --verify "refs/tags/plan-$(( year - 1 ))" >/dev/null; then since="--since plan-$(( year - 1 ))"; fi
    - actionplan validate
    - actionplan report --year "$year" $since -o "reports/$year.md"
    - actionplan report --year "$year" $since -o "reports/$year.json"
  artifacts:
    expose_as: progress report
    paths: [reports/]
)yaml";

std::string filled(std::string_view text) {
  std::string out(text);
  for (auto [name, value] : {std::pair{std::string_view("@VERSION@"), k_actionplan_version},
                             std::pair{std::string_view("@REPOSITORY@"), k_actionplan_repository}})
    for (std::size_t at = out.find(name); at != std::string::npos; at = out.find(name, at))
      out.replace(at, name.size(), value), at += value.size();
  return out;
}

constexpr std::string_view k_marker = "# Written by actionplan ";

}  // namespace

std::optional<CiSystem> ci_system_from_name(std::string_view name) {
  if (name == "github") return CiSystem::github;
  if (name == "gitlab") return CiSystem::gitlab;
  return std::nullopt;
}

PlanFile ci_file(CiSystem system) {
  if (system == CiSystem::gitlab) return {".gitlab-ci.yml", filled(k_gitlab_ci)};
  return {".github/workflows/actionplan.yml", filled(k_github_workflow)};
}

PlanFile intake_workflow_file() {
  return {".github/workflows/actionplan-intake.yml", filled(k_intake_workflow)};
}

std::string ci_file_version(std::string_view content) {
  if (!content.starts_with(k_marker)) return "";
  const std::string_view rest = content.substr(k_marker.size());
  const std::size_t end = rest.find_first_of(" \n");
  const std::string_view version = rest.substr(0, end);
  if (version.empty() || version.front() < '0' || version.front() > '9') return "";
  return std::string(version);
}

std::string ci_file_note(const std::string& path, std::string_view content) {
  const std::string version = ci_file_version(content);
  if (version == k_actionplan_version) return "";
  const std::string update =
      path == ".gitlab-ci.yml" ? "init --update-ci --ci gitlab" : "init --update-ci";
  if (version.empty())
    return fmt::format(
        "{} is from an older actionplan, which built the tool from source on every run (or "
        "it was not written by init); 'actionplan {}' writes the one of actionplan {}, which "
        "installs the released package",
        path, update, k_actionplan_version);
  return fmt::format("{} is from actionplan {}, this is {}; 'actionplan {}' writes this version's",
                     path, version, k_actionplan_version, update);
}

CiUpdate update_ci_file(const fs::path& root, CiSystem system) {
  return update_ci_file(root, ci_file(system));
}

CiUpdate update_ci_file(const fs::path& root, const PlanFile& file) {
  CiUpdate out;
  out.path = file.path;
  const fs::path target = root / file.path;
  if (const std::string linked = linked_folder(root, file.path); !linked.empty()) {
    out.error = fmt::format("{} is a symbolic link or not a folder; nothing was written", linked);
    return out;
  }
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target, ec))) {
    if (!fs::is_regular_file(fs::symlink_status(target, ec))) {
      out.error = fmt::format("{} is not a regular file; nothing was written", file.path);
      return out;
    }
    std::ifstream in(target, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      out.error = fmt::format("cannot read {}; nothing was written", file.path);
      return out;
    }
    out.existed = true;
    out.old_version = ci_file_version(text.str());
    if (text.str() == file.content) return out;
  }
  fs::create_directories(target.parent_path(), ec);
  if (ec) {
    out.error = fmt::format("cannot create folder {}: {}; nothing was written",
                            fs::path(file.path).parent_path().string(), ec.message());
    return out;
  }
  const WriteResult written =
      write_file(target, file.content, out.existed ? WriteMode::replace : WriteMode::create_new);
  if (!written.ok()) {
    out.error = fmt::format("cannot write {}: {}; nothing was written", file.path, written.message);
    return out;
  }
  out.changed = true;
  return out;
}

}  // namespace actionplan
