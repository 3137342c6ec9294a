#include "analysis/overlap.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include <utf8proc.h>

#include "model/parallel.hpp"
#include "model/text.hpp"

namespace actionplan {
namespace {

using WordHash = std::hash<std::string_view>;

const std::vector<std::string_view>& stop_word_list() {
  static const std::vector<std::string_view> k_words = {
      // English
      "the", "and", "for", "with", "from", "into", "onto", "that", "this", "these", "those", "are",
      "was", "were", "will", "shall", "can", "could", "would", "should", "has", "have", "had",
      "its", "their", "them", "they", "our", "your", "not", "but", "all", "any", "each", "other",
      "such", "than", "then", "also", "more", "most", "which", "who", "whom", "whose", "what",
      "when", "where", "how", "why", "about", "over", "under", "between", "through", "within",
      "without", "across", "upon", "per", "via", "out", "off", "both", "been", "being", "while",
      "there", "here", "well", "use", "using", "used", "new",
      // French
      "les", "des", "une", "dans", "pour", "par", "sur", "avec", "aux", "est", "sont", "ses",
      "leur", "leurs", "qui", "que", "cette", "ces", "entre", "sans",
      // Spanish
      "los", "las", "una", "del", "para", "por", "con", "como", "sus", "que", "entre", "sobre",
      "sin", "este", "esta", "estos", "estas"};
  return k_words;
}

// The stop words, by their hash, in a small open-addressing table: the search
// hashes each word once and looks it up here.
class StopWords {
 public:
  StopWords() {
    for (std::string_view w : stop_word_list()) {
      m_longest = std::max(m_longest, w.size());
      std::size_t slot = WordHash{}(w)&k_mask;
      while (!m_words[slot].empty()) slot = (slot + 1) & k_mask;
      m_words[slot] = w;
      m_hashes[slot] = WordHash{}(w);
    }
  }
  bool contains(std::string_view word, std::uint64_t hash) const {
    if (word.size() > m_longest) return false;
    for (std::size_t slot = hash & k_mask; !m_words[slot].empty(); slot = (slot + 1) & k_mask)
      if (m_hashes[slot] == hash && m_words[slot] == word) return true;
    return false;
  }

