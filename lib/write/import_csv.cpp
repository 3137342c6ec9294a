#include "write/import_csv.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "load/file_read.hpp"
#include "model/fields.hpp"
#include "model/text.hpp"
#include "render/csv.hpp"

namespace actionplan {
namespace {

// A column the importer understands: its name, the option key it fills ("" for
// a column that `list` writes but `import` cannot read back), whether it holds a
// list ("a; b; c"), and other spellings.
struct CsvColumn {
  std::string name;
  std::string key;
  bool list = false;
  std::vector<std::string> aliases;
};

std::vector<std::string> split_aliases(std::string_view aliases) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < aliases.size();) {
    std::size_t comma = aliases.find(',', at);
    if (comma == std::string_view::npos) comma = aliases.size();
    out.emplace_back(aliases.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

// The columns of a kind, by its field table, in the order `list --format csv`
// writes them (targets.YEAR aside: any year). A nested key's column is dotted
// (`budget.estimate`), its option key joined by '_' (`budget_estimate`, also a
// spelling of the column), as is a lead's organisation (`lead.org`).
class ColumnsOf {
 public:
  template <class R>
  std::vector<CsvColumn> of(const R& record) {
    visit_fields(record, [&](const FieldInfo& f, const auto& member) { put(f, member); });
    std::stable_partition(m_out.begin() + 1, m_out.end(), [&](const CsvColumn& c) {
      return std::find(m_early.begin(), m_early.end(), c.name) != m_early.end();
    });
    return std::move(m_out);
  }

 private:
  void add(const FieldInfo& f, std::string name, std::string key,
           std::vector<std::string> more = {}) {
    std::vector<std::string> aliases = split_aliases(f.aliases);
    aliases.insert(aliases.end(), more.begin(), more.end());
    if (f.column == Column::early) m_early.push_back(name);
    m_out.push_back(
        {std::move(name), f.imported ? std::move(key) : "",
         holds_list(f.value) && f.value != Value::year_texts && f.value != Value::year_values,
         std::move(aliases)});
  }
  template <class M>
  void put(const FieldInfo& f, const M&) {
    add(f, std::string(f.key), std::string(option_key(f)));
  }
  template <class T>
  void put(const FieldInfo&, const std::vector<T>&) requires std::is_same_v<T, YearText> ||
      std::is_same_v<T, IndicatorTarget> {}  // targets.YEAR
  void put(const FieldInfo& f, const std::optional<Person>&) {
    add(f, std::string(f.key), std::string(f.key));
    const Person none{};
    visit_fields(none, [&](const FieldInfo& g, const auto&) {
      const std::string org = nested_option_key(f, g);
      if (g.key == "org")
        add(FieldInfo{.key = f.key, .aliases = g.aliases, .imported = f.imported},
            fmt::format("{}.org", f.key), org, {org});
    });
  }
  template <HasFields M>
  void put(const FieldInfo& f, const std::optional<M>&) {
    const M none{};
    visit_fields(none, [&](const FieldInfo& g, const auto&) {
      const std::string key = nested_option_key(f, g);
      add(g, fmt::format("{}.{}", f.key, g.key), key, {key});
    });
  }

  std::vector<CsvColumn> m_out;
  std::vector<std::string> m_early;
};

const std::vector<CsvColumn>& columns_of(RecordKind kind) {
  static const std::vector<CsvColumn> objectives = ColumnsOf().of(Objective{});
  static const std::vector<CsvColumn> task_forces = ColumnsOf().of(TaskForce{});
  static const std::vector<CsvColumn> activities = ColumnsOf().of(Activity{});
  static const std::vector<CsvColumn> indicators = ColumnsOf().of(Indicator{});
  static const std::vector<CsvColumn> none;
  switch (kind) {
    case RecordKind::activity:
      return activities;
    case RecordKind::objective:
      return objectives;
    case RecordKind::task_force:
      return task_forces;
    case RecordKind::indicator:
      return indicators;
    case RecordKind::plan:
      break;
  }
  return none;
}

// Lower case; spaces and '-' read as '_'.
std::string normalised(std::string_view header) {
  std::string out;
  for (char c : header) {
    if (c == ' ' || c == '-')
      out += '_';
    else
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  const std::size_t first = out.find_first_not_of('_');
  const std::size_t last = out.find_last_not_of('_');
  return first == std::string::npos ? "" : out.substr(first, last - first + 1);
}

std::string trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const std::size_t last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// A cell written by `list --format csv` with a defused formula: "'=x" → "=x";
// and a line of it starting "'::" (defused for GitHub's log) → "::".
std::string cell_value(const std::string& text) {
  std::string value = trimmed(text);
  if (value.size() > 1 && value[0] == '\'' &&
      std::string_view("=+-@").find(value[1]) != std::string_view::npos)
    value.erase(0, 1);
  for (std::size_t at = value.find("\n'::"); at != std::string::npos;
       at = value.find("\n'::", at + 1))
    value.erase(at + 1, 1);
  return value;
}

// How a column of the header is used.
struct Use {
  const CsvColumn* column = nullptr;
  int year = 0;  // targets.YEAR
};

}  // namespace

char csv_separator(std::string_view text) {
  bool in_quotes = false, semicolon = false;
  for (char c : text) {
    if (c == '"')
      in_quotes = !in_quotes;  // a doubled quote toggles twice
    else if (in_quotes)
      continue;
    else if (c == ',')
      return ',';
    else if (c == ';')
      semicolon = true;
    else if (c == '\n' || c == '\r')
      break;
  }
  return semicolon ? ';' : ',';
}

std::vector<CsvRow> parse_csv(const std::string& text, const std::string& name,
                              Diagnostics& problems) {
  std::vector<CsvRow> rows;
  std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  const char separator = csv_separator(std::string_view(text).substr(i));
  int row = 1, column = 1;
  CsvRow current;
  std::string field;
  bool quoted = false, in_quotes = false, field_started = false;
  auto end_field = [&] {
    current.push_back({field, row, column});
    field.clear();
    quoted = in_quotes = field_started = false;
    ++column;
  };
  auto end_row = [&] {
    end_field();
    rows.push_back(std::move(current));
    current.clear();
    ++row;
    column = 1;
  };
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        continue;  // a line break inside a cell, as Excel (or git's autocrlf) writes it: kept as LF
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = in_quotes = field_started = true;
    } else if (c == '"' || (quoted && c != separator && c != '\r' && c != '\n')) {
      problems.error(name, {row, column}, "csv-syntax",
                     "a quote inside a field must be doubled and the field quoted "
                     "(\"say \"\"hi\"\"\")");
      return {};
    } else if (c == separator) {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_row();
    } else {
      field += c;
      field_started = true;
    }
  }
  if (in_quotes) {
    problems.error(name, {row, column}, "csv-syntax",
                   "a quoted field is not closed before the end of the file");
    return {};
  }
  if (field_started || !current.empty()) end_row();
  return rows;
}

std::vector<std::string> import_columns(RecordKind kind) {
  std::vector<std::string> names;
  for (const CsvColumn& c : columns_of(kind))
    if (!c.key.empty()) names.push_back(c.name);
  if (kind == RecordKind::objective || kind == RecordKind::indicator)
    names.push_back("targets.YEAR");
  return names;
}

namespace {

// The CSV's rows, once its bytes pass the checks of a plan file; nullopt (with
// the problems) when they do not, or when there is no row at all.
std::optional<std::vector<CsvRow>> read_rows(const std::string& name, std::string text,
                                             Diagnostics& problems) {
  if (text.size() > k_max_csv_bytes) {
    problems.error(name, {1, 1}, "file-too-large", "the file is larger than 16 MiB");
    return std::nullopt;
  }
  if (!check_plan_text(text, name, problems)) return std::nullopt;
  std::vector<CsvRow> rows = parse_csv(text, name, problems);
  if (problems.has_errors()) return std::nullopt;
  if (rows.empty()) {
    problems.error(name, {1, 1}, "csv-header",
                   "the file is empty; the first row must name the columns");
    return std::nullopt;
  }
  return rows;
}

// What each column of the header is. Empty header cells at the end of the row (a
// spreadsheet's leftover columns) are no columns: their cells must be empty.
struct Header {
  std::vector<Use> uses;  // per column
  std::size_t width = 0;  // the columns named
};

// The header: every column known, none twice.
Header read_header(RecordKind kind, const std::string& name, const CsvRow& header_row,
                   Diagnostics& problems) {
  const std::vector<CsvColumn>& known = columns_of(kind);
  Header out;
  std::map<std::string, int> seen;  // option key or targets.YEAR → column number
  out.width = header_row.size();
  while (out.width > 1 && cell_value(header_row[out.width - 1].text).empty()) --out.width;
  for (std::size_t h = 0; h < out.width; ++h) {
    const CsvField& cell = header_row[h];
    const std::string header = normalised(cell_value(cell.text));
    Use use;
    for (const CsvColumn& c : known) {
      if (header == c.name) use.column = &c;
      for (const std::string& alias : c.aliases)
        if (header == alias) use.column = &c;
    }
    const bool targets = kind == RecordKind::objective || kind == RecordKind::indicator;
    if (!use.column && targets && header.rfind("targets.", 0) == 0 && header.size() == 12) {
      if (std::optional<Date> year = Date::parse(header.substr(8)); year && year->month == 0)
        use.year = year->year;
    }
    if (!use.column && !use.year) {
      std::vector<std::string> names = import_columns(kind);
      std::string message = fmt::format("unknown column {}; columns: {}",
                                        in_quotes(cell_value(cell.text)), join(names));
      const std::string suggestion = closest_match(header, names);
      if (!suggestion.empty()) message += fmt::format("; did you mean '{}'?", suggestion);
      problems.error(name, {cell.row, cell.column}, "unknown-key", std::move(message));
    } else {
      const std::string key = use.column ? use.column->name : header;
      if (auto it = seen.find(key); it != seen.end())
        problems.error(
            name, {cell.row, cell.column}, "duplicate-key",
            fmt::format("column {} is given twice (also column {})", in_quotes(key), it->second));
      seen[key] = cell.column;
    }
    out.uses.push_back(use);
  }
  return out;
}

// The rows of one CSV file, each checked as add-project would check its options.
class RowImport {
 public:
  RowImport(const Plan& plan, RecordKind kind, const std::string& name, const Date& today,
            const std::vector<std::string>& existing_ids, const ExistingText& existing_text,
            const CsvRow& header_row, Header header, ImportResult& out)
      : m_plan(plan),
        m_kind(kind),
        m_name(name),
        m_today(today),
        m_existing_text(existing_text),
        m_header_row(header_row),
        m_header(std::move(header)),
        m_out(out) {
    // Ids taken, by their lower-case form (files of the plan, then rows above): one
    // lookup per row, so a large CSV costs linear time.
    for (const std::string& file : existing_ids) {
      const std::string id = file.substr(0, file.rfind('.'));
      m_taken.emplace(to_lower_ascii(id), id);
      m_in_plan.insert(id);
      m_file_of.emplace(id, file);
    }
  }

