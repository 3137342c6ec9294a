#pragma once
// A loaded plan: plan.yaml plus the records of the four folders, each kind
// sorted by id in natural order, with lookups by id.
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/records.hpp"
#include "model/text.hpp"

namespace actionplan {

// What keep_known_on left out.
struct LeftOut {
  int measurements = 0;
  int achievements = 0;  // milestones achieved after the date: not yet achieved then
  int notes = 0;         // activities' progress notes
  bool empty() const { return measurements == 0 && achievements == 0 && notes == 0; }
};

class Plan {
 public:
  std::filesystem::path root;
  PlanInfo info;
  std::vector<Objective> objectives;
  std::vector<TaskForce> task_forces;
  std::vector<Activity> activities;
  std::vector<Indicator> indicators;
  int files_read = 0;

  // Sorts every kind by id (natural order) and rebuilds the lookups. Call
  // after filling the vectors. On duplicate ids the first in order wins.
  void index();

  const Objective* objective(std::string_view id) const {
    return find(m_objectives, objectives, id);
  }
  const TaskForce* task_force(std::string_view id) const {
    return find(m_task_forces, task_forces, id);
  }
  const Activity* activity(std::string_view id) const { return find(m_activities, activities, id); }
  const Indicator* indicator(std::string_view id) const {
    return find(m_indicators, indicators, id);
  }
  const Stage* stage(std::string_view id) const;
  // Stages and regions with the names reports show for them (the id when unnamed),
  // so that a name written for an id can be answered with the id.
  std::vector<NamedId> stage_names() const;
  std::vector<NamedId> region_names() const;

  // The activity's stage (the first stage when it names none or an unknown one).
  const Stage& stage_of(const Activity& activity) const;
  // In a stage marked `funded`.
  bool is_funded(const Activity& activity) const;
  // In the stage `completed`, or, when the pipeline has no stage of that id, its last stage.
  bool is_completed(const Activity& activity) const;
  // The regions an objective must cover: its own `regions`, else the plan's.
  std::vector<std::string> regions_of(const Objective& objective) const;
  // A region's name from plan.yaml, else the id itself ("global", unknown ids).
  std::string region_name(std::string_view id) const;
  // A part of a measurement split `by` a dimension, for people: a region's name,
  // a country's code, a dimension's value as written ("Africa", "KE", "female").
  std::string part_name(std::string_view dimension, std::string_view part) const;
  // A dimension for people: "region", "country", a plan dimension's name.
  std::string dimension_name(std::string_view dimension) const;
  // An actor's name from plan.yaml, else the text as written (`responsible` may hold free text).
  std::string actor_name(std::string_view id) const;
  // The plan's word for a thing (`terms`), e.g. term("task_force", "task force").
  std::string term(const std::string& key, const std::string& fallback) const;
  // The same with the default of k_terms (model/fields.hpp): term("on_track").
  std::string term(const std::string& key) const;

  // The objectives an indicator counts for: the one it measures, or those of
  // the activity it measures. The one rule of report, gap-analysis and list.
  std::vector<std::string> objectives_measured(const Indicator& indicator) const;

  // The ids of a kind: of its records, or, for a kind loaded by file name
  // only (see LoadScope), of its files.
  std::vector<std::string> ids(RecordKind kind) const;
  // True when a record of that id exists, decoded or known by file name.
  bool has(RecordKind kind, std::string_view id) const;
  // Marks a kind as known by file name only: `ids` are the stems of its files.
  void set_file_ids(RecordKind kind, std::vector<std::string> ids);

 private:
  template <class T>
  static const T* find(const std::unordered_map<std::string, std::size_t>& map,
                       const std::vector<T>& items, std::string_view id) {
    auto it = map.find(std::string(id));
    return it == map.end() ? nullptr : &items[it->second];
  }

  std::unordered_map<std::string, std::size_t> m_objectives, m_task_forces, m_activities,
      m_indicators;
  struct FileIds {
    std::vector<std::string> ids;  // in no order
    std::unordered_set<std::string> set;
  };
  std::unordered_map<RecordKind, FileIds> m_file_ids;  // kinds loaded by file name only
};

// The plan as known on `as_of`: measurements dated after it are removed and
// milestone achievements after it cleared (is_after), so every analysis of
// the plan sees the same past. Returns what was left out.
LeftOut keep_known_on(Plan& plan, const Date& as_of);

// "3 measurements and 1 milestone achievement dated after 2024-12-31 left
// out: …", for the reader of a report or an analysis; "" when nothing was.
std::string left_out_text(const LeftOut& left_out, const Date& as_of);

}  // namespace actionplan
