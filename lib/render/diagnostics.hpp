#pragma once
// Renders validation results. Returns strings; never writes to streams.
#include <filesystem>
#include <string>
#include <string_view>

#include "model/diagnostic.hpp"
#include "model/values.hpp"

namespace actionplan {

enum class DiagnosticFormat { text, json, github };

// text: one GCC-style line each; json: {"as_of", "diagnostics": [...],
// "summary": {...}}; github: GitHub Actions workflow commands, escaped, with
// `github_prefix` (see annotation_prefix) before each path.
std::string render_diagnostics(const Diagnostics& diags, DiagnosticFormat format, int files,
                               const Date& as_of, std::string_view github_prefix = "");

// GitHub attaches an annotation to a pull request's line only when its path
// starts at the repository's root. Returns what to put before plan-relative
// paths: the plan root relative to `workspace` (GITHUB_WORKSPACE) when it lies
// inside it, else relative to the enclosing git work tree (the nearest folder
// up holding .git), else "". "plans/cms/" for a plan in plans/cms.
std::string annotation_prefix(const std::filesystem::path& plan_root,
                              const std::filesystem::path& workspace);

// "N errors, M warnings in K files"
std::string summary_line(const Diagnostics& diags, int files);

}  // namespace actionplan
