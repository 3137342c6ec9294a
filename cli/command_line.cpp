#include "command_line.hpp"

#include <utility>

#include <CLI/CLI.hpp>

namespace actionplan::cli {

CommandOption CommandOption::type_name(const std::string& name) const {
  m_option->type_name(name);
  return *this;
}

CommandOption CommandOption::required() const {
  m_option->required();
  return *this;
}

CommandOption CommandOption::choices(std::initializer_list<const char*> words) const {
  m_option->check(CLI::IsMember(std::vector<const char*>(words)).description(""));
  return *this;
}

CommandOption CommandOption::range(int min, int max) const {
  m_option->check(CLI::Range(min, max).description(""));
  return *this;
}

CommandOption CommandOption::check(std::function<std::string(std::string&)> why_not,
                                   const std::string& name) const {
  m_option->check(CLI::Validator(std::move(why_not), "", name));
  return *this;
}

CommandOption CommandOption::transform(std::function<std::string(std::string&)> rewrite,
                                       const std::string& name) const {
  m_option->transform(CLI::Validator(std::move(rewrite), "", name));
  return *this;
}

CommandOption CommandOption::delimiter(char separator) const {
  m_option->delimiter(separator);
  return *this;
}

CommandOption CommandOption::one_value_each() const {
  m_option->allow_extra_args(false);
  return *this;
}

std::size_t CommandOption::count() const {
  return m_option->count();
}

Command Command::subcommand(const std::string& name, const std::string& help) const {
  return Command(m_app->add_subcommand(name, help));
}

CommandOption Command::option(const std::string& names, std::string& value,
                              const std::string& help) const {
  return CommandOption(m_app->add_option(names, value, help));
}

CommandOption Command::option(const std::string& names, std::vector<std::string>& values,
                              const std::string& help) const {
  return CommandOption(m_app->add_option(names, values, help));
}

CommandOption Command::option(const std::string& names, int& value, const std::string& help) const {
  return CommandOption(m_app->add_option(names, value, help));
}

CommandOption Command::flag(const std::string& names, bool& value, const std::string& help) const {
  return CommandOption(m_app->add_flag(names, value, help));
}

CommandOption Command::option_function(const std::string& names,
                                       std::function<void(const std::string&)> take,
                                       const std::string& help) const {
  return CommandOption(m_app->add_option_function<std::string>(names, take, help));
}

CommandOption Command::list_option_function(
    const std::string& names, std::function<void(const std::vector<std::string>&)> take,
    const std::string& help) const {
  return CommandOption(m_app->add_option_function<std::vector<std::string>>(names, take, help));
}

void Command::callback(std::function<void()> run) const {
  m_app->callback(std::move(run));
}

CommandOption Command::get_option(const std::string& name) const {
  return CommandOption(m_app->get_option(name));
}

std::vector<CommandSummary> Command::subcommands() const {
  std::vector<CommandSummary> commands;
  for (const CLI::App* sub : std::as_const(*m_app).get_subcommands({})) {
    CommandSummary& command = commands.emplace_back(CommandSummary{sub->get_name(), {}});
    for (const CLI::Option* opt : sub->get_options()) {
      OptionSummary& option = command.options.emplace_back();
      for (const std::string& s : opt->get_snames()) option.names.push_back("-" + s);
      for (const std::string& l : opt->get_lnames()) option.names.push_back("--" + l);
      option.flag = opt->get_type_size() == 0;
      option.type_name = opt->get_type_name();
    }
  }
  return commands;
}

CommandLine::CommandLine(const std::string& description, const std::string& name)
    : m_app(std::make_unique<CLI::App>(description, name)) {}

CommandLine::~CommandLine() = default;

Command CommandLine::root() const {
  return Command(m_app.get());
}

void CommandLine::version_flag(const std::string& names, const std::string& version,
                               const std::string& help) const {
  m_app->set_version_flag(names, version, help);
}

void CommandLine::require_subcommand(int count) const {
  m_app->require_subcommand(count);
}

void CommandLine::fallthrough() const {
  m_app->fallthrough();
}

void CommandLine::footer(const std::string& text) const {
  m_app->footer(text);
}

std::optional<ParseStop> CommandLine::parse(const std::vector<std::string>& args, std::ostream& out,
                                            std::ostream& err) const {
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 pops from the back
  try {
    m_app->parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return ParseStop{m_app->exit(e, out, err), false, {}, {}};
  } catch (const CLI::CallForAllHelp& e) {
    return ParseStop{m_app->exit(e, out, err), false, {}, {}};
  } catch (const CLI::CallForVersion& e) {
    return ParseStop{m_app->exit(e, out, err), false, {}, {}};
  } catch (const CLI::ParseError& e) {
    std::string command = m_app->get_name();
    for (const CLI::App* sub : m_app->get_subcommands()) command += " " + sub->get_name();
    return ParseStop{0, true, e.what(), command};
  }
  return std::nullopt;
}

}  // namespace actionplan::cli