 private:
  static constexpr std::size_t k_mask = 511;  // 4 slots per word: short probes
  std::array<std::uint64_t, k_mask + 1> m_hashes{};
  std::array<std::string_view, k_mask + 1> m_words{};
  std::size_t m_longest = 0;
};

const StopWords& stop_words() {
  static const StopWords k_stop_words;
  return k_stop_words;
}

// Accents folded and case folded, NFKC-compatible; invalid UTF-8 is kept as
// bytes (lower-cased). Used for text that is not ASCII.
std::string fold(std::string_view text) {
  utf8proc_uint8_t* folded = nullptr;
  const auto n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &folded,
                   static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                  UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
  if (n < 0) return to_lower_ascii(text);
  std::string out(reinterpret_cast<char*>(folded), static_cast<std::size_t>(n));
  std::free(folded);
  return out;
}

// Word hash → a number (how many activities use the word, then its rank):
// open addressing with linear probing, at most half full. The hashes are
// already well mixed, so their low bits pick the slot.
class WordTable {
 public:
  explicit WordTable(std::size_t expected) {
    std::size_t capacity = 64;
    while (capacity < 2 * expected) capacity <<= 1;
    m_slots.resize(capacity);
  }
  // The number of `key`, added as 0 when new.
  std::uint32_t& operator[](std::uint64_t key) { return slot_of(key).value; }
  // Counts `key` once per `source` (sources come in increasing order);
  // false when it was already counted for this source.
  bool count_once(std::uint64_t key, std::uint32_t source) {
    Slot& slot = slot_of(key);
    if (slot.last == source + 1) return false;
    slot.last = source + 1;
    ++slot.value;
    return true;
  }
  // The number of a key that is in the table.
  std::uint32_t at(std::uint64_t key) const { return m_slots[find(key)].value; }
  const std::vector<std::uint64_t>& keys() const { return m_keys; }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::uint32_t value = 0;
    std::uint32_t last = 0;  // count_once: the last source counted, plus one
    bool used = false;
  };
  // The slot of `key`, or the empty slot where it belongs.
  std::size_t find(std::uint64_t key) const {
    const std::size_t mask = m_slots.size() - 1;
    std::size_t slot = key & mask;
    while (m_slots[slot].used && m_slots[slot].key != key) slot = (slot + 1) & mask;
    return slot;
  }
  Slot& slot_of(std::uint64_t key) {
    std::size_t slot = find(key);
    if (!m_slots[slot].used) {
      if (2 * (m_keys.size() + 1) > m_slots.size()) {
        grow();
        slot = find(key);
      }
      m_slots[slot] = {key, 0, 0, true};
      m_keys.push_back(key);
    }
    return m_slots[slot];
  }
  void grow() {
    std::vector<Slot> old(m_slots.size() * 2);
    old.swap(m_slots);
    for (const Slot& s : old)
      if (s.used) m_slots[find(s.key)] = s;
  }
  std::vector<Slot> m_slots;
  std::vector<std::uint64_t> m_keys;  // in order of insertion
};

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

// Members of a group with the same words, each cluster in index order; the
// clusters in the order of their first member.
std::vector<std::vector<const Entry*>> identical_word_sets(
    const std::vector<const Entry*>& members) {
  std::vector<const Entry*> sorted = members;
  std::sort(sorted.begin(), sorted.end(), [](const Entry* x, const Entry* y) {
    if (x->tokens != y->tokens) return x->tokens < y->tokens;
    return x->index < y->index;
  });
  std::vector<std::vector<const Entry*>> clusters;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i == 0 || sorted[i]->tokens != sorted[i - 1]->tokens) clusters.emplace_back();
    clusters.back().push_back(sorted[i]);
  }
  std::sort(clusters.begin(), clusters.end(),
            [](const auto& x, const auto& y) { return x.front()->index < y.front()->index; });
  return clusters;
}

// Two clusters whose representatives are alike (at or above the threshold).
struct RepresentativePair {
  double score;
  std::size_t x, y;  // cluster numbers
};

// The candidate pairs of a group's members, from its clusters and the pairs of
// their representatives: enough for every member's `keep` closest partners
// (score, then partner in index order), which is all the cap looks at. A
// member's closest partners among a cluster are that cluster's first members,
// so each member is paired with the first `keep` of its own cluster (score 1)
// and of each cluster alike to its own: the work is linear in the members
// however many copies of one text there are.
// With `grouped`, a cluster of three or more is a group of copies: it goes to
// `copies`, and only its first member is paired with the others.
void spread_pairs(const std::vector<std::vector<const Entry*>>& clusters,
                  const std::vector<RepresentativePair>& alike, std::size_t keep, std::size_t group,
                  bool grouped, std::vector<Candidate>& out,
                  std::vector<std::vector<const Entry*>>& copies) {
  auto add = [&](double score, const Entry* x, const Entry* y) {
    out.push_back({score, std::min(x->index, y->index), std::max(x->index, y->index), group});
  };
  auto is_copies = [&](const std::vector<const Entry*>& cluster) {
    return grouped && cluster.size() >= 3;
  };
  for (const auto& cluster : clusters) {
    if (is_copies(cluster)) {
      copies.push_back(cluster);
      continue;
    }
    for (std::size_t i = 0; i < cluster.size(); ++i)
      for (std::size_t j = 0, taken = 0; j < cluster.size() && taken < keep; ++j)
        if (j != i) add(1.0, cluster[i], cluster[j]), ++taken;
  }
  for (const RepresentativePair& p : alike) {
    const std::span<const Entry* const> a(clusters[p.x].data(),
                                          is_copies(clusters[p.x]) ? 1 : clusters[p.x].size());
    const std::span<const Entry* const> b(clusters[p.y].data(),
                                          is_copies(clusters[p.y]) ? 1 : clusters[p.y].size());
    for (const Entry* x : a)
      for (std::size_t j = 0; j < std::min(keep, b.size()); ++j) add(p.score, x, b[j]);
    for (const Entry* y : b)
      for (std::size_t j = 0; j < std::min(keep, a.size()); ++j) add(p.score, y, a[j]);
  }
}

