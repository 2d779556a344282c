# cmake -DBUILD_DIR=... -DTARGET=... -DEXPECT=regex -P CheckCompileFail.cmake
#
# Builds one EXCLUDE_FROM_ALL target that must NOT compile, and passes only if
# the build fails *and* its diagnostic matches EXPECT: failing for some other
# reason (a typo, a missing header) is a failed test, as in Rust's
# compile_fail doctests with an error code.
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGET}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(rc EQUAL 0)
  message(FATAL_ERROR "${TARGET} compiled, but it must not.\n${out}")
endif()
if(NOT out MATCHES "${EXPECT}")
  message(FATAL_ERROR "${TARGET} failed to compile, but not with the expected diagnostic\n"
                      "  expected (regex): ${EXPECT}\n--- compiler output:\n${out}")
endif()
string(REGEX MATCH "[^\n]*(error|warning): [^\n]*" first "${out}")
message(STATUS "${TARGET}: refused as expected: ${first}")
