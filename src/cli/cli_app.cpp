#include "cli_app.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace safelab::cli {
namespace {

// The parsed subcommand deepest in the chain (`labs check`), or `app`.
const CLI::App* deepest_parsed(const CLI::App* app) {
  for (const CLI::App* sub : app->get_subcommands()) return deepest_parsed(sub);
  return app;
}

std::vector<std::string> option_names(const CLI::App* app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app->get_options()) {
    if (!opt->get_lnames().empty()) names.push_back("--" + opt->get_lnames().front());
  }
  return names;
}

std::vector<std::string> subcommand_names(const CLI::App* app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app->get_subcommands({})) names.push_back(sub->get_name());
  return names;
}

// A word in the command position that names no command is refused before
// CLI11 sees it, which would only say that a subcommand is required.
// Returns the app the command words lead to; `*rest` is set when words
// follow them.
const CLI::App* check_command_words(CLI::App& app, int argc, char** argv, bool* unknown,
                                    bool* rest) {
  CLI::App* current = &app;
  *unknown = false;
  *rest = false;
  for (int i = 1; i < argc; ++i) {
    *rest = true;
    const std::string word = argv[i];
    if (word.starts_with("-") || current->get_subcommands({}).empty()) break;
    CLI::App* sub = nullptr;
    for (CLI::App* candidate : current->get_subcommands({})) {
      if (candidate->check_name(word)) sub = candidate;
    }
    if (sub == nullptr) {
      *unknown = true;
      usage_error(absl::StrCat(command_path(current), ": unknown command '", word,
                               "'; valid commands: ", join_choices(subcommand_names(current))),
                  command_path(current));
      return current;
    }
    current = sub;
    *rest = false;
  }
  return current;
}

}  // namespace

std::unique_ptr<CLI::App> make_app(const std::string& name, const std::string& description) {
  auto app = std::make_unique<CLI::App>(description, name);
  auto formatter = std::make_shared<CLI::Formatter>();
  formatter->label("Usage", "usage");
  formatter->column_width(34);
  app->formatter(formatter);
  app->require_subcommand(1);
  return app;
}

CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& summary,
                      const std::string& details) {
  CLI::App* app = parent.add_subcommand(name, summary);
  app->footer(details);
  return app;
}

CLI::App* add_group(CLI::App& parent, const std::string& name, const std::string& description) {
  CLI::App* group = parent.add_subcommand(name, description);
  group->require_subcommand(1);
  return group;
}

std::string command_path(const CLI::App* app) {
  std::vector<std::string> words;
  for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) words.push_back(a->get_name());
  std::reverse(words.begin(), words.end());
  return absl::StrJoin(words, " ");
}

int run_app(CLI::App& app, const Commands& commands, int argc, char** argv) {
  bool unknown = false;
  bool rest = false;
  const CLI::App* stop = check_command_words(app, argc, argv, &unknown, &rest);
  if (unknown) return 2;
  if (!stop->get_subcommands({}).empty() && !rest) {
    // A group without its command: what there is to choose from, as an error.
    std::cerr << stop->help(stop->get_parent() == nullptr ? "" : command_path(stop->get_parent()));
    return 2;
  }
  for (const auto& [leaf, sink] : commands.pass_through_) {
    if (leaf != stop) continue;
    for (int i = 1; i < argc; ++i) {
      if (std::string_view(argv[i]) != "--") continue;
      sink->assign(argv + i + 1, argv + argc);
      argc = i;
      break;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    const CLI::App* failed = deepest_parsed(&app);
    // Words no option took: CLI11 may first complain about something else
    // (a missing subcommand), but the stray word is the mistake to name.
    std::vector<std::string> extras = app.remaining();
    for (const CLI::App* a = failed; a != &app; a = a->get_parent()) {
      for (std::string& w : a->remaining()) extras.push_back(std::move(w));
    }
    std::string message = e.what();
    if (!extras.empty()) {
      message = absl::StrCat("unknown option '", absl::StrJoin(extras, " "),
                             "'; valid options: ", join_choices(option_names(failed)));
    }
    return usage_error(absl::StrCat(command_path(failed), ": ", message), command_path(failed));
  }
  for (const auto& leaf : commands.leaves_) {
    if (!leaf.app->parsed()) continue;
    try {
      return leaf.run();
    } catch (const InputError& e) {
      std::cerr << command_path(leaf.app) << ": " << e.what() << "\n";
      return 2;
    } catch (const std::exception& e) {
      std::cerr << command_path(leaf.app) << ": " << e.what() << "\n";
      return 1;
    }
  }
  std::cerr << app.help();
  return 2;
}

CLI::Validator one_of(std::vector<std::string> choices) {
  const std::string shown = absl::StrCat("{", absl::StrJoin(choices, ","), "}");
  return CLI::Validator(
      [choices = std::move(choices)](std::string& value) -> std::string {
        for (const std::string& c : choices) {
          if (value == c) return {};
        }
        return absl::StrCat("must be ", join_choices(choices), ", not '", value, "'");
      },
      shown);
}

CLI::Validator between(std::int64_t min, std::int64_t max) {
  return CLI::Validator(
      [min, max](std::string& value) -> std::string {
        char* end = nullptr;
        const long long v = std::strtoll(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0' || v < min || v > max) {
          return absl::StrCat("must be between ", min, " and ", max, ", not '", value, "'");
        }
        return {};
      },
      absl::StrCat("[", min, ", ", max, "]"));
}

CLI::Option* add_format_option(CLI::App* app, Format* out) {
  return app
      ->add_option_function<std::string>(
          "--format", [out](const std::string& w) { *out = parse_format(w); },
          "output format (default table)")
      ->check(one_of(format_names()));
}

std::string join_choices(const std::vector<std::string>& choices) {
  if (choices.empty()) return "(none)";
  if (choices.size() == 1) return choices.front();
  return absl::StrCat(
      absl::StrJoin(std::vector<std::string>(choices.begin(), choices.end() - 1), ", "), " or ",
      choices.back());
}

int usage_error(const std::string& message, const std::string& command) {
  std::cerr << message << "\n(see `" << command << " --help`)\n";
  return 2;
}

std::filesystem::path default_build_root() {
  if (const char* env = std::getenv("SAFELAB_BUILD_ROOT"); env != nullptr && *env != '\0') {
    return env;
  }
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "build";
  return exe.parent_path().parent_path().parent_path();
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace safelab::cli