// The characters of words, lower-cased (ASCII letters and digits, and every
// byte of a multi-byte character); 0 for the characters between words.
constexpr std::array<char, 256> k_word_chars = [] {
  std::array<char, 256> chars{};
  for (int c = 0; c < 256; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
      chars[c] = static_cast<char>(c);
    if (c >= 'A' && c <= 'Z') chars[c] = static_cast<char>(c - 'A' + 'a');
  }
  return chars;
}();

// Calls on_word(std::string_view, its hash) with each normalised word of
// `text`, in order, repeats included: the one definition of a word for the
// search. `buffer` is scratch space, reused from call to call.
template <typename OnWord>
void for_each_word(std::string_view text, std::string& buffer, OnWord&& on_word) {
  std::string folded_text;
  if (!is_ascii(text)) {  // ASCII text is only lower-cased, below
    folded_text = fold(text);
    text = folded_text;
  }
  // Each word is lower-cased into `buffer` as it is scanned (one pass over the text).
  if (buffer.size() < text.size()) buffer.resize(text.size());
  char* const word = buffer.data();
  const char* at = text.data();
  const char* const end = at + text.size();
  while (at < end) {
    while (at < end && !k_word_chars[static_cast<unsigned char>(*at)]) ++at;
    std::size_t n = 0;
    for (char c; at < end && (c = k_word_chars[static_cast<unsigned char>(*at)]) != 0; ++at)
      word[n++] = c;
    if (n < 3) continue;
    // Plurals read as their singular, so that the shared words shown stay words:
    // "countries" → "country", "farms" → "farm" ("process", "status", "basis",
    // "species", "series" kept).
    const std::string_view whole(word, n);
    if (word[n - 1] == 's' && whole != "species" && whole != "series") {
      const char before = word[n - 2];
      if (n > 4 && before == 'e' && word[n - 3] == 'i') {
        n -= 2;
        word[n - 1] = 'y';
      } else if (n > 3 && before != 's' && before != 'u' && before != 'i') {
        --n;
      }
    }
    if (n < 3) continue;
    const std::string_view w(word, n);
    const std::uint64_t hash = WordHash{}(w);
    if (!stop_words().contains(w, hash)) on_word(w, hash);
  }
}

// Calls on_word with each word of an activity's title and description (read
// as one text: no word spans the two).
template <typename OnWord>
void for_each_activity_word(const Activity& a, OnWord&& on_word) {
  std::string buffer;
  if (a.title) for_each_word(a.title->value, buffer, on_word);
  if (a.description) for_each_word(a.description->value, buffer, on_word);
}

// The words as 64-bit hashes, in order, repeats included: the search compares
// numbers, not strings (two words of one plan sharing a hash is about as likely
// as 1 in 10^9); the shared words shown are the words themselves.
std::vector<std::uint64_t> word_hashes(const Activity& a) {
  std::vector<std::uint64_t> hashes;
  const std::size_t bytes =
      (a.title ? a.title->value.size() : 0) + (a.description ? a.description->value.size() : 0);
  hashes.reserve(bytes / 4 + 1);  // words take 4 bytes or more
  for_each_activity_word(a, [&](std::string_view, std::uint64_t hash) { hashes.push_back(hash); });
  return hashes;
}

std::vector<std::string> sorted_unique(std::vector<std::string> words) {
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

// The words shown: those of the title and the description.
std::vector<std::string> words_of_activity(const Activity& a) {
  std::vector<std::string> words;
  for_each_activity_word(a, [&](std::string_view w, std::uint64_t) { words.emplace_back(w); });
  return sorted_unique(std::move(words));
}

}  // namespace

std::vector<std::string> similarity_words(std::string_view text) {
  std::vector<std::string> words;
  std::string buffer;
  for_each_word(text, buffer, [&](std::string_view w, std::uint64_t) { words.emplace_back(w); });
  return sorted_unique(std::move(words));
}