  void row(const CsvRow& row, int row_number) {
    if (std::all_of(row.begin(), row.end(),
                    [](const CsvField& f) { return trimmed(f.text).empty(); }))
      return;
    ActivityOptions options;
    std::map<std::string, int> column_of;  // option key → column number
    if (!options_of(row, row_number, options, column_of)) return;
    // What add-project would ask on its command line, asked of the row: a
    // problem of an option key is at its cell, one of the row at its start.
    auto where_key = [&](const std::string& key) {
      auto it = column_of.find(key);
      return Position{row_number, it == column_of.end() ? 1 : it->second};
    };
    if (!has_what_is_needed(options, where_key)) return;
    const bool id_given = options.values.count("id") > 0;
    const std::string id = id_given ? options.values["id"] : slug(options.values["title"]);
    // The id is known to be free when this is called, so no list of ids is passed on.
    auto prepare = [&] {
      return m_kind == RecordKind::activity
                 ? prepare_activity(m_plan, options, std::nullopt, m_today, {})
                 : prepare_record(m_kind, m_plan, options, m_today, {});
    };
    if (auto other = id.empty() ? m_taken.end() : m_taken.find(to_lower_ascii(id));
        other != m_taken.end()) {
      if (imported_before(id, other->second, prepare)) return;
      const KindInfo& info = kind_info(m_kind);
      m_out.problems.error(
          m_name, where_key(id_given ? "id" : "title"), "duplicate-id",
          fmt::format("{} {} with the id {}{} already exists{}; give this row its own id in the "
                      "column 'id'",
                      m_kind == RecordKind::task_force ? "a" : "an", info.singular, in_quotes(id),
                      id_given ? "" : " (made from the title)",
                      m_in_plan.count(other->second) && !m_reimported.count(other->second)
                          ? fmt::format(": {}/{}", info.folder, m_file_of[other->second])
                          : " (an earlier row of this file)"));
      return;
    }
    PreparedActivity prepared = prepare();
    add_problems(prepared.problems, where_key);
    if (prepared.ok()) {
      const std::string& path = prepared.rel_path;  // "<folder>/<id>.yaml"
      const std::string new_id = path.substr(path.find('/') + 1, path.size() - path.find('/') - 6);
      m_taken.emplace(to_lower_ascii(new_id), new_id);
      m_out.records.push_back(std::move(prepared));
    }
  }

