# What `cmake --install` puts under share/rtc-mock/ (the executables install themselves into bin/), in the source
# tree's layout, so an installed executable finds it as rtc::build_info::find_data does; and the Debian package
# of the same (`cpack -G DEB` in the build directory).
set(RTC_INSTALL_DATA ${CMAKE_INSTALL_DATADIR}/rtc-mock)
install(FILES ${CMAKE_SOURCE_DIR}/fixtures/default.json DESTINATION ${RTC_INSTALL_DATA}/fixtures)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/fixtures/conformance DESTINATION ${RTC_INSTALL_DATA}/fixtures)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/docs DESTINATION ${RTC_INSTALL_DATA})
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/ARCHITECTURE.md DESTINATION ${RTC_INSTALL_DATA})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME rtc-mock)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Local fake of the Volcengine RTC OpenAPI, with a conformance suite and a signed load generator")
set(CPACK_PACKAGE_CONTACT "rtc-mock maintainers <rtc-mock@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# Depends: computed by dpkg-shlibdeps from the libraries the executables really link (libcpp-httplib0.11,
# libssl3, libjemalloc2, libstdc++6, libc6, libgcc-s1, and FFmpeg's libavcodec59, libavformat59, libavutil57,
# libswscale6 for the recordings of real pages), so the list cannot drift from the link lines.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Real pages run in Debian's headless Chromium; everything else works without it.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "chromium-headless-shell | chromium")
include(CPack)