namespace {

// Step 1: the active activities with words, each as the ids of its distinct
// words in one global order (rarest first, ties by the hash: any fixed order
// finds the same pairs; rarest first keeps the candidates few).
std::vector<Entry> tokenised_entries(const Plan& plan, unsigned threads, std::size_t& token_count) {
  std::vector<const Activity*> active;
  for (const Activity& a : plan.activities)
    if (a.status == ActivityStatus::active) active.push_back(&a);
  std::vector<std::vector<std::uint64_t>> words_of(active.size());
  parallel_for(active.size(), threads,
               [&](std::size_t i) { words_of[i] = word_hashes(*active[i]); });
  // How many activities use each word.
  std::size_t occurrences = 0;
  for (const auto& words : words_of) occurrences += words.size();
  WordTable table(std::min<std::size_t>(occurrences, 1 << 16));
  for (std::size_t i = 0; i < words_of.size(); ++i) {  // each activity's words kept once
    std::vector<std::uint64_t>& words = words_of[i];
    std::size_t kept = 0;
    for (std::uint64_t w : words)
      if (table.count_once(w, static_cast<std::uint32_t>(i))) words[kept++] = w;
    words.resize(kept);
  }
  std::vector<std::pair<std::uint32_t, std::uint64_t>> order;
  order.reserve(table.keys().size());
  for (std::uint64_t word : table.keys()) order.emplace_back(table.at(word), word);
  std::sort(order.begin(), order.end());
  for (std::size_t i = 0; i < order.size(); ++i)
    table[order[i].second] = static_cast<std::uint32_t>(i);
  token_count = order.size();

  std::vector<Entry> entries;
  entries.reserve(active.size());
  std::vector<std::size_t> word_index;  // entry → its words
  for (std::size_t i = 0; i < active.size(); ++i)
    if (!words_of[i].empty()) {
      entries.push_back(Entry{active[i], {}, entries.size()});
      word_index.push_back(i);
    }
  parallel_for(entries.size(), threads, [&](std::size_t e) {
    entries[e].tokens.reserve(words_of[word_index[e]].size());
    for (std::uint64_t w : words_of[word_index[e]])
      entries[e].tokens.push_back(static_cast<int>(table.at(w)));
    std::sort(entries[e].tokens.begin(), entries[e].tokens.end());
  });
  return entries;
}

// Step 2: the groups, (objective, region) → entries, and their natural order.
struct Groups {
  std::vector<std::pair<std::string, std::string>> keys;  // (objective, region)
  std::vector<std::vector<const Entry*>> members_of;
  std::vector<std::size_t> order;  // natural order of the keys
};

Groups group_entries(const std::vector<Entry>& entries) {
  Groups g;
  std::unordered_map<std::string, std::size_t> group_of;  // "objective\nregion" → group
  for (const Entry& e : entries) {
    std::vector<std::string> regions;
    for (const auto& r : e.activity->regions) regions.push_back(r.value);
    std::sort(regions.begin(), regions.end());
    regions.erase(std::unique(regions.begin(), regions.end()), regions.end());
    if (regions.empty()) regions.emplace_back();
    for (const auto& o : e.activity->objectives)
      for (const std::string& r : regions) {
        auto [it, inserted] = group_of.emplace(o.value + "\n" + r, g.keys.size());
        if (inserted) {
          g.keys.emplace_back(o.value, r);
          g.members_of.emplace_back();
        }
        std::vector<const Entry*>& members = g.members_of[it->second];
        if (members.empty() || members.back() != &e) members.push_back(&e);
      }
  }
  g.order.resize(g.keys.size());
  for (std::size_t i = 0; i < g.keys.size(); ++i) g.order[i] = i;
  std::sort(g.order.begin(), g.order.end(), [&](std::size_t x, std::size_t y) {
    if (g.keys[x].first != g.keys[y].first) return natural_less(g.keys[x].first, g.keys[y].first);
    return natural_less(g.keys[x].second, g.keys[y].second);
  });
  return g;
}

// Step 3: the pairs at or above the threshold among the members of one group,
// with scratch space kept from group to group (one search per worker).
// Prefix filtering: a pair at or above t shares a word within the first
// |x| − ⌈t·|x|⌉ + 1 words of the larger set x (the words probed), and, as
// members come smallest first, within the first |y| − ⌈2t/(1+t)·|y|⌉ + 1
// words of the smaller y (the words indexed).
class GroupSearch {
 public:
  GroupSearch(double threshold, std::size_t token_count)
      : m_t(threshold),
        m_index_fraction(2 * threshold / (1 + threshold)),
        m_head(token_count, -1) {}

