#include "write/templates.hpp"

#include <algorithm>
#include <set>

#include "model/text.hpp"
#include "write/yaml_text.hpp"

namespace actionplan {
namespace {

// The value of a top-level `title:` line, unquoted as far as simple YAML goes.
std::string plan_title(std::string_view plan_yaml) {
  std::size_t at = 0;
  while (at < plan_yaml.size()) {
    std::size_t end = plan_yaml.find('\n', at);
    if (end == std::string_view::npos) end = plan_yaml.size();
    std::string_view line = plan_yaml.substr(at, end - at);
    if (line.rfind("title:", 0) == 0) {
      std::string value(line.substr(6));
      value.erase(0, value.find_first_not_of(' '));
      if (value.size() >= 2 && (value.front() == '\'' || value.front() == '"') &&
          value.back() == value.front())
        value = value.substr(1, value.size() - 2);
      return value;
    }
    at = end + 1;
  }
  return {};
}

std::string replace_title(std::string_view plan_yaml, const std::string& title) {
  std::string out;
  std::size_t at = 0;
  bool replaced = false;
  while (at < plan_yaml.size()) {
    std::size_t end = plan_yaml.find('\n', at);
    if (end == std::string_view::npos) end = plan_yaml.size();
    std::string_view line = plan_yaml.substr(at, end - at);
    if (!replaced && line.rfind("title:", 0) == 0) {
      out += "title: " + yaml_double_quoted(title);
      replaced = true;
    } else {
      out += line;
    }
    if (end < plan_yaml.size()) out += '\n';
    at = end + 1;
  }
  return out;
}

}  // namespace

std::vector<TemplateInfo> list_templates() {
  std::vector<TemplateInfo> out = {{"blank", "an empty plan with the default project pipeline"}};
  for (const TemplateFile& f : embedded_template_files())
    if (f.path == "plan.yaml") out.push_back({std::string(f.template_name), plan_title(f.content)});
  std::sort(out.begin() + 1, out.end(), [](const TemplateInfo& a, const TemplateInfo& b) {
    return natural_less(a.name, b.name);
  });
  return out;
}

std::optional<std::vector<PlanFile>> template_files(std::string_view name,
                                                    const std::string& title) {
  if (name == "blank") return blank_plan_files(title.empty() ? "Untitled plan" : title);
  std::vector<PlanFile> files;
  std::string effective_title = title;
  for (const TemplateFile& f : embedded_template_files()) {
    if (f.template_name != name) continue;
    std::string content(f.content);
    if (f.path == "plan.yaml") {
      if (title.empty())
        effective_title = plan_title(content);
      else
        content = replace_title(content, title);
    }
    files.push_back({std::string(f.path), std::move(content)});
  }
  if (files.empty()) return std::nullopt;
  std::set<std::string> have;
  for (const PlanFile& f : files) have.insert(f.path);
  for (PlanFile& f : blank_plan_files(effective_title)) {
    if (have.count(f.path)) continue;
    const std::string folder = f.path.substr(0, f.path.find('/'));
    // A folder's .gitkeep only where the template has no record in it.
    if (f.path.ends_with("/.gitkeep") &&
        std::any_of(have.begin(), have.end(),
                    [&](const std::string& p) { return p.rfind(folder + "/", 0) == 0; }))
      continue;
    files.push_back(std::move(f));
  }
  return files;
}

}  // namespace actionplan
