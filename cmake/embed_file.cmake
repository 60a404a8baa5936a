# Run as a script (cmake -DIN=... -DOUT=... -DSYMBOL=... -P embed_file.cmake): writes a C++ source defining
# `std::string_view rtc::embedded::SYMBOL()` that returns the bytes of IN exactly.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUT}.tmp"
"// Generated from ${IN} by cmake/embed_file.cmake. Do not edit.\n"
"#include <cstddef>\n#include <string_view>\n\n"
"namespace rtc::embedded {\n\n"
"namespace {\nconst char k_${SYMBOL}[] = {\n    ${bytes}'\\0'};\n}  // namespace\n\n"
"std::string_view ${SYMBOL}() {\n    return std::string_view(k_${SYMBOL}, ${size});\n}\n\n"
"}  // namespace rtc::embedded\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
