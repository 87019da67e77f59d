# mote as a MicroPython user C module (make-based ports: unix, esp8266, stm32, ...):
# the `tls` module, and `ssl` through MicroPython's frozen ssl.py. See README.md.
#
#   make USER_C_MODULES=/path/to/mote/bindings/micropython MICROPY_PY_SSL=0 ...
#
# Compiles modtls_mote.c and mote's library sources (src/*/*.c of this
# repository, found from this directory; the POSIX socket adapters in
# src/io/ are not needed).

MOTE_MP_DIR := $(USERMOD_DIR)
MOTE_ROOT := $(abspath $(MOTE_MP_DIR)/../../..)
MOTE_LIB_SRC := $(filter-out $(MOTE_ROOT)/src/io/%,$(sort $(wildcard $(MOTE_ROOT)/src/*/*.c)))
MOTE_LIB_OBJ := $(addprefix $(BUILD)/,$(MOTE_LIB_SRC:.c=.o))

SRC_USERMOD_C += $(MOTE_MP_DIR)/modtls_mote.c
SRC_USERMOD_LIB_C += $(MOTE_LIB_SRC)
CFLAGS_USERMOD += -I$(MOTE_ROOT)/include
# Own RSA keys from 1024 bits, as mbedTLS's module takes them (MicroPython's
# tests use RSA-1024 keys); certificates in a verified chain still need
# MOTE_X509_MIN_RSA_BITS (2048). Must match in the module and the library.
CFLAGS_USERMOD += -DMOTE_RSA_MIN_BITS=1024

# mote's sources include their private headers as "crypto/...", "tls/...":
# only they get src/ on their include path.
$(MOTE_LIB_OBJ): CFLAGS += -I$(MOTE_ROOT)/src

# ESP8266: the linker script keeps code in IRAM (32 KiB, nearly full) unless
# it names the object file. Move mote's code to flash after compiling: every
# .text/.literal section becomes .irom0.text, which the script puts in irom0
# (rodata already goes to flash there, read through -mforce-l32).
# MOTE_MP_IROM=1 forces this on another port (to test the rule).
ifneq ($(MOTE_MP_IROM)$(findstring xtensa-lx106,$(CROSS_COMPILE)),)
MOTE_MP_IROM_OBJ := $(MOTE_LIB_OBJ) $(BUILD)/$(notdir $(MOTE_MP_DIR))/modtls_mote.o
$(MOTE_MP_IROM_OBJ): $(BUILD)/%.o: %.c
	$(call compile_c)
	$(Q)$(OBJCOPY) $$($(CROSS_COMPILE)objdump -h $@ | \
	  awk '$$2 ~ /^\.(text|literal)(\.|$$)/ { printf "--rename-section %s=.irom0.text ", $$2 }') $@
endif
