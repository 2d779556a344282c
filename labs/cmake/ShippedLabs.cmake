# safelab_shipped_labs(TARGET <name>)
#
# A static library holding the shipped copy of every file of every lab
# folder (the exercise, its tests and the rest), embedded at
# build time: `safelab labs reset NN` restores from it, so the tree keeps no
# third copy of the exercises. The copies come from git (the committed
# HEAD), so a learner's edits in the working tree never become "shipped"
# when safelab is rebuilt; outside a git checkout (a source tarball) the
# files themselves are shipped. See embed_shipped.cmake.
function(safelab_shipped_labs)
  cmake_parse_arguments(arg "" "TARGET" "" ${ARGN})
  set(labs_dir ${PROJECT_SOURCE_DIR}/labs)
  file(READ ${labs_dir}/labs.json json)
  string(JSON n LENGTH "${json}" labs)
  math(EXPR last "${n} - 1")
  set(files)
  foreach(i RANGE ${last})
    # The lab's whole folder: exercise, tests, header, CMakeLists.txt, README
    # and hints (what `reset` restores and the runner's "done" hashes).
    string(JSON dir GET "${json}" labs ${i} dir)
    file(GLOB lab_files RELATIVE ${labs_dir} CONFIGURE_DEPENDS ${labs_dir}/${dir}/*)
    list(SORT lab_files)
    list(APPEND files ${lab_files})
  endforeach()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${labs_dir}/labs.json)

  # A commit or checkout rewrites git's index: regenerate then. (Editing a
  # file regenerates too, harmlessly: git still gives the committed bytes.)
  set(depends)
  find_package(Git QUIET)
  if(Git_FOUND)
    execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse --git-path index
                    WORKING_DIRECTORY ${labs_dir} OUTPUT_VARIABLE index
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
    if(rc EQUAL 0)
      get_filename_component(index ${index} ABSOLUTE BASE_DIR ${labs_dir})
      if(EXISTS ${index})
        list(APPEND depends ${index})
      endif()
    endif()
  endif()
  foreach(f ${files})
    list(APPEND depends ${labs_dir}/${f})
  endforeach()

  set(out ${CMAKE_CURRENT_BINARY_DIR}/labs_shipped.cpp)
  # The stamp is the output; the source is a byproduct rewritten only when
  # its text changes (Ninja's restat): an edit does not rebuild the CLI.
  add_custom_command(
    OUTPUT ${out}.stamp
    BYPRODUCTS ${out}
    COMMAND ${CMAKE_COMMAND} -DLABS_DIR=${labs_dir} -DOUTPUT=${out} "-DFILES=${files}"
            -DGIT=${GIT_EXECUTABLE} -P ${labs_dir}/cmake/embed_shipped.cmake
    COMMAND ${CMAKE_COMMAND} -E touch ${out}.stamp
    DEPENDS ${depends} ${labs_dir}/cmake/embed_shipped.cmake
    COMMENT "Embedding the shipped lab exercises and tests"
    VERBATIM)
  add_library(${arg_TARGET} STATIC ${out} ${out}.stamp)
  target_include_directories(${arg_TARGET} PUBLIC ${PROJECT_SOURCE_DIR}/src/cli)
  target_compile_features(${arg_TARGET} PUBLIC cxx_std_20)
endfunction()
