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

// A file name that is not read as a record but may hold one: "x.yaml.txt",
// "x.YAML", "x.yml.bak"... ("yaml" or "yml" in any case after a dot), or a
// .txt file or a name without a dot (sniffed for a record's keys).
enum class LookAlike { no, by_name, by_content };

LookAlike look_alike(std::string_view name) {
  const std::string lower = to_lower_ascii(name);
  if (lower.ends_with("~") || lower.ends_with(".swp")) return LookAlike::no;  // editors' own copies
  if (lower.find(".yaml") != std::string::npos || lower.find(".yml") != std::string::npos)
    return LookAlike::by_name;
  if (lower.ends_with(".txt") || name.find('.') == std::string_view::npos)
    return LookAlike::by_content;
  return LookAlike::no;
}

// The kind whose keys a small YAML file has, if any (nullopt for what is not
// YAML, not a record, or too large to be one).
std::optional<RecordKind> sniff_record(const fs::path& path) {
  Diagnostics ignored;
  constexpr std::size_t k_max_sniffed_bytes =
      64 * 1024;  // records are small; larger files are something else
  std::optional<std::string> text =
      read_plan_file(path, path.filename().string(), ignored, k_max_sniffed_bytes);
  if (!text) return std::nullopt;
  std::optional<yaml::Node> root = yaml::parse(*text, "", ignored);
  return root ? looks_like_kind(*root, std::nullopt) : std::nullopt;
}

// "x.yaml" for "x.yaml.txt", "x.YAML" or "x.txt": the name to give a record file.
std::string record_name_for(std::string_view name) {
  const std::string lower = to_lower_ascii(name);
  std::size_t cut = lower.find(".yaml");
  if (cut == std::string::npos) cut = lower.find(".yml");
  if (cut == std::string::npos) cut = lower.rfind('.');
  return std::string(name.substr(0, cut == std::string::npos ? name.size() : cut)) + ".yaml";
}

// Lists the record files of one folder; reports sub-folders (ignored) and
// files that look like records under another name.
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
  // readdir, not std::filesystem: its entries cost a stat each, and a folder may hold 100,000
  // files.
  DIR* handle = ::opendir(dir.c_str());
  if (!handle) {
    diags.error(folder, {}, "unreadable-file",
                fmt::format("cannot list folder: {}", std::strerror(errno)));
    return;
  }
  int sniffs_left = 100;  // files opened to see whether they hold a record: bounded
  while (true) {
    errno = 0;  // readdir's only way to tell an error from the end (stat and sniffing may set it)
    const dirent* entry = ::readdir(handle);
    if (!entry) break;
    const std::string name = entry->d_name;
    if (name.empty() || name[0] == '.') continue;
    if (is_record_file_name(name)) {
      jobs.push_back({kind, dir / name, folder + "/" + name});
      continue;
    }
    bool is_dir = entry->d_type == DT_DIR;
    if (entry->d_type == DT_UNKNOWN) {  // file systems that do not say: ask
      struct stat st {};
      is_dir = ::fstatat(::dirfd(handle), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
               S_ISDIR(st.st_mode);
    }
    if (is_dir) {
      diags.warning(
          folder + "/" + name, {}, "subfolder-ignored",
          fmt::format("sub-folder ignored: records of '{}' must sit directly in it", folder));
      continue;
    }
    const LookAlike like = look_alike(name);
    if (like == LookAlike::no) continue;
    if (like == LookAlike::by_content &&
        (sniffs_left == 0 || (--sniffs_left, !sniff_record(dir / name))))
      continue;
    diags.warning(
        folder + "/" + name, {}, "stray-record",
        fmt::format("not read: only files ending in .yaml or .yml are records; rename it to {}",
                    record_name_for(name)));
  }
  if (errno != 0)
    diags.error(folder, {}, "unreadable-file",
                fmt::format("cannot list folder: {}", std::strerror(errno)));
  ::closedir(handle);
}

