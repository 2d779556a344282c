# catalog.coverage: fails if a catalog entry is missing from the tests, the
# benchmarks or the detection matrix. Run by CTest (tests/CMakeLists.txt):
#
#   cmake -DCLI=... -DTESTS=<foundation_tests> -DBENCH_DIR=<dir or empty>
#         -DFLAVOUR=<verdict build or empty> -DCTEST=... -DBUILD_DIR=...
#         -DMATRIX=<docs/matrix.md> -P catalog_coverage.cmake
#
# Every list below comes from a consumer, never from a second copy of the
# catalog: the generic test's names, `bench_<family> --benchmark_list_tests`,
# the registered verdict tests, and the rows of the generated matrix.
execute_process(COMMAND "${CLI}" list --format json OUTPUT_VARIABLE json RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "`safelab list --format json` failed (${rc})")
endif()
execute_process(COMMAND "${TESTS}" --gtest_list_tests OUTPUT_VARIABLE gtests RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${TESTS} --gtest_list_tests failed (${rc})")
endif()
if(FLAVOUR)
  execute_process(COMMAND "${CTEST}" --test-dir "${BUILD_DIR}" -N -R "^verdict\\."
                  OUTPUT_VARIABLE verdicts)
endif()
file(READ "${MATRIX}" matrix)
# The labs, for each entry's "lab" link: the folder must be a lab of
# labs/labs.json, so `safelab list` never points a learner at nothing.
cmake_path(GET MATRIX PARENT_PATH docs_dir)
cmake_path(GET docs_dir PARENT_PATH source_dir)
file(READ "${source_dir}/labs/labs.json" labs_json)

set(missing "")
set(bench_lists "")
string(JSON count LENGTH "${json}" entries)
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON id GET "${json}" entries ${i} id)
  string(JSON family GET "${json}" entries ${i} family)
  string(JSON verdict GET "${json}" entries ${i} expected verdict)
  string(JSON builds GET "${json}" entries ${i} judged_under)
  if(verdict STREQUAL "clean")
    # Tests: the generic test has one case per safe entry.
    string(REGEX REPLACE "[/-]" "_" case "${id}")
    string(FIND "${gtests}" "GivesTheReferenceAnswer/${case}  " at)
    if(at EQUAL -1)
      list(APPEND missing "${id}: no Catalog/SafeVariantTest case")
    endif()
    # Benchmarks: a plain row per safe entry in its family's binary.
    if(BENCH_DIR)
      if(NOT DEFINED bench_${family})
        execute_process(COMMAND "${BENCH_DIR}/bench_${family}" --benchmark_list_tests
                        OUTPUT_VARIABLE bench_${family} RESULT_VARIABLE rc)
        if(NOT rc EQUAL 0)
          list(APPEND missing "${id}: bench_${family} --benchmark_list_tests failed (${rc})")
        endif()
      endif()
      string(FIND "${bench_${family}}" "${id}/threads:1/size:" at)
      if(at EQUAL -1)
        list(APPEND missing "${id}: no row in bench_${family}")
      endif()
    endif()
  else()
    # The matrix: a row per unsafe entry (regenerate with `tools/dev matrix`).
    string(FIND "${matrix}" "| ${id} |" at)
    if(at EQUAL -1)
      list(APPEND missing "${id}: no row in docs/matrix.md (run `tools/dev matrix`)")
    endif()
  endif()
  # The lab it links, if any.
  string(JSON lab GET "${json}" entries ${i} lab)
  if(lab)
    string(REGEX REPLACE "^labs/" "" lab_dir "${lab}")
    string(FIND "${labs_json}" "\"${lab_dir}\"" at)
    if(at EQUAL -1 OR NOT EXISTS "${source_dir}/${lab}/README.md")
      list(APPEND missing "${id}: links ${lab}, which is not a lab of labs/labs.json")
    endif()
  endif()
  # Verdict tests of this build.
  if(FLAVOUR AND builds MATCHES "\"${FLAVOUR}\"")
    string(FIND "${verdicts}" "verdict.${FLAVOUR}.${id}\n" at)
    if(at EQUAL -1)
      list(APPEND missing "${id}: no verdict.${FLAVOUR}.${id} test")
    endif()
  endif()
endforeach()

if(missing)
  list(JOIN missing "\n  " lines)
  message(FATAL_ERROR "catalog entries missing from a consumer:\n  ${lines}")
endif()
message(STATUS "catalog.coverage: ${count} entries, each in the tests, benchmarks and matrix")
