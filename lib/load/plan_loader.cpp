#include "load/plan_loader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <variant>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <fmt/format.h>

#include "load/decode.hpp"
#include "load/file_read.hpp"
#include "load/yaml_tree.hpp"
#include "model/parallel.hpp"
#include "model/text.hpp"

namespace fs = std::filesystem;

namespace actionplan {
namespace {

// One file to load: from disk (abs_path), or already in memory (a git blob).
struct FileJob {
  RecordKind kind;
  fs::path abs_path;
  std::string rel_path;
  const PlanFileContent* memory = nullptr;
};

using AnyRecord = std::variant<std::monostate, Objective, TaskForce, Activity, Indicator>;

struct FileResult {
  AnyRecord record;
  Diagnostics diags;
};

// Lists the record files of one folder; reports sub-folders (ignored).
void list_folder(const fs::path& root, RecordKind kind, std::vector<FileJob>& jobs,
                 Diagnostics& diags) {
  const std::string folder = kind_info(kind).folder;
  const fs::path dir = root / folder;
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(dir, ec);
  if (ec || status.type() == fs::file_type::not_found) return;
  if (status.type() != fs::file_type::directory) {
    diags.error(folder, {}, "not-a-folder",
                fmt::format("'{}' must be a folder of record files", folder));
    return;
  }
  // readdir, not std::filesystem: its entries cost a stat each, and a folder may hold 100,000 files.
  DIR* handle = ::opendir(dir.c_str());
  if (!handle) {
    diags.error(folder, {}, "unreadable-file", fmt::format("cannot list folder: {}", std::strerror(errno)));
    return;
  }
  errno = 0;
  while (const dirent* entry = ::readdir(handle)) {
    const std::string name = entry->d_name;
    if (name.empty() || name[0] == '.') continue;
    if (is_record_file_name(name)) {
      jobs.push_back({kind, dir / name, folder + "/" + name});
      continue;
    }
    bool is_dir = entry->d_type == DT_DIR;
    if (entry->d_type == DT_UNKNOWN) {  // file systems that do not say: ask
      struct stat st {};
      is_dir = ::fstatat(::dirfd(handle), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
    }
    if (is_dir)
      diags.warning(folder + "/" + name, {}, "subfolder-ignored",
                    fmt::format("sub-folder ignored: records of '{}' must sit directly in it", folder));
  }
  if (errno != 0)
    diags.error(folder, {}, "unreadable-file", fmt::format("cannot list folder: {}", std::strerror(errno)));
  ::closedir(handle);
}

// The text of a job, through the same checks whatever its origin.
std::optional<std::string> job_text(const FileJob& job, Diagnostics& diags) {
  if (!job.memory) return read_plan_file(job.abs_path, job.rel_path, diags);
  if (!job.memory->refusal.empty()) {
    diags.error(job.rel_path, {}, "not-a-regular-file", "refused: " + job.memory->refusal);
    return std::nullopt;
  }
  if (job.memory->content.size() > k_max_file_bytes) {
    diags.error(job.rel_path, {}, "file-too-large",
                fmt::format("file is {} bytes; plan records may be at most 1 MiB (1048576 bytes)",
                            job.memory->content.size()));
    return std::nullopt;
  }
  std::string text = job.memory->content;
  if (!check_plan_text(text, job.rel_path, diags)) return std::nullopt;
  return text;
}

FileResult load_file(const FileJob& job) {
  FileResult result;
  std::optional<std::string> text = job_text(job, result.diags);
  if (!text) return result;
  std::optional<yaml::Node> root = yaml::parse(*text, job.rel_path, result.diags);
  if (!root) return result;
  switch (job.kind) {
    case RecordKind::objective:
      result.record = decode_objective(*root, job.rel_path, result.diags);
      break;
    case RecordKind::task_force:
      result.record = decode_task_force(*root, job.rel_path, result.diags);
      break;
    case RecordKind::activity:
      result.record = decode_activity(*root, job.rel_path, result.diags);
      break;
    case RecordKind::indicator:
      result.record = decode_indicator(*root, job.rel_path, result.diags);
      break;
    case RecordKind::plan: break;
  }
  return result;
}

}  // namespace

bool is_record_file_name(std::string_view name) {
  return (name.size() > 5 && name.ends_with(".yaml")) || (name.size() > 4 && name.ends_with(".yml"));
}

std::optional<fs::path> find_plan_root(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (ec) return std::nullopt;
  while (true) {
    if (fs::exists(dir / "plan.yaml", ec)) return dir;
    if (!dir.has_relative_path()) return std::nullopt;
    dir = dir.parent_path();
  }
}

namespace {

// Loads plan.yaml and the record jobs (any origin) into a Plan.
LoadResult load_jobs(const fs::path& root, const FileJob& plan_job, std::vector<FileJob> jobs,
                     Diagnostics listing, unsigned threads) {
  LoadResult result;
  result.diags = std::move(listing);
  Plan& plan = result.plan;
  plan.root = root;
  plan.info.stages = default_stages();

  {
    Diagnostics& diags = result.diags;
    std::optional<std::string> text = job_text(plan_job, diags);
    std::optional<yaml::Node> tree;
    if (text) tree = yaml::parse(*text, "plan.yaml", diags);
    if (tree) {
      plan.info = decode_plan(*tree, "plan.yaml", diags);
      plan.info.loaded = true;
    }
    plan.info.source.path = "plan.yaml";
    ++plan.files_read;
  }

  std::sort(jobs.begin(), jobs.end(),
            [](const FileJob& a, const FileJob& b) { return natural_less(a.rel_path, b.rel_path); });
  std::vector<FileResult> results(jobs.size());
  parallel_for(jobs.size(), threads, [&](std::size_t i) { results[i] = load_file(jobs[i]); });
  std::size_t counts[5] = {};
  for (const FileJob& job : jobs) ++counts[static_cast<int>(job.kind)];
  plan.objectives.reserve(counts[static_cast<int>(RecordKind::objective)]);
  plan.task_forces.reserve(counts[static_cast<int>(RecordKind::task_force)]);
  plan.activities.reserve(counts[static_cast<int>(RecordKind::activity)]);
  plan.indicators.reserve(counts[static_cast<int>(RecordKind::indicator)]);

  for (FileResult& r : results) {
    result.diags.append(r.diags);
    ++plan.files_read;
    std::visit(
        [&](auto& record) {
          using T = std::decay_t<decltype(record)>;
          if constexpr (std::is_same_v<T, Objective>) plan.objectives.push_back(std::move(record));
          if constexpr (std::is_same_v<T, TaskForce>) plan.task_forces.push_back(std::move(record));
          if constexpr (std::is_same_v<T, Activity>) plan.activities.push_back(std::move(record));
          if constexpr (std::is_same_v<T, Indicator>) plan.indicators.push_back(std::move(record));
        },
        r.record);
  }
  plan.index();
  apply_unknown_key_rule(result.diags, plan.info);
  result.diags.sort();
  return result;
}

}  // namespace

Load LoadOptions::of(RecordKind kind) const {
  switch (kind) {
    case RecordKind::objective: return objectives;
    case RecordKind::task_force: return task_forces;
    case RecordKind::activity: return activities;
    case RecordKind::indicator: return indicators;
    case RecordKind::plan: break;
  }
  return Load::records;
}

LoadResult load_plan(const fs::path& root, const LoadOptions& options) {
  Diagnostics listing;
  std::vector<FileJob> jobs;
  std::vector<std::pair<RecordKind, std::vector<std::string>>> named;
  for (RecordKind kind : record_kinds()) {
    const Load load = options.of(kind);
    if (load == Load::nothing) continue;
    if (load == Load::records) {
      list_folder(root, kind, jobs, listing);
      continue;
    }
    std::vector<FileJob> files;
    Diagnostics ignored;  // problems of files not read are validate's to report
    list_folder(root, kind, files, ignored);
    std::vector<std::string> ids;
    for (FileJob& file : files) {
      const std::string name = file.abs_path.filename().string();
      ids.push_back(name.substr(0, name.rfind('.')));
      if (options.also && options.also->first == kind && ids.back() == options.also->second)
        jobs.push_back(std::move(file));
    }
    named.emplace_back(kind, std::move(ids));
  }
  LoadResult result = load_jobs(root, FileJob{RecordKind::plan, root / "plan.yaml", "plan.yaml", nullptr},
                                std::move(jobs), std::move(listing), options.threads);
  for (auto& [kind, ids] : named) result.plan.set_file_ids(kind, std::move(ids));
  return result;
}

void apply_unknown_key_rule(Diagnostics& diags, const PlanInfo& info) {
  if (!info.format || info.format->value <= k_format_version) diags.make_errors("unknown-key");
}

LoadResult load_plan_from_memory(const std::vector<PlanFileContent>& files, unsigned threads) {
  static const PlanFileContent k_missing{"plan.yaml", "", "plan.yaml is missing"};
  const PlanFileContent* plan_file = &k_missing;
  std::vector<FileJob> jobs;
  for (const PlanFileContent& f : files) {
    if (f.path == "plan.yaml") {
      plan_file = &f;
      continue;
    }
    const std::string folder = f.path.substr(0, f.path.find('/'));
    for (RecordKind kind : record_kinds())
      if (folder == kind_info(kind).folder) jobs.push_back({kind, {}, f.path, &f});
  }
  return load_jobs({}, FileJob{RecordKind::plan, {}, "plan.yaml", plan_file}, std::move(jobs), {}, threads);
}

}  // namespace actionplan
