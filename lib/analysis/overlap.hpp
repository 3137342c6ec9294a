#pragma once
// Potential overlaps: active activities that share an objective and a region
// (or both `global`, or both without regions) and whose title + description
// are alike. Similarity is the Jaccard index of their word sets (normalised:
// accents folded, lower case, stop words and words under three letters
// dropped, a plural -s removed), compared by 64-bit hash. Candidate pairs come
// from prefix filtering (words ordered rarest first) with positional
// filtering, which finds every pair at or above the threshold without
// comparing all pairs. Each activity keeps its
// k_overlaps_per_activity closest partners (a pair stays when it is among the
// closest of either side), so the findings grow linearly with the plan even
// when many activities look alike.
#include <string>
#include <string_view>
#include <vector>

#include "model/plan.hpp"

namespace actionplan {

// The normalised, de-duplicated words of a text, sorted.
std::vector<std::string> similarity_words(std::string_view text);

struct Overlap {
  const Activity* a = nullptr;  // a's id before b's in natural order
  const Activity* b = nullptr;
  double score = 0;
  std::vector<std::string> shared_words;
  std::string objective;  // the first shared objective and region (natural order)
  std::string region;     // "global", a region id, or "" when neither names a region
};

inline constexpr std::size_t k_overlaps_per_activity = 3;

// Three or more activities of one (objective, region) with the same words:
// copies, reported once as a group rather than pair by pair.
struct Copies {
  std::vector<const Activity*> members;  // natural id order
  std::vector<std::string> words;
  std::string objective;
  std::string region;
};

// Pairs with score >= threshold, sorted by a's id then b's id. The words and
// the groups are worked on by `threads` workers (0: one per core); the result
// does not depend on their number. With `copies`, groups of three or more
// identical texts go there instead, each standing in the pairs by its first
// member: the work and the findings stay linear in the plan even when every
// activity is a copy of one.
std::vector<Overlap> find_overlaps(const Plan& plan, double threshold,
                                   std::size_t per_activity = k_overlaps_per_activity,
                                   unsigned threads = 0, std::vector<Copies>* copies = nullptr);

}  // namespace actionplan
