// labs/03-escaped-reference/add_bonus.h (do not edit: shared by the tests
// and the solution)
#ifndef SAFELAB_LABS_03_ADD_BONUS_H_
#define SAFELAB_LABS_03_ADD_BONUS_H_

#include <vector>

#include "safelab/own/mutex.h"

namespace lab03 {

// add_bonus()
//
// Adds `bonus` to every score. Called by many threads at once on the same
// scores: each call must be atomic with respect to the others.
void add_bonus(safelab::own::Mutex<std::vector<int>>& scores, int bonus);

}  // namespace lab03

#endif  // SAFELAB_LABS_03_ADD_BONUS_H_
