# cmake -DBUILD_DIR=... -DPROJECT_DIR=... -DWORK_DIR=... -DCXX=... -P run_out_of_tree.cmake
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "out-of-tree: ${what} failed (${rc}):\n${out}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

step("install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

# What is installed is the API alone, and it reads on its own: the harness
# headers (the GIL experiments, the load generator) stay in the build, and no
# installed comment sends its reader into safelab's source tree.
foreach(harness gil/experiment.h io/load.h)
  if(EXISTS ${prefix}/include/safelab/${harness})
    message(FATAL_ERROR "out-of-tree: the harness header safelab/${harness} was installed")
  endif()
endforeach()
file(GLOB_RECURSE harness_libs ${prefix}/*safelab_*harness*)
if(harness_libs)
  message(FATAL_ERROR "out-of-tree: harness libraries were installed: ${harness_libs}")
endif()
file(GLOB_RECURSE installed_headers ${prefix}/include/safelab/*.h)
foreach(header IN LISTS installed_headers)
  file(STRINGS ${header} tree_refs
       REGEX "(^|[^A-Za-z_.])(src|tests|bench|labs|docs|tools|sanitizers)/|[A-Za-z_]\\.(cpp|py)([^A-Za-z_]|$)")
  if(tree_refs)
    message(FATAL_ERROR "out-of-tree: ${header} points into the source tree:\n${tree_refs}")
  endif()
endforeach()
step("configure" ${CMAKE_COMMAND} -S ${PROJECT_DIR} -B ${WORK_DIR}/build -G Ninja
     -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix})
step("build" ${CMAKE_COMMAND} --build ${WORK_DIR}/build)
step("run" ${WORK_DIR}/build/consumer)
message(STATUS "out-of-tree consumer says: ${step_output}")
if(NOT step_output MATCHES "linked against safelab [0-9]+\\.[0-9]+\\.[0-9]+")
  message(FATAL_ERROR "out-of-tree: unexpected output from the consumer: ${step_output}")
endif()
