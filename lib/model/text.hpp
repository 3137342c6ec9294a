#pragma once
// Small text helpers shared by every module: natural ordering, id syntax,
// closest-match suggestions and lists of known ids for messages.
#include <string>
#include <string_view>
#include <vector>

namespace actionplan {

enum class IdOrder { natural, as_given };

// "O2" < "O10": digit runs compare by value, everything else bytewise.
bool natural_less(std::string_view a, std::string_view b);

// ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$
bool is_valid_id(std::string_view id);

std::string to_lower_ascii(std::string_view s);

// The candidate closest to `word` (case-insensitive edit distance), if it is
// close enough to be a plausible typo and no other candidate is as close
// (for 'O3' among O1 and O2 no guess is better than an arbitrary one).
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "O1..O24" for a run like O1, O2, ..., O24; otherwise "a, b, c" (at most
// `limit` names, then "and N more"); "none" when empty. Input in any order.
std::string describe_ids(std::vector<std::string> ids, std::size_t limit = 12,
                         IdOrder order = IdOrder::natural);

// An id and the name people see for it in reports: {"agreement", "Funding agreement signed"}.
struct NamedId {
  std::string id;
  std::string name;
};

// The id that `text` means when it is written as a name rather than an id:
// a name in any case ("funding agreement signed" → agreement), the start of
// exactly one name at a word's end ("Latin America" → latin-america-caribbean
// for "Latin America and the Caribbean"), or the slug of `text` starting
// exactly one id. "" when none fits, or several.
std::string id_for_name(std::string_view text, const std::vector<NamedId>& entries);

// "unknown objective 'O25'; known objectives: O1..O24; did you mean 'O2'?"
// With `names`, a name written for an id gets that id: "unknown stage 'Funding
// agreement signed': that is the name of stage 'agreement'; write agreement".
std::string unknown_reference_message(std::string_view what, std::string_view what_plural,
                                      std::string_view id, const std::vector<std::string>& known,
                                      IdOrder order = IdOrder::natural,
                                      const std::vector<NamedId>& names = {});

// An id made from a title: accents folded, lower-case ASCII letters and
// digits, words joined by '-', at most `max` characters cut at a word
// boundary ("Gestión de suelos en Perú" → "gestion-de-suelos-en-peru").
// Empty when the title has no letter or digit that folds to ASCII.
std::string slug(std::string_view title, std::size_t max = 64);

// True for names Windows reserves (CON, PRN, AUX, NUL, COM1-9, LPT1-9),
// alone or before a dot, in any case: such a file cannot exist there.
bool is_windows_reserved(std::string_view id);

// "a, b, c" (or with another separator).
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

// "1 file", "3 files": a count and its noun in the right number.
std::string plural(long long n, std::string_view one, std::string_view many);

// "Task force" from "task force" (the first letter, when ASCII).
std::string capitalised(std::string_view text);
// "an activity", "a task force": the word with its indefinite article.
std::string with_article(std::string_view word);

// Quotes a value for a message: 'value', control characters escaped.
std::string in_quotes(std::string_view s);

// True when `s` holds a control character other than tab and line feed (C0,
// DEL, C1) or bytes that are not UTF-8.
bool has_control_character(std::string_view s);
// True when every byte is below 0x80.
bool is_ascii(std::string_view text);
// Replaces control characters (C0, DEL, C1) and bidi controls (U+202E...) by
// \n, \t, \r, \xNN or \uNNNN so a text stays on one line and cannot drive or
// reorder a terminal. Other valid UTF-8 is kept.
std::string escape_controls(std::string_view s);

// At most `max_characters` characters of `text` (UTF-8 characters kept whole),
// with "…" in place of what was cut.
std::string shortened(std::string_view text, std::size_t max_characters);

}  // namespace actionplan
