# mote as a MicroPython user C module (CMake-based ports: esp32, rp2, ...):
# the `tls` module, and `ssl` through MicroPython's frozen ssl.py. See README.md.
#
#   make USER_C_MODULES=/path/to/mote/bindings/micropython/micropython.cmake ...
#
# Compiles mote/modtls_mote.c and mote's library sources (src/*/*.c of this
# repository; the POSIX socket adapters in src/io/ are not needed).

get_filename_component(MOTE_ROOT ${CMAKE_CURRENT_LIST_DIR}/../.. ABSOLUTE)
file(GLOB MOTE_LIB_SRC ${MOTE_ROOT}/src/*/*.c)
list(FILTER MOTE_LIB_SRC EXCLUDE REGEX "/src/io/")

add_library(usermod_mote INTERFACE)
target_sources(usermod_mote INTERFACE
    ${CMAKE_CURRENT_LIST_DIR}/mote/modtls_mote.c
    ${MOTE_LIB_SRC}
)
# mote's sources include their private headers as "crypto/...", "tls/...",
# hence src/ (an INTERFACE library cannot give it to them alone).
target_include_directories(usermod_mote INTERFACE
    ${MOTE_ROOT}/include
    ${MOTE_ROOT}/src
)
# Own RSA keys from 1024 bits, as mbedTLS's module takes them; certificates
# in a verified chain still need MOTE_X509_MIN_RSA_BITS (2048).
target_compile_definitions(usermod_mote INTERFACE MOTE_RSA_MIN_BITS=1024)
target_link_libraries(usermod INTERFACE usermod_mote)
