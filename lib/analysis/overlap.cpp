#include "analysis/overlap.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <utf8proc.h>

#include "model/parallel.hpp"
#include "model/text.hpp"

namespace actionplan {
namespace {

const std::unordered_set<std::string_view>& stop_words() {
  static const std::unordered_set<std::string_view> k_words = {
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
  std::vector<std::string> words;
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
    if (word.size() >= 3 && !stop_words().count(word)) words.push_back(word);
    word.clear();
  };
  for (char c : folded) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || u >= 0x80) word += c;
    else flush();
  }
  flush();
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

std::vector<Overlap> find_overlaps(const Plan& plan, double threshold, std::size_t per_activity,
                                   unsigned threads) {
  // Words of every active activity, on all workers.
  std::vector<const Activity*> active;
  for (const Activity& a : plan.activities)
    if (a.status == ActivityStatus::active) active.push_back(&a);
  std::vector<std::vector<std::string>> words_of(active.size());
  parallel_for(active.size(), threads, [&](std::size_t i) {
    const Activity& a = *active[i];
    std::string text = a.title ? a.title->value : "";
    if (a.description) text += "\n" + a.description->value;
    words_of[i] = similarity_words(text);
  });
  // How many activities use each word: counted in fixed chunks, then summed.
  constexpr std::size_t k_chunks = 16;
  std::vector<std::unordered_map<std::string_view, int>> chunk_counts(k_chunks);
  parallel_for(k_chunks, threads, [&](std::size_t c) {
    for (std::size_t i = c; i < words_of.size(); i += k_chunks)
      for (const std::string& w : words_of[i]) ++chunk_counts[c][w];
  });
  std::unordered_map<std::string_view, int> frequency;
  for (const auto& counts : chunk_counts)
    for (const auto& [word, count] : counts) frequency[word] += count;
  // Token ids in global order: rarest first, ties by the word.
  std::vector<std::pair<int, std::string_view>> order;
  order.reserve(frequency.size());
  for (const auto& [word, count] : frequency) order.emplace_back(count, word);
  std::sort(order.begin(), order.end());
  std::unordered_map<std::string_view, int> token_id;
  std::vector<std::string> token_word(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    token_id[order[i].second] = static_cast<int>(i);
    token_word[i] = std::string(order[i].second);
  }

  std::vector<Entry> entries;
  entries.reserve(active.size());
  for (std::size_t i = 0; i < active.size(); ++i)
    if (!words_of[i].empty()) entries.push_back(Entry{active[i], {}, entries.size()});
  {
    std::vector<std::size_t> word_index;  // entry → its words
    for (std::size_t i = 0; i < active.size(); ++i)
      if (!words_of[i].empty()) word_index.push_back(i);
    parallel_for(entries.size(), threads, [&](std::size_t e) {
      for (const std::string& w : words_of[word_index[e]]) entries[e].tokens.push_back(token_id.at(w));
      std::sort(entries[e].tokens.begin(), entries[e].tokens.end());
    });
  }

  // Groups: (objective, region) → entries, in natural order of the pair.
  std::unordered_map<std::string, std::size_t> group_of;  // "objective\nregion" → group
  std::vector<std::pair<std::string, std::string>> keys;
  std::vector<std::vector<const Entry*>> members_of;
  for (const Entry& e : entries) {
    std::vector<std::string> regions;
    for (const auto& r : e.activity->regions) regions.push_back(r.value);
    std::sort(regions.begin(), regions.end());
    regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
    if (regions.empty()) regions.emplace_back();
    for (const auto& o : e.activity->objectives)
      for (const std::string& r : regions) {
        auto [it, inserted] = group_of.emplace(o.value + "\n" + r, keys.size());
        if (inserted) {
          keys.emplace_back(o.value, r);
          members_of.emplace_back();
        }
        std::vector<const Entry*>& members = members_of[it->second];
        if (members.empty() || members.back() != &e) members.push_back(&e);
      }
  }
  std::vector<std::size_t> group_order(keys.size());
  for (std::size_t g = 0; g < keys.size(); ++g) group_order[g] = g;
  std::sort(group_order.begin(), group_order.end(), [&](std::size_t x, std::size_t y) {
    if (keys[x].first != keys[y].first) return natural_less(keys[x].first, keys[y].first);
    return natural_less(keys[x].second, keys[y].second);
  });

  // Pairs at or above the threshold within each group (groups on all workers).
  const double t = std::clamp(threshold, 0.0, 1.0);
  auto prefix_length = [&](std::size_t size) {
    const auto needed = static_cast<std::size_t>(std::ceil(t * static_cast<double>(size) - 1e-9));
    return size - std::min(size, needed) + 1;
  };
  std::vector<std::vector<Candidate>> group_pairs(keys.size());
  parallel_for(keys.size(), threads, [&](std::size_t group) {
    std::vector<const Entry*>& members = members_of[group];
    if (members.size() < 2) return;
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
        // Jaccard >= t needs at least t/(1+t) * (|x|+|y|) shared words: the merge stops
        // as soon as the words left cannot reach that (most candidates are not alike).
        const double needed = t / (1 + t) * static_cast<double>(x->tokens.size() + y->tokens.size()) - 1e-9;
        std::size_t shared = 0;
        auto i = x->tokens.begin(), j = y->tokens.begin();
        while (i != x->tokens.end() && j != y->tokens.end()) {
          const auto left = static_cast<double>(std::min(x->tokens.end() - i, y->tokens.end() - j));
          if (static_cast<double>(shared) + left < needed) break;
          if (*i < *j) ++i;
          else if (*j < *i) ++j;
          else ++shared, ++i, ++j;
        }
        const double score =
            static_cast<double>(shared) / static_cast<double>(x->tokens.size() + y->tokens.size() - shared);
        if (shared == 0 || score + 1e-12 < t) continue;
        group_pairs[group].push_back(
            {score, std::min(x->index, y->index), std::max(x->index, y->index), group});
      }
      for (std::size_t i = 0; i < prefix; ++i) index[x->tokens[i]].push_back(x);
    }
  });
  // Each pair once, under the first of its groups in natural order.
  std::unordered_map<std::size_t, std::unordered_set<std::size_t>> seen;
  std::vector<Candidate> pairs;
  for (std::size_t group : group_order)
    for (const Candidate& p : group_pairs[group])
      if (seen[p.x].insert(p.y).second) pairs.push_back(p);

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
    o.objective = keys[p.group].first;
    o.region = keys[p.group].second;
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
