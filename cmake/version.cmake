# The version every executable prints for --version: the project version (project(VERSION) in the top-level
# CMakeLists.txt, the one place it is written) and, when the source tree is a git checkout, the commit.
# The commit is read at every build (not only at configure time), so a rebuild after a commit reports the new
# one; the generated source is rewritten only when its text changes, so nothing recompiles otherwise.
find_package(Git QUIET)
set(RTC_VERSION_STAMP ${CMAKE_BINARY_DIR}/generated/version_stamp.cpp)
add_custom_target(rtc_version_stamp
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUT=${RTC_VERSION_STAMP}
          -DVERSION=${PROJECT_VERSION} -DGIT=${GIT_EXECUTABLE}
          -P ${CMAKE_CURRENT_LIST_DIR}/version_stamp.cmake
  BYPRODUCTS ${RTC_VERSION_STAMP}
  COMMENT "Reading the git commit for --version"
  VERBATIM)