// Records saved outside the four folders ("projects/x.yaml", "activity/x.yaml",
// "x.yaml" beside plan.yaml): each YAML file that looks like a record is a
// warning naming the folder it belongs in. Hidden folders, .github, reports,
// node_modules and folders of another plan are skipped; the walk stops at
// depth 4 and after 10,000 entries, and only files up to 64 KiB are opened,
// so a large repository costs little.
void find_stray_records(const fs::path& root, Diagnostics& diags) {
  constexpr int k_max_depth = 4;
  std::size_t budget = 10'000;
  std::vector<std::pair<std::string, int>> pending = {{"", 0}};  // relative folder, depth
  while (!pending.empty() && budget > 0) {
    const auto [rel, depth] = pending.back();
    pending.pop_back();
    DIR* handle = ::opendir((rel.empty() ? root : root / rel).c_str());
    if (!handle) continue;
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(handle)) {
      if (budget == 0) break;
      --budget;
      const std::string name = entry->d_name;
      if (name.empty() || name[0] == '.') continue;
      struct stat st {};
      if (::fstatat(::dirfd(handle), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      const std::string path = rel.empty() ? name : rel + "/" + name;
      if (S_ISDIR(st.st_mode)) {
        const bool record_folder =
            rel.empty() && std::any_of(record_kinds().begin(), record_kinds().end(),
                                       [&](RecordKind k) { return name == kind_info(k).folder; });
        if (record_folder || (rel.empty() && name == "reports") || name == "node_modules" ||
            depth + 1 >= k_max_depth)
          continue;
        if (::faccessat(::dirfd(handle), (name + "/plan.yaml").c_str(), F_OK,
                        AT_SYMLINK_NOFOLLOW) == 0)
          continue;
        pending.emplace_back(path, depth + 1);
        continue;
      }
      if (!S_ISREG(st.st_mode) || path == "plan.yaml") continue;
      if (!is_record_file_name(to_lower_ascii(name))) continue;
      names.push_back(path);
    }
    ::closedir(handle);
    for (const std::string& path : names)
      if (std::optional<RecordKind> kind = sniff_record(root / path))
        diags.warning(
            path, {}, "stray-record",
            fmt::format(
                "not read: this looks like {}, and records are read only from the four record "
                "folders; move it to {}/{}",
                with_article(kind_info(*kind).singular), kind_info(*kind).folder,
                record_name_for(fs::path(path).filename().string())));
  }
}

// The text of a job, through the same checks whatever its origin.
std::optional<std::string> job_text(const FileJob& job, Diagnostics& diags) {
  if (!job.memory) return read_plan_file(job.abs_path, job.rel_path, diags);
  if (!job.memory->refusal.empty()) {
    diags.error(job.rel_path, {}, "not-a-regular-file", "refused: " + job.memory->refusal);
    return std::nullopt;
  }
  if (const std::size_t size = std::max(job.memory->too_large, job.memory->content.size());
      size > k_max_file_bytes) {
    diags.error(
        job.rel_path, {}, "file-too-large",
        fmt::format("file is {} bytes; plan records may be at most 1 MiB (1048576 bytes)", size));
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
  std::vector<std::string> telling;
  if (std::optional<RecordKind> other = looks_like_kind(*root, job.kind, &telling)) {
    // One clear error instead of an unknown-key error for each of its keys.
    result.diags.error(
        job.rel_path, root->pos, "wrong-folder",
        fmt::format("this file looks like {} (it has {}), not {}; move it to {}/",
                    with_article(kind_info(*other).singular), join(telling, ", "),
                    with_article(kind_info(job.kind).singular), kind_info(*other).folder));
    return result;
  }
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
    case RecordKind::plan:
      break;
  }
  const std::size_t hash = std::hash<std::string>{}(*text);
  std::visit(
      [&](auto& record) {
        if constexpr (requires { record.source; }) record.source.text_hash = hash;
      },
      result.record);
  return result;
}

}  // namespace

bool is_record_file_name(std::string_view name) {
  return (name.size() > 5 && name.ends_with(".yaml")) ||
         (name.size() > 4 && name.ends_with(".yml"));
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

  std::sort(jobs.begin(), jobs.end(), [](const FileJob& a, const FileJob& b) {
    return natural_less(a.rel_path, b.rel_path);
  });
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
    case RecordKind::objective:
      return objectives;
    case RecordKind::task_force:
      return task_forces;
    case RecordKind::activity:
      return activities;
    case RecordKind::indicator:
      return indicators;
    case RecordKind::plan:
      break;
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
  const bool whole_plan =
      std::all_of(record_kinds().begin(), record_kinds().end(),
                  [&](RecordKind kind) { return options.of(kind) == Load::records; });
  if (whole_plan) find_stray_records(root, listing);
  LoadResult result =
      load_jobs(root, FileJob{RecordKind::plan, root / "plan.yaml", "plan.yaml", nullptr},
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
  return load_jobs({}, FileJob{RecordKind::plan, {}, "plan.yaml", plan_file}, std::move(jobs), {},
                   threads);
}

}  // namespace actionplan
