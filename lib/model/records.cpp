#include "model/records.hpp"

namespace actionplan {

const KindInfo& kind_info(RecordKind kind) {
  static const KindInfo k_infos[] = {
      {RecordKind::plan, "", "plan", "plans"},
      {RecordKind::objective, "objectives", "objective", "objectives"},
      {RecordKind::task_force, "taskforces", "task force", "task forces"},
      {RecordKind::activity, "activities", "activity", "activities"},
      {RecordKind::indicator, "indicators", "indicator", "indicators"},
  };
  return k_infos[static_cast<int>(kind)];
}

const std::vector<RecordKind>& record_kinds() {
  static const std::vector<RecordKind> k_kinds = {RecordKind::objective, RecordKind::task_force,
                                                  RecordKind::activity, RecordKind::indicator};
  return k_kinds;
}

std::vector<Stage> default_stages() {
  struct Row {
    const char* id;
    const char* name;
    bool funded;
  };
  static constexpr Row k_rows[] = {
      {"idea", "Project idea", false},
      {"concept", "Concept note in preparation", false},
      {"validated", "Concept note validated", false},
      {"interest", "Funder interest expressed", false},
      {"proposal", "Full proposal submitted", false},
      {"agreement", "Funding agreement signed", true},
      {"implementation", "Under implementation", true},
      {"completed", "Completed", true},
  };
  std::vector<Stage> stages;
  for (const Row& row : k_rows)
    stages.push_back({{row.id, {}}, Located<std::string>{row.name, {}}, row.funded, {}});
  return stages;
}

const char* status_name(ActivityStatus status) {
  switch (status) {
    case ActivityStatus::active:
      return "active";
    case ActivityStatus::on_hold:
      return "on-hold";
    case ActivityStatus::cancelled:
      return "cancelled";
  }
  return "";
}

std::optional<double> measured_value(const Measurement& m) {
  if (m.value) return m.value->value;
  if (!m.numerator || !m.denominator || m.denominator->value == 0) return std::nullopt;
  return 100 * m.numerator->value / m.denominator->value;
}

std::string measurement_figures(const Measurement& m) {
  std::string out;
  for (const auto* number : {&m.value, &m.numerator, &m.denominator})
    out += *number ? format_number((*number)->value) + ";" : ";";
  out += m.level ? m.level->value : "";
  for (const Breakdown& b : m.by) {
    out += "|" + b.dimension.value;
    for (const Part& part : b.parts)
      out += "," + part.name.value + "=" + format_number(part.value.value);
  }
  return out;
}

}  // namespace actionplan
