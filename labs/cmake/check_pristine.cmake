# cmake -DLABS_DIR=... -P check_pristine.cmake
#
# `safelab labs reset NN` restores an exercise from labs/pristine/NN-topic/.
# In a fresh checkout each exercise must equal its pristine copy, or reset
# would "restore" something else. (While you are doing a lab, this test
# fails for the exercises you have edited: that is expected.)
file(READ ${LABS_DIR}/labs.json json)
string(JSON n LENGTH "${json}" labs)
math(EXPR last "${n} - 1")
set(bad)
foreach(i RANGE ${last})
  string(JSON dir GET "${json}" labs ${i} dir)
  string(JSON exercise GET "${json}" labs ${i} exercise)
  set(a ${LABS_DIR}/${dir}/${exercise})
  set(b ${LABS_DIR}/pristine/${dir}/${exercise})
  if(NOT EXISTS ${b})
    list(APPEND bad "${dir}: no pristine copy ${b}")
    continue()
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${a} ${b} RESULT_VARIABLE differ)
  if(differ)
    list(APPEND bad "${dir}: ${exercise} differs from pristine/${dir}/${exercise}")
  endif()
endforeach()
if(bad)
  list(JOIN bad "\n  " text)
  message(FATAL_ERROR "pristine copies out of date:\n  ${text}")
endif()
message(STATUS "${n} exercises match their pristine copies")
