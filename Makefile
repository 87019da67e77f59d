# mote: the short front door. Plain GNU make; every variant (sanitizers,
# 32-bit ARM under qemu, the 16-bit multiplier backend) is this same Makefile
# with another BUILD directory and other flags, driven by tests/run_all.sh.
#
#   make            library, `mote` tool, tests and examples into build/
#   make demo       build everything, then run `build/mote demo`
#   make test       every test: normal, ASan+UBSan, arm32/qemu, mul16, ctgrind, fuzz smoke
#   make vectors    every Wycheproof vector for the implemented primitives
#   make bench      speed / stack side by side with BearSSL and mbedTLS
#   make size       code size per module for xtensa-lx106, Cortex-M0/M4, riscv32
#   make format     clang-format every source file

CC      ?= cc
AR      ?= ar
BUILD   ?= build
OPT     ?= -O2 -g
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  := -std=c99 $(OPT) $(WARN) -Iinclude -Isrc -Itests/common $(EXTRA_CFLAGS)
# The crypto core must also be clean under -Wconversion.
CRYPTO_CFLAGS := -Wconversion
LDFLAGS ?=
LDLIBS  ?=
# Optional runner for test binaries (qemu-arm for the arm32 build).
RUN     ?=

LIB_SRC   := $(sort $(wildcard src/*/*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
TOOL_SRC  := $(sort $(wildcard tools/*.c))
TOOL_OBJ  := $(TOOL_SRC:%.c=$(BUILD)/obj/%.o)
TCOM_SRC  := $(sort $(wildcard tests/common/*.c))
TCOM_OBJ  := $(TCOM_SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
VEC_SRC   := $(sort $(wildcard tests/vectors/wy_*.c))
VEC_BIN   := $(VEC_SRC:tests/vectors/%.c=$(BUILD)/tests/%)
CT_SRC    := $(sort $(wildcard tests/ct/*.c))
CT_BIN    := $(CT_SRC:tests/ct/%.c=$(BUILD)/ct/%)
EX_SRC    := $(sort $(wildcard examples/*.c))
EX_BIN    := $(EX_SRC:examples/%.c=$(BUILD)/examples/%)

.PHONY: all lib tool tests demo test vectors bench size format clean fuzz ct compare compare-server compare-arm32 size-profiles size-features
all: lib tool tests $(EX_BIN)
lib: $(BUILD)/libmote.a
tool: $(BUILD)/mote
tests: $(UNIT_BIN) $(VEC_BIN) $(CT_BIN)

$(BUILD)/obj/src/crypto/%.o: src/crypto/%.c $(wildcard include/mote/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(CRYPTO_CFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: %.c $(wildcard include/mote/*.h src/*/*.h tests/common/*.h tools/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libmote.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

# -z now: symbols resolved at start, so --stats measures mote's stack, not
# the dynamic linker's first-call lookups.
$(BUILD)/mote: $(TOOL_OBJ) $(BUILD)/libmote.a
	$(CC) $(CFLAGS) $(LDFLAGS) -Wl,-z,now $(TOOL_OBJ) $(BUILD)/libmote.a $(LDLIBS) -o $@

$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(TCOM_OBJ) $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) $< $(TCOM_OBJ) $(BUILD)/libmote.a $(LDLIBS) -o $@

$(BUILD)/tests/wy_%: $(BUILD)/obj/tests/vectors/wy_%.o $(TCOM_OBJ) $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) $< $(TCOM_OBJ) $(BUILD)/libmote.a $(LDLIBS) -o $@

$(BUILD)/ct/%: $(BUILD)/obj/tests/ct/%.o $(TCOM_OBJ) $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) $< $(TCOM_OBJ) $(BUILD)/libmote.a $(LDLIBS) -o $@

$(BUILD)/examples/%: $(BUILD)/obj/examples/%.o $(BUILD)/libmote.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) $< $(BUILD)/libmote.a $(LDLIBS) -o $@

demo: all
	$(BUILD)/mote demo

test:
	bash tests/run_all.sh

vectors: tests
	python3 tests/vectors/run_vectors.py --bindir $(BUILD)/tests $(if $(RUN),--exec "$(RUN)")

bench:
	bash bench/run.sh

size:
	bash bench/size.sh

compare:
	BUILD=$(BUILD) bash bench/compare/run.sh
compare-server:
	BUILD=$(BUILD) bash bench/compare/run.sh --server
compare-arm32:
	BUILD=$(BUILD) bash bench/compare/arm32.sh

size-profiles:
	BUILD=$(BUILD) bash bench/profiles/run.sh
size-features:
	BUILD=$(BUILD) bash bench/profiles/features.sh

fuzz:
	bash tests/fuzz/run.sh long

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build build-*
