# cmake -DBUILD_DIR=... -DLABS_DIR=... -DLAB=01-data-race -DWORK_DIR=... -DCXX=... \
#       -P out_of_tree_lab.cmake
#
# Proves that a lab copied out of the tree builds against the installed
# package (find_package(safelab) + safelab::safelab), as a learner's copy
# would: installs BUILD_DIR into a scratch prefix, copies labs/LAB with its
# reference solution in place of the exercise, then configures, builds and
# runs its tests with CTest.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "out-of-tree lab: ${what} failed (${rc}):\n${out}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

file(READ ${LABS_DIR}/labs.json json)
string(JSON n LENGTH "${json}" labs)
math(EXPR last "${n} - 1")
foreach(i RANGE ${last})
  string(JSON dir GET "${json}" labs ${i} dir)
  if(dir STREQUAL LAB)
    string(JSON exercise GET "${json}" labs ${i} exercise)
  endif()
endforeach()
if(NOT exercise)
  message(FATAL_ERROR "out-of-tree lab: ${LAB} is not in labs.json")
endif()

step("install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
file(COPY ${LABS_DIR}/${LAB}/ DESTINATION ${WORK_DIR}/lab)
file(COPY_FILE ${LABS_DIR}/solutions/${LAB}/${exercise} ${WORK_DIR}/lab/${exercise})
step("configure" ${CMAKE_COMMAND} -S ${WORK_DIR}/lab -B ${WORK_DIR}/build -G Ninja
     -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix})
step("build" ${CMAKE_COMMAND} --build ${WORK_DIR}/build)
step("test" ${CMAKE_CTEST_COMMAND} --test-dir ${WORK_DIR}/build --output-on-failure)
message(STATUS "out-of-tree lab ${LAB}: ${step_output}")
