# cmake -DCLI=safelab -DSAFELAB_BUILD=build/default -DLABS_SOURCE=labs -DFIX=<wrong_fixes/NN-x/file>
#       -DWORK=<dir> -P wrong_fix.cmake
#
# One recorded wrong fix (tests/labs/wrong_fixes/NN-what/FILE: the file a
# learner edited, FILE being the lab file it replaces) applied to a copy of
# labs/, then `safelab labs check NN --build default` on it, as a learner
# would run it: the check must fail (exit 1) with the message the fix's
# `// EXPECT:` line states, the one that names the technique.
#
# The copy and the runner's work dir are shared by every wrong-fix test
# (CTest's RESOURCE_LOCK serialises them), so safelab is installed and the
# labs are configured once; each test restores the lab's files first. Files
# are copied only when they differ, so Ninja sees a fresh mtime exactly on
# what changed.
get_filename_component(fix_dir ${FIX} DIRECTORY)
get_filename_component(fix_name ${fix_dir} NAME)
get_filename_component(file_name ${FIX} NAME)
string(SUBSTRING ${fix_name} 0 2 lab_id)

file(STRINGS ${FIX} expect_lines REGEX "^// EXPECT: ")
if(NOT expect_lines)
  message(FATAL_ERROR "${FIX} has no `// EXPECT: <message>` line")
endif()
list(GET expect_lines 0 expect)
string(REPLACE "// EXPECT: " "" expect "${expect}")

file(READ ${LABS_SOURCE}/labs.json json)
string(JSON n LENGTH "${json}" labs)
math(EXPR last "${n} - 1")
set(lab_dir "")
foreach(i RANGE ${last})
  string(JSON id GET "${json}" labs ${i} id)
  if(id STREQUAL lab_id)
    string(JSON lab_dir GET "${json}" labs ${i} dir)
  endif()
endforeach()
if(NOT lab_dir)
  message(FATAL_ERROR "${FIX}: no lab ${lab_id} in labs.json")
endif()

set(copy ${WORK}/labs)
file(GLOB_RECURSE sources RELATIVE ${LABS_SOURCE} ${LABS_SOURCE}/*)
foreach(f ${sources})
  get_filename_component(d ${copy}/${f} DIRECTORY)
  file(MAKE_DIRECTORY ${d})
  file(COPY_FILE ${LABS_SOURCE}/${f} ${copy}/${f} ONLY_IF_DIFFERENT)
endforeach()
if(NOT EXISTS ${copy}/${lab_dir}/${file_name})
  message(FATAL_ERROR "${FIX}: lab ${lab_dir} has no file ${file_name} to replace")
endif()
file(COPY_FILE ${FIX} ${copy}/${lab_dir}/${file_name})

execute_process(
  COMMAND ${CLI} labs check ${lab_id} --build default --safelab-build ${SAFELAB_BUILD}
          --labs-dir ${copy} --work ${WORK}/work
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
# Leave the copy as shipped for the next test.
file(COPY_FILE ${LABS_SOURCE}/${lab_dir}/${file_name} ${copy}/${lab_dir}/${file_name})
message("${out}${err}")
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "wrong fix ${fix_name}: `safelab labs check ${lab_id}` exited ${rc}, "
                      "want 1 (the lab is not done)")
endif()
string(FIND "${out}" "${expect}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "wrong fix ${fix_name}: the check does not say \"${expect}\"")
endif()