  // `members` smallest first; the pairs found, as positions in `members`.
  std::vector<RepresentativePair> pairs(const std::vector<const Entry*>& members) {
    std::vector<RepresentativePair> found;
    m_postings.clear();
    m_overlap.assign(members.size(), 0);
    for (std::size_t xi = 0; xi < members.size(); ++xi) {
      probe(members, xi);
      verify(members, xi, found);
      index(*members[xi], xi);
    }
    for (const Entry* x : members)  // the index is emptied for the next group
      for (std::size_t i = 0; i < prefix_length(x->tokens.size(), m_index_fraction); ++i)
        m_head[static_cast<std::size_t>(x->tokens[i])] = -1;
    return found;
  }

 private:
  // The inverted index of the members seen so far: per token, a list of
  // (member, the token's position in it), newest first.
  struct Posting {
    std::uint32_t member, position;
    std::int32_t next;
  };

  static std::size_t prefix_length(std::size_t size, double fraction) {
    const auto needed =
        static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(size) - 1e-9));
    return std::min(size, size - std::min(size, needed) + 1);
  }

  std::ptrdiff_t needed_for(std::size_t nx, std::size_t ny) const {  // Jaccard >= t needs this many
    return static_cast<std::ptrdiff_t>(
        std::ceil(m_t / (1 + m_t) * static_cast<double>(nx + ny) - 1e-9));
  }

  // The members indexed before x that share a word of x's prefix, with a count
  // of shared prefix words, or -1 once the pair cannot reach the threshold
  // (positional filter: the words after a shared one are all that can still be shared).
  void probe(const std::vector<const Entry*>& members, std::size_t xi) {
    const Entry* x = members[xi];
    const auto nx = static_cast<std::ptrdiff_t>(x->tokens.size());
    const std::size_t prefix = prefix_length(x->tokens.size(), m_t);
    for (std::size_t i = 0; i < prefix; ++i) {
      for (std::int32_t p = m_head[static_cast<std::size_t>(x->tokens[i])]; p >= 0;
           p = m_postings[static_cast<std::size_t>(p)].next) {
        const Posting& posting = m_postings[static_cast<std::size_t>(p)];
        std::ptrdiff_t& shared = m_overlap[posting.member];
        if (shared < 0) continue;
        const auto ny = static_cast<std::ptrdiff_t>(members[posting.member]->tokens.size());
        // Too short, and so is every member indexed before it (newest first, smallest first).
        if (static_cast<double>(ny) < m_t * static_cast<double>(nx) - 1e-9) break;
        if (shared == 0) m_touched.push_back(posting.member);
        const std::ptrdiff_t bound =
            shared + 1 +
            std::min(nx - static_cast<std::ptrdiff_t>(i) - 1,
                     ny - static_cast<std::ptrdiff_t>(posting.position) - 1);
        shared = bound < needed_for(x->tokens.size(), members[posting.member]->tokens.size())
                     ? -1
                     : shared + 1;
      }
    }
  }

  // The candidates probe left alive, scored on all their words.
  void verify(const std::vector<const Entry*>& members, std::size_t xi,
              std::vector<RepresentativePair>& found) {
    const Entry* x = members[xi];
    for (std::uint32_t yi : m_touched) {
      const bool alive = m_overlap[yi] > 0;
      m_overlap[yi] = 0;
      if (!alive) continue;
      const Entry* y = members[yi];
      // The merge stops as soon as the words left cannot reach what is needed.
      const std::ptrdiff_t needed = needed_for(x->tokens.size(), y->tokens.size());
      std::ptrdiff_t shared = 0;
      const int *i = x->tokens.data(), *i_end = i + x->tokens.size();
      const int *j = y->tokens.data(), *j_end = j + y->tokens.size();
      while (i != i_end && j != j_end) {
        if (*i == *j) {
          ++shared, ++i, ++j;
          continue;
        }
        if (*i < *j)
          ++i;
        else
          ++j;
        if (shared + std::min(i_end - i, j_end - j) < needed) break;
      }
      const double score =
          static_cast<double>(shared) / static_cast<double>(x->tokens.size() + y->tokens.size() -
                                                            static_cast<std::size_t>(shared));
      if (shared == 0 || score + 1e-12 < m_t) continue;
      found.push_back({score, xi, yi});
    }
    m_touched.clear();
  }

  void index(const Entry& x, std::size_t xi) {
    for (std::size_t i = 0; i < prefix_length(x.tokens.size(), m_index_fraction); ++i) {
      std::int32_t& first = m_head[static_cast<std::size_t>(x.tokens[i])];
      m_postings.push_back({static_cast<std::uint32_t>(xi), static_cast<std::uint32_t>(i), first});
      first = static_cast<std::int32_t>(m_postings.size() - 1);
    }
  }

  double m_t, m_index_fraction;
  std::vector<std::int32_t> m_head;
  std::vector<Posting> m_postings;
  std::vector<std::ptrdiff_t> m_overlap;
  std::vector<std::uint32_t> m_touched;
};