 private:
  // The row's cells as add-project's options; false (with errors) when a cell is
  // out of place or its column cannot be imported.
  bool options_of(const CsvRow& row, int row_number, ActivityOptions& options,
                  std::map<std::string, int>& column_of) {
    const std::size_t width = m_header.width;
    if (row.size() < width || row.size() > m_header_row.size()) {
      m_out.problems.error(
          m_name, {row_number, 1}, "csv-syntax",
          fmt::format("this row has {}, the header {}",
                      plural(static_cast<long long>(row.size()), "field", "fields"),
                      row.size() < width ? width : m_header_row.size()));
      return false;
    }
    bool stray = false;
    for (std::size_t c = width; c < row.size(); ++c)
      if (!trimmed(row[c].text).empty()) {
        m_out.problems.error(
            m_name, {row_number, row[c].column}, "csv-syntax",
            fmt::format("this cell is under no column: the header's column {} is empty; "
                        "name the column or empty the cell",
                        row[c].column));
        stray = true;
      }
    if (stray) return false;
    const int errors_before = m_out.problems.error_count();
    for (std::size_t c = 0; c < width; ++c) {
      const std::string value = cell_value(row[c].text);
      if (value.empty()) continue;
      if (m_header.uses[c].year) {
        options.lists["targets"].push_back(fmt::format("{}={}", m_header.uses[c].year, value));
        column_of["targets"] = row[c].column;
        continue;
      }
      const CsvColumn& column = *m_header.uses[c].column;
      if (column.key.empty()) {
        m_out.problems.error(m_name, {row_number, row[c].column}, "unsupported-key",
                             fmt::format("column {} cannot be imported; leave it empty and add "
                                         "it to the files afterwards",
                                         in_quotes(column.name)));
        continue;
      }
      column_of[column.key] = row[c].column;
      if (column.list) {
        std::vector<std::string>& items = options.lists[column.key];
        for (std::string& item : list_items(value)) items.push_back(std::move(item));
      } else {
        options.values[column.key] = value;
      }
    }
    return m_out.problems.error_count() == errors_before;
  }

