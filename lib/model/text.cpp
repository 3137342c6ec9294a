#include "model/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>
#include <utf8proc.h>

namespace actionplan {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Optimal string alignment distance: insertions, deletions, substitutions and
// transpositions of neighbours ("titel" → "title") each cost one.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        row[j] = std::min(row[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, row);
  }
  return previous[b.size()];
}

// Splits "O12" into ("O", 12); false when the id does not end in a number.
bool split_numbered(std::string_view id, std::string_view& prefix, long& number) {
  std::size_t end = id.size();
  std::size_t start = end;
  while (start > 0 && is_digit(id[start - 1])) --start;
  if (start == end || end - start > 9 || (id[start] == '0' && end - start > 1)) return false;
  prefix = id.substr(0, start);
  std::from_chars(id.data() + start, id.data() + end, number);
  return true;
}

}  // namespace

bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (is_digit(a[i]) && is_digit(b[j])) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && is_digit(a[ie])) ++ie;
      while (je < b.size() && is_digit(b[je])) ++je;
      std::string_view da = a.substr(i, ie - i), db = b.substr(j, je - j);
      std::size_t za = da.find_first_not_of('0'), zb = db.find_first_not_of('0');
      std::string_view va = za == std::string_view::npos ? std::string_view{} : da.substr(za);
      std::string_view vb = zb == std::string_view::npos ? std::string_view{} : db.substr(zb);
      if (va.size() != vb.size()) return va.size() < vb.size();
      if (va != vb) return va < vb;
      if (da.size() != db.size()) return da.size() < db.size();
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c);
  };
  if (!alnum(id[0])) return false;
  return std::all_of(id.begin() + 1, id.end(),
                     [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string lower = to_lower_ascii(word);
  const std::size_t allowed = std::max<std::size_t>(1, (word.size() + 1) / 3);
  std::string best;
  std::size_t best_distance = allowed + 1;
  bool tie = false;
  for (const std::string& candidate : candidates) {
    const std::size_t d = edit_distance(lower, to_lower_ascii(candidate));
    if (d < best_distance) {
      best = candidate;
      best_distance = d;
      tie = false;
    } else if (d == best_distance && candidate != best) {
      tie = true;
    }
  }
  if (best_distance <= allowed && !tie) return best;
  // Not a typo but a part: the start of one id ("andes-coffee" for
  // "andes-coffee-soil-carbon", "soil-map" for "soil-mapping"), or one id and
  // more words ("soil-mapping-2025" for "soil-mapping"), when exactly one fits.
  if (lower.size() < 3) return "";
  std::string part;
  for (const std::string& candidate : candidates) {
    const std::string c = to_lower_ascii(candidate);
    const bool fits =
        c.size() != lower.size() &&
        (c.size() > lower.size()
             ? c.starts_with(lower)
             : lower.starts_with(c) && !std::isalnum(static_cast<unsigned char>(lower[c.size()])));
    if (!fits) continue;
    if (!part.empty() && part != candidate) return "";
    part = candidate;
  }
  return part;
}

std::string describe_ids(std::vector<std::string> ids, std::size_t limit, IdOrder order) {
  if (ids.empty()) return "none";
  if (order == IdOrder::natural) {
    std::sort(ids.begin(), ids.end(),
              [](const std::string& a, const std::string& b) { return natural_less(a, b); });
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  if (ids.size() >= 3) {
    std::string_view first_prefix, prefix;
    long first = 0, number = 0;
    bool run = split_numbered(ids.front(), first_prefix, first);
    for (std::size_t k = 0; run && k < ids.size(); ++k)
      run = split_numbered(ids[k], prefix, number) && prefix == first_prefix &&
            number == first + static_cast<long>(k);
    if (run) return fmt::format("{}..{}", ids.front(), ids.back());
  }
  std::string out;
  for (std::size_t k = 0; k < ids.size() && k < limit; ++k) {
    if (k) out += ", ";
    out += ids[k];
  }
  if (ids.size() > limit) out += fmt::format(" and {} more", ids.size() - limit);
  return out;
}

std::string id_for_name(std::string_view text, const std::vector<NamedId>& entries) {
  const std::size_t first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return "";
  const std::string wanted =
      to_lower_ascii(text.substr(first, text.find_last_not_of(' ') - first + 1));
  for (const NamedId& e : entries)
    if (to_lower_ascii(e.name) == wanted) return e.id;
  auto unique = [&](auto fits) {
    const NamedId* found = nullptr;
    for (const NamedId& e : entries)
      if (fits(e)) {
        if (found && found->id != e.id) return std::string();
        found = &e;
      }
    return found ? found->id : std::string();
  };
  std::string id = unique([&](const NamedId& e) {
    const std::string name = to_lower_ascii(e.name);
    return name.starts_with(wanted) &&
           (name.size() == wanted.size() ||
            !std::isalnum(static_cast<unsigned char>(name[wanted.size()])));
  });
  if (!id.empty()) return id;
  const std::string made = slug(text);
  if (made.empty()) return "";
  return unique([&](const NamedId& e) {
    return e.id.starts_with(made) && (e.id.size() == made.size() ||
                                      !std::isalnum(static_cast<unsigned char>(e.id[made.size()])));
  });
}

std::string unknown_reference_message(std::string_view what, std::string_view what_plural,
                                      std::string_view id, const std::vector<std::string>& known,
                                      IdOrder order, const std::vector<NamedId>& names) {
  if (const std::string named = id_for_name(id, names); !named.empty())
    return fmt::format("unknown {} {}: that is the name of {} {}; write {}", what, in_quotes(id),
                       what, in_quotes(named), named);
  std::string message = fmt::format("unknown {} {}; known {}: {}", what, in_quotes(id), what_plural,
                                    describe_ids(known, 12, order));
  const std::string suggestion = closest_match(id, known);
  if (!suggestion.empty()) message += fmt::format("; did you mean {}?", in_quotes(suggestion));
  return message;
}

std::string slug(std::string_view title, std::size_t max) {
  utf8proc_uint8_t* folded = nullptr;
  const auto n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(title.data()),
                   static_cast<utf8proc_ssize_t>(title.size()), &folded,
                   static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                  UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
  std::string text =
      n < 0 ? to_lower_ascii(title)
            : std::string(reinterpret_cast<char*>(folded), static_cast<std::size_t>(n));
  std::free(folded);
  // Latin letters that do not decompose into an ASCII letter and a mark.
  static constexpr std::pair<std::string_view, std::string_view> k_letters[] = {
      {"æ", "ae"}, {"ø", "o"},  {"œ", "oe"}, {"ł", "l"}, {"đ", "d"},
      {"ð", "d"},  {"þ", "th"}, {"ı", "i"},  {"ŧ", "t"}};
  for (const auto& [from, to] : k_letters)
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
      text.replace(at, from.size(), to);
  std::vector<std::string> words(1);
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      words.back() += c;
    else if (!words.back().empty())
      words.emplace_back();
  }
  if (words.back().empty()) words.pop_back();
  std::string out;
  for (const std::string& w : words) {
    const std::size_t needed = out.size() + (out.empty() ? 0 : 1) + w.size();
    if (needed > max) {
      if (out.empty()) out = w.substr(0, max);  // one word longer than the limit
      break;
    }
    out += (out.empty() ? "" : "-") + w;
  }
  return out;
}

bool is_windows_reserved(std::string_view id) {
  const std::string stem = to_lower_ascii(id.substr(0, id.find('.')));
  if (stem == "con" || stem == "prn" || stem == "aux" || stem == "nul") return true;
  return stem.size() == 4 && (stem.starts_with("com") || stem.starts_with("lpt")) &&
         stem[3] >= '1' && stem[3] <= '9';
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

std::string in_quotes(std::string_view s) {
  return fmt::format("'{}'", escape_controls(s));
}

namespace {

bool is_bidi_control(utf8proc_int32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

// Eight bytes at a time: it runs over every text the overlap search reads.
bool is_ascii(std::string_view text) {
  std::uint64_t bits = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, text.data() + i, 8);
    bits |= chunk;
  }
  for (; i < text.size(); ++i) bits |= static_cast<unsigned char>(text[i]);
  return (bits & 0x8080808080808080ULL) == 0;
}

bool has_control_character(std::string_view s) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t') {
      ++i;
      continue;
    }
    if (c < 0x80) return true;
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (n < 0 || cp <= 0x9F) return true;
    i += static_cast<std::size_t>(n);
  }
  return false;
}