// Step 3, for every group: identical word sets are searched once, through one
// representative each, and the pairs are then spread to the members (see
// spread_pairs), so that copies of one text cost what one text costs.
void search_groups(const Groups& groups, double t, std::size_t token_count,
                   std::size_t per_activity, unsigned threads, bool want_copies,
                   std::vector<std::vector<Candidate>>& group_pairs,
                   std::vector<std::vector<std::vector<const Entry*>>>& group_copies) {
  group_pairs.assign(groups.keys.size(), {});
  group_copies.assign(groups.keys.size(), {});
  // The groups in fixed chunks (each with its own scratch space), on all workers.
  constexpr std::size_t k_group_chunks = 16;
  parallel_for(std::min(k_group_chunks, groups.keys.size()), threads, [&](std::size_t chunk) {
    GroupSearch search(t, token_count);
    for (std::size_t group = chunk; group < groups.keys.size(); group += k_group_chunks) {
      if (groups.members_of[group].size() < 2) continue;
      std::vector<std::vector<const Entry*>> clusters =
          identical_word_sets(groups.members_of[group]);
      std::vector<std::size_t> by_size(clusters.size());  // position by size → cluster
      for (std::size_t i = 0; i < by_size.size(); ++i) by_size[i] = i;
      std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t x, std::size_t y) {
        return clusters[x].front()->tokens.size() < clusters[y].front()->tokens.size();
      });
      std::vector<const Entry*> members;
      for (std::size_t c : by_size) members.push_back(clusters[c].front());
      std::vector<RepresentativePair> found = search.pairs(members);
      for (RepresentativePair& p : found) p.x = by_size[p.x], p.y = by_size[p.y];
      spread_pairs(clusters, found, per_activity, group, want_copies, group_pairs[group],
                   group_copies[group]);
    }
  });
}

// Step 4: each group of copies once, under the first of its groups in natural
// order. Returns, per entry, its group of copies (SIZE_MAX: none).
std::vector<std::size_t> collect_copies(
    const Groups& groups, const std::vector<std::vector<std::vector<const Entry*>>>& group_copies,
    std::size_t entry_count, std::vector<Copies>& copies) {
  std::vector<std::size_t> copies_of(entry_count, SIZE_MAX);
  std::set<std::vector<std::size_t>> reported;
  for (std::size_t group : groups.order)
    for (const auto& cluster : group_copies[group]) {
      std::vector<std::size_t> indexes;
      for (const Entry* e : cluster) indexes.push_back(e->index);
      if (!reported.insert(indexes).second) continue;
      Copies c;
      for (const Entry* e : cluster) {
        c.members.push_back(e->activity);
        if (copies_of[e->index] == SIZE_MAX) copies_of[e->index] = copies.size();
      }
      std::sort(c.members.begin(), c.members.end(), [](const Activity* x, const Activity* y) {
        return natural_less(x->id.value, y->id.value);
      });
      c.words = words_of_activity(*cluster.front()->activity);
      c.objective = groups.keys[group].first;
      c.region = groups.keys[group].second;
      copies.push_back(std::move(c));
    }
  return copies_of;
}

