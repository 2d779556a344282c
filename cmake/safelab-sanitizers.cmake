# safelab::sanitize_asan and safelab::sanitize_tsan: INTERFACE targets that
# carry the compile and link flags of safelab's `asan` and `tsan` builds, so
# that an out-of-tree project (a lab copied out of the tree, say) can build
# its own code the way safelab's sanitizer suite does:
#
#   find_package(safelab REQUIRED)
#   target_link_libraries(my_test PRIVATE safelab::safelab safelab::sanitize_tsan)
#
# Installed beside safelabConfig.cmake, which includes it. Rules:
#   * Link the safelab installed *from the build of the same sanitizer*
#     (cmake --install build/tsan --prefix ...): ThreadSanitizer needs every
#     frame instrumented, so a tsan consumer of an uninstrumented libsafelab
#     reports false races. ASan tolerates uninstrumented code.
#   * Use Clang (the sanitizer builds do): CMAKE_CXX_COMPILER=clang++.
#   * For tsan, put the instrumented oneTBB and Abseil first in
#     CMAKE_PREFIX_PATH (safelab's build/_deps/tsan/prefix), and build
#     GoogleTest from source with the same flags (see labs/CMakeLists.txt).
if(NOT TARGET safelab::sanitize_asan)
  add_library(safelab::sanitize_asan INTERFACE IMPORTED)
  set_target_properties(safelab::sanitize_asan PROPERTIES
    INTERFACE_COMPILE_OPTIONS
      "-fsanitize=address,undefined;-fno-sanitize-recover=all;-fno-omit-frame-pointer;-fno-optimize-sibling-calls"
    INTERFACE_LINK_OPTIONS "-fsanitize=address,undefined")
endif()
if(NOT TARGET safelab::sanitize_tsan)
  add_library(safelab::sanitize_tsan INTERFACE IMPORTED)
  set_target_properties(safelab::sanitize_tsan PROPERTIES
    INTERFACE_COMPILE_OPTIONS "-fsanitize=thread;-fno-omit-frame-pointer"
    INTERFACE_LINK_OPTIONS "-fsanitize=thread")
endif()
