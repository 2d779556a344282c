# Install rules and the CMake package, so that an out-of-tree project can
#   find_package(safelab REQUIRED)
#   target_link_libraries(app PRIVATE safelab::safelab)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

get_property(_components GLOBAL PROPERTY SAFELAB_COMPONENTS)
install(TARGETS safelab ${_components} EXPORT safelabTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# include/safelab holds the API and nothing else. The harnesses the CLI,
# benchmarks and tests share (safelab_gil_harness, safelab_io_harness) keep
# their headers in src/ and are not components, so neither their headers nor
# their libraries are installed; tests/out_of_tree checks both.
install(DIRECTORY include/safelab DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# OPTIONAL: the labs' sanitizer builds install the libraries alone
# (`tools/dev labs` builds safelab-libraries there, not the CLI).
install(TARGETS safelab-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} OPTIONAL)
# Everything a `find_package(safelab)` user links, and nothing else.
add_custom_target(safelab-libraries)
add_dependencies(safelab-libraries safelab ${_components})

set(_cfgdir ${CMAKE_INSTALL_LIBDIR}/cmake/safelab)
install(EXPORT safelabTargets NAMESPACE safelab:: DESTINATION ${_cfgdir})
configure_package_config_file(cmake/safelabConfig.cmake.in
  ${PROJECT_BINARY_DIR}/safelabConfig.cmake INSTALL_DESTINATION ${_cfgdir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/safelabConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/safelabConfig.cmake
              ${PROJECT_BINARY_DIR}/safelabConfigVersion.cmake
              cmake/safelab-sanitizers.cmake
        DESTINATION ${_cfgdir})
