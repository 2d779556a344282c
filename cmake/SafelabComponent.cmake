# safelab_add_component(NAME SOURCES ... [DEPS ...])
#
# One library per family of primitives (own, err, mem, gil, io), exported as
# safelab::NAME and gathered by the umbrella target safelab::safelab. Keeping
# the families apart keeps link lines honest: a user of Result<T, E> does not
# pull in Asio or oneTBB.
function(safelab_add_component name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  set(target safelab_${name})
  if(ARG_SOURCES)
    add_library(${target} ${ARG_SOURCES})
    target_include_directories(${target} PUBLIC
      $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>)
    target_link_libraries(${target} PUBLIC ${ARG_DEPS} PRIVATE $<BUILD_INTERFACE:safelab_warnings>)
  else()
    add_library(${target} INTERFACE)
    target_include_directories(${target} INTERFACE
      $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include> $<INSTALL_INTERFACE:include>)
    target_link_libraries(${target} INTERFACE ${ARG_DEPS})
  endif()
  target_compile_features(${target} INTERFACE cxx_std_20)
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name})
  add_library(safelab::${name} ALIAS ${target})
  target_link_libraries(safelab INTERFACE ${target})
  set_property(GLOBAL APPEND PROPERTY SAFELAB_COMPONENTS ${target})
endfunction()
