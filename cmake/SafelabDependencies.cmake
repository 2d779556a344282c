# Third-party dependencies, all from Debian 12 packages.
#
# Under TSan the prebuilt libtbb and libabsl are not instrumented, and
# ThreadSanitizer reports false races inside them (measured). The tsan build
# therefore uses oneTBB and Abseil rebuilt with -fsanitize=thread from
# Debian's source packages by sanitizers/build-tsan-deps.sh, cached under
# build/_deps/tsan (built on first configure, free afterwards).

find_package(Threads REQUIRED)

if(SAFELAB_SANITIZER STREQUAL "tsan")
  set(SAFELAB_TSAN_DEPS_DIR "${PROJECT_SOURCE_DIR}/build/_deps/tsan" CACHE PATH
      "Where the instrumented oneTBB and Abseil are built and installed")
  if(NOT EXISTS "${SAFELAB_TSAN_DEPS_DIR}/prefix/.complete")
    message(STATUS "Building oneTBB and Abseil with -fsanitize=thread (once: 104 s measured on an idle 2-core machine with an empty ccache)")
    execute_process(
      COMMAND bash "${PROJECT_SOURCE_DIR}/sanitizers/build-tsan-deps.sh" "${SAFELAB_TSAN_DEPS_DIR}"
      RESULT_VARIABLE _deps_rc)
    if(NOT _deps_rc EQUAL 0)
      message(FATAL_ERROR "sanitizers/build-tsan-deps.sh failed (exit ${_deps_rc}); see its output above")
    endif()
  endif()
  # Only the instrumented copies may be found: a silent fallback to the
  # system libraries would bring the false races back.
  find_package(TBB 2021 REQUIRED CONFIG PATHS "${SAFELAB_TSAN_DEPS_DIR}/prefix" NO_DEFAULT_PATH)
  find_package(absl REQUIRED CONFIG PATHS "${SAFELAB_TSAN_DEPS_DIR}/prefix" NO_DEFAULT_PATH)
else()
  find_package(TBB 2021 REQUIRED CONFIG)
  find_package(absl REQUIRED CONFIG)
endif()
message(STATUS "oneTBB: ${TBB_DIR}")
message(STATUS "Abseil: ${absl_DIR}")

# The CLI's infrastructure, header-only Debian packages: CLI11 (libcli11-dev)
# parses the command lines and writes the help; nlohmann/json
# (nlohmann-json3-dev) reads labs.json and writes every --format json
# document, ordered_json keeping the documented key order. Neither is
# linked into the libraries users link, so the tsan build needs no
# instrumented copy.
find_package(CLI11 2.1 REQUIRED CONFIG)
find_package(nlohmann_json 3.10 REQUIRED CONFIG)
