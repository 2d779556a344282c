// labs/09-leaked-cycle/friends.h (do not edit: shared by the tests and the
// solution)
#ifndef SAFELAB_LABS_09_FRIENDS_H_
#define SAFELAB_LABS_09_FRIENDS_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace lab09 {

// mutual_friendships()
//
// Builds the friendship graph of `people` (names) from `friendships`
// (pairs of indices into people; friendship goes both ways), and returns,
// for each person, how many friends they have who are also friends with
// each other (the edges among a person's friends, counted once).
// REQUIRES: every index < people.size().
std::vector<std::size_t> mutual_friendships(
    const std::vector<std::string>& people,
    const std::vector<std::pair<std::size_t, std::size_t>>& friendships);

}  // namespace lab09

#endif  // SAFELAB_LABS_09_FRIENDS_H_
