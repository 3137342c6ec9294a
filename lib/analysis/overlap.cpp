#include "analysis/overlap.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include <utf8proc.h>

#include "model/text.hpp"

namespace actionplan {
namespace {

const std::set<std::string, std::less<>>& stop_words() {
  static const std::set<std::string, std::less<>> k_words = {
      // English
      "the", "and", "for", "with", "from", "into", "onto", "that", "this", "these", "those", "are",
      "was", "were", "will", "shall", "can", "could", "would", "should", "has", "have", "had", "its",
      "their", "them", "they", "our", "your", "not", "but", "all", "any", "each", "other", "such",
      "than", "then", "also", "more", "most", "which", "who", "whom", "whose", "what", "when",
      "where", "how", "why", "about", "over", "under", "between", "through", "within", "without",
      "across", "upon", "per", "via", "out", "off", "both", "been", "being", "while", "there",
      "here", "well", "use", "using", "used", "new",
      // French
      "les", "des", "une", "dans", "pour", "par", "sur", "avec", "aux", "est", "sont", "ses",
      "leur", "leurs", "qui", "que", "cette", "ces", "entre", "sans",
      // Spanish
      "los", "las", "una", "del", "para", "por", "con", "como", "sus", "que", "entre", "sobre",
      "sin", "este", "esta", "estos", "estas"};
  return k_words;
}

// Accents folded and case folded, NFKC-compatible; invalid UTF-8 is kept as bytes.
std::string fold(std::string_view text) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
    return to_lower_ascii(text);  // nothing to fold but case
  utf8proc_uint8_t* folded = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                              static_cast<utf8proc_ssize_t>(text.size()), &folded,
                              static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                             UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
  if (n < 0) return to_lower_ascii(text);
  std::string out(reinterpret_cast<char*>(folded), static_cast<std::size_t>(n));
  std::free(folded);
  return out;
}

struct Entry {
  const Activity* activity;
  std::vector<int> tokens;  // ids, rarest first
  std::size_t index = 0;    // position in natural id order
};

// A pair found, before the cap: entry indexes (lower first), score, group.
struct Candidate {
  double score;
  std::size_t x, y;
  std::size_t group;
};

}  // namespace

std::vector<std::string> similarity_words(std::string_view text) {
  const std::string folded = fold(text);
  std::set<std::string> words;
  std::string word;
  auto flush = [&] {
    // Plurals read as their singular, so that the shared words shown stay words:
    // "countries" → "country", "farms" → "farm" ("process", "status", "basis" kept).
    if (word == "species" || word == "series") {
      // the same in the singular
    } else if (word.size() > 4 && word.ends_with("ies"))
      word.replace(word.size() - 3, 3, "y");
    else if (word.size() > 3 && word.back() == 's' && !word.ends_with("ss") && !word.ends_with("us") &&
             !word.ends_with("is"))
      word.pop_back();
    if (word.size() >= 3 && !stop_words().count(word)) words.insert(word);
    word.clear();
  };
  for (char c : folded) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) word += c;
    else flush();
  }
  flush();
  return {words.begin(), words.end()};
}

