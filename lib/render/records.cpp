#include "render/records.hpp"

#include <cmath>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "model/fields.hpp"

namespace actionplan {
namespace {

using nlohmann::ordered_json;

ordered_json amount_json(const Amount& m) {
  switch (m.kind) {
    case AmountKind::none:
      return "none";
    case AmountKind::tbd:
      return "tbd";
    case AmountKind::range:
      return {m.min, m.max};
    case AmountKind::number:
      break;
  }
  return m.max;
}

// A record, or a mapping nested in one, as JSON, by its table (model/fields.hpp):
// keys in the table's order; a key without a value left out, but for the
// choices (their default shown) and the required lists (shown empty).
class JsonWriter {
 public:
  template <class R>
  static ordered_json of(const R& record) {
    JsonWriter w;
    visit_fields(record, [&](const FieldInfo& f, const auto& member) { w.put(f, member); });
    return std::move(w.m_out);
  }

 private:
  void put(const FieldInfo& f, const Located<std::string>& m) { at(f) = m.value; }
  void put(const FieldInfo& f, const Text& m) {
    if (m) at(f) = m->value;
  }
  void put(const FieldInfo& f, const std::vector<Located<std::string>>& m) {
    if (m.empty() && f.need != Need::required) return;
    ordered_json list = ordered_json::array();
    for (const auto& item : m) list.push_back(item.value);
    at(f) = std::move(list);
  }
  void put(const FieldInfo& f, const std::optional<IdList>& m) {
    if (!m) return;
    put(FieldInfo{.key = f.key, .need = Need::required}, *m);  // an empty list shown: no region
  }
  template <class E>
  requires std::is_enum_v<E>
  void put(const FieldInfo& f, E m) { at(f) = f.choices[static_cast<std::size_t>(m)]; }
  template <class E>
  requires std::is_enum_v<E>
  void put(const FieldInfo& f, const Located<E>& m) { put(f, m.value); }
  void put(const FieldInfo& f, const std::optional<Located<Date>>& m) {
    if (m) at(f) = m->value.to_string();
  }
  void put(const FieldInfo& f, const std::optional<Located<double>>& m) {
    if (m) at(f) = m->value;
  }
  void put(const FieldInfo& f, const std::optional<Located<Amount>>& m) {
    if (m) at(f) = amount_json(m->value);
  }
  void put(const FieldInfo& f, const std::vector<YearText>& m) {
    if (m.empty()) return;
    ordered_json years = ordered_json::object();
    for (const YearText& t : m) years[std::to_string(t.year.value)] = t.text.value;
    at(f) = std::move(years);
  }
  void put(const FieldInfo& f, const std::vector<IndicatorTarget>& m) {
    if (m.empty()) return;
    ordered_json years = ordered_json::object();
    for (const IndicatorTarget& t : m) {
      const std::string year = std::to_string(t.year.value);
      if (t.is_number && t.number)
        years[year] = *t.number;
      else
        years[year] = t.text;
    }
    at(f) = std::move(years);
  }
  void put(const FieldInfo& f, const std::vector<Breakdown>& m) {
    if (m.empty()) return;
    ordered_json by = ordered_json::object();
    for (const Breakdown& b : m) {
      ordered_json parts = ordered_json::object();
      for (const Part& p : b.parts) parts[p.name.value] = p.value.value;
      by[b.dimension.value] = std::move(parts);
    }
    at(f) = std::move(by);
  }
  void put(const FieldInfo& f, const std::vector<PartTargets>& m) {
    if (m.empty()) return;
    ordered_json by = ordered_json::object();
    for (const PartTargets& p : m)
      for (const IndicatorTarget& t : p.targets)
        by[p.dimension.value][p.part.value][std::to_string(t.year.value)] = t.number.value_or(0);
    at(f) = std::move(by);
  }
  template <HasFields M>
  void put(const FieldInfo& f, const std::optional<M>& m) {
    if (m) at(f) = of(*m);
  }
  template <HasFields M>
  void put(const FieldInfo& f, const std::vector<M>& m) {
    if (m.empty()) return;
    ordered_json list = ordered_json::array();
    for (const M& item : m) list.push_back(of(item));
    at(f) = std::move(list);
  }

  ordered_json& at(const FieldInfo& f) { return m_out[std::string(f.key)]; }

  ordered_json m_out = ordered_json::object();
};

void tidy_numbers(ordered_json& j) {
  if (j.is_number_float()) {
    const double v = j.get<double>();
    if (v == std::floor(v) && std::fabs(v) < 9007199254740992.0) j = static_cast<std::int64_t>(v);
  } else if (j.is_structured()) {
    for (auto& item : j) tidy_numbers(item);
  }
}

}  // namespace

std::string json_text(ordered_json document) {
  tidy_numbers(document);
  return document.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

ordered_json objective_json(const Objective& o) {
  return JsonWriter::of(o);
}

ordered_json task_force_json(const TaskForce& t) {
  return JsonWriter::of(t);
}

ordered_json indicator_json(const Indicator& i) {
  return JsonWriter::of(i);
}

ordered_json activity_json(const Activity& a) {
  return JsonWriter::of(a);
}

}  // namespace actionplan
