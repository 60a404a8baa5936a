# rtc_embed_file(<target> <symbol> <file>): compiles the bytes of <file> into <target> as
# `std::string_view rtc::embedded::<symbol>()` (declare it where it is used). Rebuilt when the file changes, so
# the file in the repository stays the one readable source.
set(RTC_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_file.cmake)

function(rtc_embed_file target symbol file)
  get_filename_component(input "${file}" ABSOLUTE)
  set(output ${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cpp)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DIN=${input} -DOUT=${output} -DSYMBOL=${symbol} -P ${RTC_EMBED_SCRIPT}
    DEPENDS ${input} ${RTC_EMBED_SCRIPT}
    COMMENT "Embedding ${file} as rtc::embedded::${symbol}()"
    VERBATIM)
  target_sources(${target} PRIVATE ${output})
endfunction()