// Step 5: each pair once, under the first of its groups in natural order (two
// copies reported as a group are not also a pair), then the cap: each
// activity's closest partners (score, then id order).
std::vector<Candidate> capped_pairs(const Groups& groups,
                                    const std::vector<std::vector<Candidate>>& group_pairs,
                                    const std::vector<std::size_t>& copies_of,
                                    std::size_t per_activity) {
  std::unordered_map<std::size_t, std::unordered_set<std::size_t>> seen;
  std::vector<Candidate> pairs;
  for (std::size_t group : groups.order)
    for (const Candidate& p : group_pairs[group]) {
      if (copies_of[p.x] != SIZE_MAX && copies_of[p.x] == copies_of[p.y] && p.score >= 1.0)
        continue;
      if (seen[p.x].insert(p.y).second) pairs.push_back(p);
    }
  std::sort(pairs.begin(), pairs.end(), [](const Candidate& p, const Candidate& q) {
    if (p.score != q.score) return p.score > q.score;
    return std::tie(p.x, p.y) < std::tie(q.x, q.y);
  });
  std::vector<std::size_t> taken(copies_of.size(), 0);
  std::vector<Candidate> kept;
  for (const Candidate& p : pairs) {
    const bool keep = taken[p.x] < per_activity || taken[p.y] < per_activity;
    ++taken[p.x];
    ++taken[p.y];
    if (keep) kept.push_back(p);
  }
  return kept;
}

// Step 6: the pairs kept as findings' overlaps, sorted by (a id, b id).
std::vector<Overlap> as_overlaps(const std::vector<Candidate>& kept,
                                 const std::vector<Entry>& entries, const Groups& groups) {
  std::map<std::pair<std::string, std::string>, Overlap> found;
  for (const Candidate& p : kept) {
    const Entry& x = entries[p.x];
    const Entry& y = entries[p.y];
    Overlap o;
    o.a = x.activity;
    o.b = y.activity;
    if (natural_less(o.b->id.value, o.a->id.value)) std::swap(o.a, o.b);
    o.score = p.score;
    const std::vector<std::string> wx = words_of_activity(*x.activity);
    const std::vector<std::string> wy = words_of_activity(*y.activity);
    std::set_intersection(wx.begin(), wx.end(), wy.begin(), wy.end(),
                          std::back_inserter(o.shared_words));
    o.objective = groups.keys[p.group].first;
    o.region = groups.keys[p.group].second;
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

}  // namespace

std::vector<Overlap> find_overlaps(const Plan& plan, double threshold, std::size_t per_activity,
                                   unsigned threads, std::vector<Copies>* copies) {
  std::size_t token_count = 0;
  const std::vector<Entry> entries = tokenised_entries(plan, threads, token_count);
  const Groups groups = group_entries(entries);
  std::vector<std::vector<Candidate>> group_pairs;
  std::vector<std::vector<std::vector<const Entry*>>> group_copies;
  search_groups(groups, std::clamp(threshold, 0.0, 1.0), token_count, per_activity, threads,
                copies != nullptr, group_pairs, group_copies);
  std::vector<Copies> found_copies;
  const std::vector<std::size_t> copies_of =
      collect_copies(groups, group_copies, entries.size(), found_copies);
  if (copies) *copies = std::move(found_copies);
  return as_overlaps(capped_pairs(groups, group_pairs, copies_of, per_activity), entries, groups);
}

}  // namespace actionplan
