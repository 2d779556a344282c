# cmake -DRUSTC=... -DRUST_SOURCE=... -DCXX_PRINTER=... -DWORK_DIR=... -P compare_with_rust.cmake
#
# Compiles the Rust program that prints Rust's answers to a set of
# conformance cases, runs it and safelab's printer of the same cases, and
# fails on the first line that differs (safelab_add_rust_comparison() in
# tests/CMakeLists.txt makes the test). Without rustc the test is skipped (ctest's
# SKIP_REGULAR_EXPRESSION matches "SKIPPED"), not failed.
if(NOT RUSTC OR NOT EXISTS "${RUSTC}")
  message("SKIPPED: rustc not found")
  return()
endif()
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(COMMAND "${RUSTC}" --edition 2021 -O "${RUST_SOURCE}" -o "${WORK_DIR}/cases_rs"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "rustc failed on ${RUST_SOURCE}:\n${out}")
endif()
execute_process(COMMAND "${WORK_DIR}/cases_rs" RESULT_VARIABLE rc OUTPUT_VARIABLE rust_out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the Rust program exited with ${rc}")
endif()
execute_process(COMMAND "${CXX_PRINTER}" RESULT_VARIABLE rc OUTPUT_VARIABLE cxx_out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the safelab printer exited with ${rc}")
endif()
string(REPLACE "\n" ";" rust_lines "${rust_out}")
string(REPLACE "\n" ";" cxx_lines "${cxx_out}")
list(LENGTH rust_lines n_rust)
list(LENGTH cxx_lines n_cxx)
if(NOT n_rust EQUAL n_cxx)
  message(FATAL_ERROR "Rust printed ${n_rust} lines, safelab ${n_cxx}")
endif()
math(EXPR last "${n_rust} - 1")
foreach(i RANGE ${last})
  list(GET rust_lines ${i} r)
  list(GET cxx_lines ${i} c)
  if(NOT r STREQUAL c)
    message(FATAL_ERROR "differs from Rust:\n  rust:    ${r}\n  safelab: ${c}")
  endif()
endforeach()
message("all ${n_rust} lines match Rust's output")