  // A title (or name), and an objective where the kind serves some.
  template <class WhereKey>
  bool has_what_is_needed(const ActivityOptions& options, const WhereKey& where_key) {
    const KindInfo& info = kind_info(m_kind);
    if (!options.values.count("title")) {
      m_out.problems.error(
          m_name, where_key("title"), "missing-key",
          fmt::format("the {} has no {} (its column is empty or missing)", info.singular,
                      m_kind == RecordKind::task_force ? "name" : "title"));
      return false;
    }
    if ((m_kind == RecordKind::activity || m_kind == RecordKind::task_force) &&
        !options.lists.count("objectives")) {
      m_out.problems.error(
          m_name, where_key("objectives"), "missing-key",
          fmt::format("the {} serves no objective: the column 'objectives' is "
                      "empty or missing; known objectives: {}",
                      info.singular, describe_ids(m_plan.ids(RecordKind::objective))));
      return false;
    }
    return true;
  }

  // The file this row would write, written already (by an import that was interrupted)?
  template <class Prepare>
  bool imported_before(const std::string& id, const std::string& holder, const Prepare& prepare) {
    if (!m_existing_text || holder != id || !m_in_plan.count(id) || m_reimported.count(id) ||
        m_file_of[id] != id + ".yaml")
      return false;
    const PreparedActivity again = prepare();
    if (!again.ok()) return false;
    const std::optional<std::string> held = m_existing_text(m_file_of[id]);
    if (!held || *held != again.yaml) return false;
    m_reimported.insert(id);
    m_out.already_imported.push_back(again.rel_path);
    return true;
  }

