#include "load/plan_loader.hpp"

#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>
#include <variant>

#include <fmt/format.h>

#include "load/decode.hpp"
#include "load/file_read.hpp"
#include "load/yaml_tree.hpp"
#include "model/text.hpp"

namespace fs = std::filesystem;

namespace actionplan {
namespace {

struct FileJob {
  RecordKind kind;
  fs::path abs_path;
  std::string rel_path;
};

using AnyRecord = std::variant<std::monostate, Objective, TaskForce, Activity, Indicator>;

struct FileResult {
  AnyRecord record;
  Diagnostics diags;
};

bool has_record_extension(const std::string& name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() > suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".yaml") || ends_with(".yml");
}

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
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    const std::string rel = folder + "/" + name;
    std::error_code type_ec;
    const bool is_dir = it->symlink_status(type_ec).type() == fs::file_type::directory;
    if (is_dir && !has_record_extension(name)) {
      diags.warning(rel, {}, "subfolder-ignored",
                    fmt::format("sub-folder ignored: records of '{}' must sit directly in it", folder));
      continue;
    }
    if (has_record_extension(name)) jobs.push_back({kind, it->path(), rel});
  }
  if (ec)
    diags.error(folder, {}, "unreadable-file",
                fmt::format("cannot list folder: {}", ec.message()));
}

FileResult load_file(const FileJob& job) {
  FileResult result;
  std::optional<std::string> text = read_plan_file(job.abs_path, job.rel_path, result.diags);
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

LoadResult load_plan(const fs::path& root, unsigned threads) {
  LoadResult result;
  Plan& plan = result.plan;
  plan.root = root;
  plan.info.stages = default_stages();

  {
    Diagnostics& diags = result.diags;
    std::optional<std::string> text = read_plan_file(root / "plan.yaml", "plan.yaml", diags);
    std::optional<yaml::Node> tree;
    if (text) tree = yaml::parse(*text, "plan.yaml", diags);
    if (tree) {
      plan.info = decode_plan(*tree, "plan.yaml", diags);
      plan.info.loaded = true;
    }
    plan.info.source.path = "plan.yaml";
    ++plan.files_read;
  }

  std::vector<FileJob> jobs;
  for (RecordKind kind : record_kinds()) list_folder(root, kind, jobs, result.diags);
  std::sort(jobs.begin(), jobs.end(),
            [](const FileJob& a, const FileJob& b) { return natural_less(a.rel_path, b.rel_path); });

  std::vector<FileResult> results(jobs.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, jobs.size()));
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < jobs.size(); i = next++) results[i] = load_file(jobs[i]);
  };
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
  }

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
  result.diags.sort();
  return result;
}

}  // namespace actionplan
