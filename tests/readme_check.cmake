# cmake -DSOURCE_DIR=<repository> -P readme_check.cmake
#
# docs.readme: the README is one a reader can read, and what it points at is
# there. A script that writes it wrongly (55317e9 replaced the empty string
# and made it 7.8 MB) or a file that moves must fail a test, not wait for a
# reader:
# - it is under 64 KiB and starts with its title;
# - every relative link ([text](path), anchors aside) names a file or
#   directory of the repository;
# - its test command is the one .ci/run runs (`tools/dev test`).
set(readme "${SOURCE_DIR}/README.md")
file(SIZE "${readme}" size)
if(size GREATER 65536)
  message(FATAL_ERROR "README.md is ${size} bytes: over 64 KiB, it is not a README any more")
endif()
file(READ "${readme}" text)
if(NOT text MATCHES "^# safelab\n")
  message(FATAL_ERROR "README.md does not start with its title, \"# safelab\"")
endif()
# CMake lists do not split inside [...], so "](" becomes a marker first.
string(REPLACE "](" " LINK<" marked "${text}")
string(REGEX MATCHALL "LINK<[^)# ]+[)#]" links "${marked}")
set(broken "")
set(count 0)
foreach(link IN LISTS links)
  string(LENGTH "${link}" length)
  math(EXPR length "${length} - 6")  # "LINK<" before the path, ")" or "#" after it
  string(SUBSTRING "${link}" 5 ${length} path)
  if(path MATCHES "^[a-z]+:")
    continue()  # http:, https:, mailto:
  endif()
  math(EXPR count "${count} + 1")
  if(NOT EXISTS "${SOURCE_DIR}/${path}")
    list(APPEND broken "${path}")
  endif()
endforeach()
if(broken)
  list(JOIN broken "\n  " broken)
  message(FATAL_ERROR "README.md links to files that do not exist:\n  ${broken}")
endif()
file(READ "${SOURCE_DIR}/.ci/run" ci)
if(NOT ci MATCHES "tools/dev test" OR NOT text MATCHES "\ntools/dev test ")
  message(FATAL_ERROR "README.md's test command and .ci/run's are not both `tools/dev test`")
endif()
message(STATUS "docs.readme: ${size} bytes, ${count} relative links, all present")