std::vector<Overlap> find_overlaps(const Plan& plan, double threshold, std::size_t per_activity) {
  // Words of every active activity, and how many activities use each word.
  std::vector<std::pair<const Activity*, std::vector<std::string>>> texts;
  std::unordered_map<std::string, int> frequency;
  for (const Activity& a : plan.activities) {
    if (a.status != ActivityStatus::active) continue;
    std::string text = a.title ? a.title->value : "";
    if (a.description) text += "\n" + a.description->value;
    std::vector<std::string> words = similarity_words(text);
    if (words.empty()) continue;
    for (const std::string& w : words) ++frequency[w];
    texts.emplace_back(&a, std::move(words));
  }
  // Token ids in global order: rarest first, ties by the word.
  std::vector<std::pair<int, std::string>> order;
  for (const auto& [word, count] : frequency) order.emplace_back(count, word);
  std::sort(order.begin(), order.end());
  std::unordered_map<std::string, int> token_id;
  std::vector<std::string> token_word(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    token_id[order[i].second] = static_cast<int>(i);
    token_word[i] = order[i].second;
  }

  // Groups: (objective, region) → entries.
  std::vector<Entry> entries;
  entries.reserve(texts.size());
  for (auto& [activity, words] : texts) {
    Entry e{activity, {}, entries.size()};
    for (const std::string& w : words) e.tokens.push_back(token_id[w]);
    std::sort(e.tokens.begin(), e.tokens.end());
    entries.push_back(std::move(e));
  }
  struct NaturalPairLess {
    bool operator()(const std::pair<std::string, std::string>& x,
                    const std::pair<std::string, std::string>& y) const {
      if (x.first != y.first) return natural_less(x.first, y.first);
      return natural_less(x.second, y.second);
    }
  };
  std::map<std::pair<std::string, std::string>, std::vector<const Entry*>, NaturalPairLess> groups;
  for (const Entry& e : entries) {
    std::set<std::string> regions;
    for (const auto& r : e.activity->regions) regions.insert(r.value);
    if (regions.empty()) regions.insert("");
    for (const auto& o : e.activity->objectives)
      for (const std::string& r : regions) groups[{o.value, r}].push_back(&e);
  }

  // Pairs at or above the threshold, each once (under its first group).
  std::vector<std::pair<std::string, std::string>> group_keys;
  std::unordered_map<std::size_t, std::unordered_map<std::size_t, std::size_t>> seen;
  std::vector<Candidate> pairs;
  const double t = std::clamp(threshold, 0.0, 1.0);
  auto prefix_length = [&](std::size_t size) {
    const auto needed = static_cast<std::size_t>(std::ceil(t * static_cast<double>(size) - 1e-9));
    return size - std::min(size, needed) + 1;
  };
  for (auto& [key, members] : groups) {
    const std::size_t group = group_keys.size();
    group_keys.push_back(key);
    if (members.size() < 2) continue;
    std::stable_sort(members.begin(), members.end(), [](const Entry* x, const Entry* y) {
      return x->tokens.size() < y->tokens.size();
    });
    std::unordered_map<int, std::vector<const Entry*>> index;  // prefix token → entries seen
    std::vector<const Entry*> candidates;
    for (const Entry* x : members) {
      candidates.clear();
      const std::size_t prefix = std::min(prefix_length(x->tokens.size()), x->tokens.size());
      for (std::size_t i = 0; i < prefix; ++i) {
        auto it = index.find(x->tokens[i]);
        if (it == index.end()) continue;
        for (const Entry* y : it->second)
          if (static_cast<double>(y->tokens.size()) >= t * static_cast<double>(x->tokens.size()) - 1e-9)
            candidates.push_back(y);
      }
      std::sort(candidates.begin(), candidates.end());
      candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
      for (const Entry* y : candidates) {
        std::size_t shared = 0;
        for (auto i = x->tokens.begin(), j = y->tokens.begin(); i != x->tokens.end() && j != y->tokens.end();) {
          if (*i < *j) ++i;
          else if (*j < *i) ++j;
          else ++shared, ++i, ++j;
        }
        const double score =
            static_cast<double>(shared) / static_cast<double>(x->tokens.size() + y->tokens.size() - shared);
        if (shared == 0 || score + 1e-12 < t) continue;
        const std::size_t lo = std::min(x->index, y->index), hi = std::max(x->index, y->index);
        if (!seen[lo].emplace(hi, group).second) continue;
        pairs.push_back({score, lo, hi, group});
      }
      for (std::size_t i = 0; i < prefix; ++i) index[x->tokens[i]].push_back(x);
    }
  }

  // The cap: each activity's closest partners (score, then id order).
  std::sort(pairs.begin(), pairs.end(), [](const Candidate& p, const Candidate& q) {
    if (p.score != q.score) return p.score > q.score;
    return std::tie(p.x, p.y) < std::tie(q.x, q.y);
  });
  std::vector<std::size_t> taken(entries.size(), 0);
  std::vector<Candidate> kept;
  for (const Candidate& p : pairs) {
    const bool keep = taken[p.x] < per_activity || taken[p.y] < per_activity;
    ++taken[p.x];
    ++taken[p.y];
    if (keep) kept.push_back(p);
  }

  std::map<std::pair<std::string, std::string>, Overlap> found;  // sorted by (a id, b id) below
  for (const Candidate& p : kept) {
    const Entry& x = entries[p.x];
    const Entry& y = entries[p.y];
    Overlap o;
    o.a = x.activity;
    o.b = y.activity;
    if (natural_less(o.b->id.value, o.a->id.value)) std::swap(o.a, o.b);
    o.score = p.score;
    std::vector<int> shared;
    std::set_intersection(x.tokens.begin(), x.tokens.end(), y.tokens.begin(), y.tokens.end(),
                          std::back_inserter(shared));
    for (int token : shared) o.shared_words.push_back(token_word[static_cast<std::size_t>(token)]);
    std::sort(o.shared_words.begin(), o.shared_words.end());
    o.objective = group_keys[p.group].first;
    o.region = group_keys[p.group].second;
    found.emplace(std::make_pair(o.a->id.value, o.b->id.value), std::move(o));
  }
  std::vector<Overlap> out;
  for (auto& [ids, overlap] : found) out.push_back(std::move(overlap));
  std::sort(out.begin(), out.end(), [](const Overlap& x, const Overlap& y) {
    if (x.a->id.value != y.a->id.value) return natural_less(x.a->id.value, y.a->id.value);
    return natural_less(x.b->id.value, y.b->id.value);
  });
  return out;
}

}  // namespace actionplan
