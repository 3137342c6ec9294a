#pragma once
// Plan templates for `init`: `blank`, and every example plan shipped in
// examples/, built into the binary.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "write/init_plan.hpp"

namespace actionplan {

struct TemplateFile {
  std::string_view template_name;  // the example's folder name, e.g. "4p1000"
  std::string_view path;           // relative to the plan root
  std::string_view content;
};

// Generated at build time from examples/ (cmake/embed_templates.cmake).
const std::vector<TemplateFile>& embedded_template_files();

struct TemplateInfo {
  std::string name;
  std::string description;  // the example plan's title
};

// "blank" first, then the examples in natural order.
std::vector<TemplateInfo> list_templates();

// The files `init --template NAME` writes: the template's own files plus the
// contributor README, schemas and folders of the blank plan that it lacks.
// `title` (when not empty) replaces the top-level `title:` of plan.yaml.
// nullopt for an unknown name.
std::optional<std::vector<PlanFile>> template_files(std::string_view name,
                                                    const std::string& title);

}  // namespace actionplan
