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
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# One package per install component: rtc-mock_VERSION_ARCH.deb (component mock) and
# rtc-mock-recorder_VERSION_ARCH.deb (component recorder: the encoder plugin, lib/rtc-mock/rtc-mock-recorder.so).
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL mock recorder)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_MOCK_PACKAGE_NAME rtc-mock)
set(CPACK_DEBIAN_RECORDER_PACKAGE_NAME rtc-mock-recorder)
set(CPACK_COMPONENT_RECORDER_DESCRIPTION
    "rtc-mock's recordings of real pages (VP8 in WebM), the encoder plugin on FFmpeg's libraries")
# Depends: computed by dpkg-shlibdeps from the libraries each package's files really link (rtc-mock:
# libcpp-httplib0.11, libssl3, libjemalloc2, libhiredis0.14, libstdc++6, libc6, libgcc-s1, zlib1g; the recorder:
# FFmpeg's libavcodec, libavformat, libswscale, libavutil), so the lists cannot drift from the link lines.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_RECORDER_PACKAGE_DEPENDS "rtc-mock (= ${PROJECT_VERSION})")
# Real pages run in Debian's headless Chromium, and are recorded by the plugin; everything else works without.
set(CPACK_DEBIAN_MOCK_PACKAGE_RECOMMENDS "chromium-headless-shell | chromium")
set(CPACK_DEBIAN_MOCK_PACKAGE_SUGGESTS "rtc-mock-recorder (= ${PROJECT_VERSION})")
include(CPack)
