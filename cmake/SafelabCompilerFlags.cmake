# Compiler settings for safelab's own targets.
#
# safelab_warnings is an INTERFACE target that every target of ours links
# privately, so that -Werror never leaks into a consumer's build or into
# third-party code (GoogleTest, oneTBB, Abseil) built beside us.

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
  set(CMAKE_C_COMPILER_LAUNCHER ${CCACHE_PROGRAM})
endif()

add_library(safelab_warnings INTERFACE)
target_compile_options(safelab_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual)
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  # The thread-safety analysis turns ABSL_GUARDED_BY and friends into errors.
  target_compile_options(safelab_warnings INTERFACE -Wthread-safety -Wthread-safety-beta)
endif()
if(SAFELAB_WERROR)
  target_compile_options(safelab_warnings INTERFACE -Werror)
endif()

# Sanitizer flags apply to the whole build (our code, GoogleTest built from
# source) so that every frame is instrumented.
if(SAFELAB_SANITIZER STREQUAL "asan")
  set(_san -fsanitize=address,undefined -fno-sanitize-recover=all
           -fno-omit-frame-pointer -fno-optimize-sibling-calls)
elseif(SAFELAB_SANITIZER STREQUAL "tsan")
  set(_san -fsanitize=thread -fno-omit-frame-pointer)
elseif(NOT SAFELAB_SANITIZER STREQUAL "none")
  message(FATAL_ERROR "SAFELAB_SANITIZER must be none, asan or tsan (got '${SAFELAB_SANITIZER}')")
endif()
if(_san)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "The ${SAFELAB_SANITIZER} build uses Clang: configure it with the "
                        "'${SAFELAB_SANITIZER}' preset (cmake --preset ${SAFELAB_SANITIZER}).")
  endif()
  add_compile_options(${_san})
  add_link_options(${_san})
endif()

# Which sanitizer a binary was built with, so that the verdict runner can
# refuse to judge an entry with the wrong build.
add_compile_definitions(SAFELAB_SANITIZER_NAME="${SAFELAB_SANITIZER}")
