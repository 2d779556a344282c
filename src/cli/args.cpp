#include "args.h"

#include <algorithm>
#include <charconv>
#include <sstream>

namespace safelab::cli {

std::string join_choices(const std::vector<std::string>& choices) {
  std::string out;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) out += (i + 1 == choices.size()) ? " or " : ", ";
    out += choices[i];
  }
  return out;
}

ArgParser::ArgParser(std::string command, std::string summary)
    : command_(std::move(command)), summary_(std::move(summary)) {}

ArgParser& ArgParser::flag(std::string name, std::string help, bool* out) {
  options_.push_back({std::move(name), "", std::move(help), [out](const std::string&) {
                        *out = true;
                        return std::optional<std::string>();
                      }});
  return *this;
}

ArgParser& ArgParser::option(std::string name, std::string value_name, std::string help,
                             std::string* out) {
  options_.push_back(
      {std::move(name), std::move(value_name), std::move(help), [out](const std::string& v) {
         *out = v;
         return std::optional<std::string>();
       }});
  return *this;
}

ArgParser& ArgParser::integer(std::string name, std::string help, std::int64_t* out,
                              std::int64_t min, std::int64_t max) {
  std::string flag_name = name;
  options_.push_back(
      {std::move(name), "N", std::move(help),
       [out, min, max, flag_name](const std::string& v) -> std::optional<std::string> {
         std::int64_t value = 0;
         const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
         if (ec != std::errc() || end != v.data() + v.size()) {
           return "--" + flag_name + " takes a whole number, not '" + v + "'";
         }
         if (value < min || value > max) {
           return "--" + flag_name + " must be between " + std::to_string(min) + " and " +
                  std::to_string(max) + ", not " + v;
         }
         *out = value;
         return std::nullopt;
       }});
  return *this;
}

ArgParser& ArgParser::choice(std::string name, std::string help, std::string* out,
                             std::vector<std::string> choices) {
  std::string flag_name = name;
  help += " (" + join_choices(choices) + ")";
  options_.push_back({std::move(name), "WORD", std::move(help),
                      [out, choices = std::move(choices),
                       flag_name](const std::string& v) -> std::optional<std::string> {
                        if (std::find(choices.begin(), choices.end(), v) == choices.end()) {
                          return "--" + flag_name + " must be " + join_choices(choices) +
                                 ", not '" + v + "'";
                        }
                        *out = v;
                        return std::nullopt;
                      }});
  return *this;
}

ArgParser& ArgParser::repeated(std::string name, std::string value_name, std::string help,
                               std::vector<std::string>* out) {
  options_.push_back({std::move(name), std::move(value_name), std::move(help) + " (repeatable)",
                      [out](const std::string& v) {
                        out->push_back(v);
                        return std::optional<std::string>();
                      }});
  return *this;
}

ArgParser& ArgParser::rest(std::string name, std::string help, std::vector<std::string>* out,
                           std::size_t min) {
  rest_ = {std::move(name), std::move(help), out, min};
  return *this;
}

ArgParser& ArgParser::positional(std::string name, std::string help, std::string* out,
                                 bool required) {
  positionals_.push_back({std::move(name), std::move(help), out, required});
  return *this;
}

const ArgParser::Option* ArgParser::find(const std::string& name) const {
  for (const Option& o : options_) {
    if (o.name == name) return &o;
  }
  return nullptr;
}

std::optional<UsageError> ArgParser::parse(std::span<const std::string> args) {
  std::size_t next_positional = 0;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--help" || arg == "-h") {
      help_requested_ = true;
      return std::nullopt;
    }
    if (arg.starts_with("--")) {
      std::string name = arg.substr(2);
      std::optional<std::string> inline_value;
      if (const auto eq = name.find('='); eq != std::string::npos) {
        inline_value = name.substr(eq + 1);
        name.resize(eq);
      }
      const Option* opt = find(name);
      if (opt == nullptr) {
        std::vector<std::string> known;
        for (const Option& o : options_) known.push_back("--" + o.name);
        known.emplace_back("--help");
        return UsageError{command_ + ": unknown option '--" + name +
                          "'; valid options: " + join_choices(known)};
      }
      std::string value;
      if (!opt->value_name.empty()) {
        if (inline_value) {
          value = *inline_value;
        } else if (i + 1 < args.size()) {
          value = args[++i];
        } else {
          return UsageError{command_ + ": --" + name + " needs a value (" + opt->value_name + ")"};
        }
      } else if (inline_value) {
        return UsageError{command_ + ": --" + name + " takes no value"};
      }
      if (auto err = opt->set(value)) return UsageError{command_ + ": " + *err};
      continue;
    }
    if (arg.size() > 1 && arg[0] == '-') {
      return UsageError{command_ + ": unknown option '" + arg + "'; options start with --"};
    }
    if (next_positional >= positionals_.size()) {
      if (rest_.out != nullptr) {
        rest_.out->push_back(arg);
        continue;
      }
      return UsageError{command_ + ": unexpected argument '" + arg + "'"};
    }
    *positionals_[next_positional++].out = arg;
  }
  for (std::size_t p = next_positional; p < positionals_.size(); ++p) {
    if (positionals_[p].required) {
      return UsageError{command_ + ": missing " + positionals_[p].name};
    }
  }
  if (rest_.out != nullptr && rest_.out->size() < rest_.min) {
    return UsageError{command_ + ": missing " + rest_.name};
  }
  return std::nullopt;
}

std::string ArgParser::help() const {
  std::ostringstream out;
  out << "usage: " << command_;
  for (const Positional& p : positionals_) {
    out << (p.required ? " " : " [") << p.name << (p.required ? "" : "]");
  }
  if (rest_.out != nullptr) out << " " << rest_.name << "...";
  out << " [options]\n\n" << summary_ << "\n";
  if (!positionals_.empty() || rest_.out != nullptr) {
    out << "\narguments:\n";
    for (const Positional& p : positionals_) out << "  " << p.name << "\n      " << p.help << "\n";
    if (rest_.out != nullptr) out << "  " << rest_.name << "...\n      " << rest_.help << "\n";
  }
  out << "\noptions:\n";
  for (const Option& o : options_) {
    out << "  --" << o.name << (o.value_name.empty() ? "" : " " + o.value_name) << "\n      "
        << o.help << "\n";
  }
  out << "  --help\n      show this help\n";
  return out.str();
}

}  // namespace safelab::cli