std::string escape_controls(std::string_view s) {
  if (std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7F; }))
    return std::string(s);
  std::string out;
  out.reserve(s.size());
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
      ++i;
    } else if (c == '\n' || c == '\t' || c == '\r') {
      out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r";
      ++i;
    } else if (c < 0x80) {
      out += fmt::format("\\x{:02X}", c);
      ++i;
    } else {
      utf8proc_int32_t cp = 0;
      const auto n = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
      if (n < 0) {
        out += fmt::format("\\x{:02X}", c);  // not UTF-8
        ++i;
      } else {
        // C1 controls, and the bidi controls that reorder what a terminal shows (Trojan Source).
        if (cp <= 0x9F || is_bidi_control(cp))
          out += fmt::format("\\u{:04X}", cp);
        else
          out.append(s.substr(i, static_cast<std::size_t>(n)));
        i += static_cast<std::size_t>(n);
      }
    }
  }
  return out;
}

std::string with_article(std::string_view word) {
  const bool vowel =
      !word.empty() && std::string_view("aeiouAEIOU").find(word[0]) != std::string_view::npos;
  return fmt::format("{} {}", vowel ? "an" : "a", word);
}

std::string capitalised(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string plural(long long n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string shortened(std::string_view text, std::size_t max_characters) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && characters++ == max_characters)
      return (i ? std::string(text.substr(0, text.find_last_not_of(' ', i - 1) + 1)) : "") + "…";
  return std::string(text);
}

}  // namespace actionplan
