// src/cli/labs_hang.h
//
// What a lab's test run was doing when it hung: every thread's stack, taken
// with gdb before the run is killed, and a short form of it that names the
// frames in the lab's own files. A deadlock then reads as "thread 2 waits in
// transfer.cpp:14 for the lock thread 3 holds", not "timed out".
#ifndef SAFELAB_CLI_LABS_HANG_H_
#define SAFELAB_CLI_LABS_HANG_H_

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "labs_model.h"

namespace safelab::cli::labs {

// child_running()
//
// The pid of a child of this process running `binary`, or -1.
pid_t child_running(const std::filesystem::path& binary);

// thread_stacks()
//
// gdb's "thread apply all bt" of process `pid` (attached, then detached),
// or "" when gdb is missing or cannot attach (ptrace not allowed).
std::string thread_stacks(pid_t pid);

// short_stacks()
//
// From gdb's backtraces, one line per thread that runs code of the lab
// (its exercise or tests): "thread 2: in std::mutex::lock <-
// transfer.cpp:14 in lab05::transfer <- transfer_test.cpp:22 in ...": the
// standard-library call it waits in, if any, then at most three of its
// frames in the lab's files; threads in library code only are left out.
std::vector<std::string> short_stacks(const std::string& gdb_output, const Lab& lab);

}  // namespace safelab::cli::labs

#endif  // SAFELAB_CLI_LABS_HANG_H_