  // The problems of add-project's checks, each at its cell (the option key's
  // column; the row's start when it names none), left to right; a problem of a
  // value without a rule name is an invalid-value.
  template <class WhereKey>
  void add_problems(const Diagnostics& problems, const WhereKey& where_key) {
    std::vector<Diagnostic> found;
    for (const Diagnostic& d : problems.items()) {
      if (d.severity != Severity::error) continue;
      Diagnostic at = d;
      if (d.path.empty()) at.pos = where_key(d.key);  // else: the --from file, never given here
      at.path = m_name;
      if (at.code.empty()) at.code = "invalid-value";
      found.push_back(std::move(at));
    }
    std::stable_sort(found.begin(), found.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.pos.column < b.pos.column;
    });
    for (Diagnostic& d : found) m_out.problems.error(d.path, d.pos, d.code, d.message, d.key);
  }

  const Plan& m_plan;
  RecordKind m_kind;
  const std::string& m_name;
  const Date& m_today;
  const ExistingText& m_existing_text;
  const CsvRow& m_header_row;
  Header m_header;
  ImportResult& m_out;
  std::unordered_map<std::string, std::string> m_taken;
  std::unordered_set<std::string> m_in_plan;               // ids with files
  std::unordered_map<std::string, std::string> m_file_of;  // id → "id.yml"
  std::unordered_set<std::string> m_reimported;            // ids of rows already imported
};

}  // namespace

ImportResult prepare_import(const Plan& plan, RecordKind kind, const std::string& name,
                            const std::string& csv_text, const Date& today,
                            const std::vector<std::string>& existing_ids,
                            const ExistingText& existing_text) {
  ImportResult out;
  const std::optional<std::vector<CsvRow>> rows = read_rows(name, csv_text, out.problems);
  if (!rows) return out;
  Header header = read_header(kind, name, rows->front(), out.problems);
  if (!out.ok()) return out;
  RowImport import(plan, kind, name, today, existing_ids, existing_text, rows->front(),
                   std::move(header), out);
  for (std::size_t r = 1; r < rows->size(); ++r) import.row((*rows)[r], static_cast<int>(r) + 1);
  if (out.ok() && out.records.empty() && out.already_imported.empty())
    out.problems.error(name, {2, 1}, "csv-header", "the file has a header but no rows to import");
  return out;
}

}  // namespace actionplan
