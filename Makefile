# Two commands: `make demo` and `make test`. Each installs what is missing,
# configures, builds, then runs. BUILD_DIR and CMAKE_FLAGS may be overridden.
BUILD_DIR ?= build
CMAKE_FLAGS ?=
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
BIN := $(BUILD_DIR)/actionplan

.PHONY: all deps test-deps configure build build-all demo test test-asan fuzz bench package test-package clean format check-style

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) >/dev/null

# The tool only: the binary, its man page and completions (no test, fuzz or bench program).
build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS) --target actionplan actionplan_man_and_completions

# Everything: the tool and the test, fuzz-replay and bench programs.
build-all: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# The main job on the shipped example: check it, then write its progress report as
# Markdown (as GitHub shows it) and as HTML (to read, mail or print) into DEMO_DIR.
# The demo has its own quick build: the tool alone, unoptimised (about a third of the
# time of `make test`'s build on 2 cores; the example plan is small).
DEMO_BUILD_DIR ?= build-demo
DEMO_DIR ?= $(DEMO_BUILD_DIR)/demo
demo: deps
	@cmake -S . -B $(DEMO_BUILD_DIR) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 -DBUILD_TESTING=OFF \
	  $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(DEMO_BUILD_DIR) -j $(JOBS) --target actionplan
	@./$(DEMO_BUILD_DIR)/actionplan -C examples/4p1000 validate
	@./$(DEMO_BUILD_DIR)/actionplan -C examples/4p1000 report -o $(DEMO_DIR)/4p1000-report.md
	@./$(DEMO_BUILD_DIR)/actionplan -C examples/4p1000 report -o $(DEMO_DIR)/4p1000-report.html 2>/dev/null
	@echo
	@echo "The progress report of the \"4 per 1000\" example plan (examples/4p1000):"
	@echo "  $(DEMO_DIR)/4p1000-report.html   open it in a browser; print it to PDF"
	@echo "  $(DEMO_DIR)/4p1000-report.md     the same report as GitHub shows it (Mermaid charts)"

# What the tests of what readers see need: chromium and poppler-utils (the HTML report
# printed to PDF), Mermaid's own parser (npm, tests only).
test-deps:
	@bash scripts/install-test-deps.sh

test: build-all test-deps
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# The whole test suite again under AddressSanitizer + UndefinedBehaviorSanitizer
# (tests/lsan.supp: a leak inside libgit2's use of PCRE2, not the tool's).
test-asan:
	@LSAN_OPTIONS="suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 $(LSAN_OPTIONS)" \
	  $(MAKE) --no-print-directory test BUILD_DIR=build-asan \
	  CMAKE_FLAGS="-DACTIONPLAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug $(CMAKE_FLAGS)"

# Fuzzing (tests/fuzz/README.md): the libFuzzer targets built with clang-14, ASan and
# UBSan in FUZZ_DIR against an instrumented libyaml (Debian's source package), each
# run FUZZ_SECONDS; prints execs/s, coverage and executions; fails on any finding.
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 180
FUZZ_TARGETS ?= record plan_report add_project intake
fuzz:
	@ACTIONPLAN_EXTRA_DEPS="clang-14 libclang-rt-14-dev llvm-14 dpkg-dev" bash scripts/install-deps.sh
	@JOBS=$(JOBS) bash scripts/run-fuzz.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# A .deb with the binary, the man page and the bash/zsh completions (CPack).
package: build
	cd $(BUILD_DIR) && cpack -G DEB

# Installs the .deb, checks what it put in place, removes it again; then installs it
# through the action's install step (action.yml), as a plan's workflow does, and runs
# the check job's commands (needs root).
test-package: package
	bash scripts/test-package.sh $(BUILD_DIR)
	@ACTIONPLAN_EXTRA_DEPS="bc curl" bash scripts/install-deps.sh
	bash scripts/test-action.sh $(BUILD_DIR)

# Benchmarks (not part of `make test`): the tables of docs/performance.md, written to
# $(BUILD_DIR)/bench.md. BENCH_SIZES="1000 10000" for a quick run (default: 1k, 10k, 20k, 100k);
# BENCH_RUNS runs per figure (default 3; the median is shown).
BENCH_RUNS ?= 3
bench: build-all
	@ACTIONPLAN_EXTRA_DEPS="time python3-yaml" bash scripts/install-deps.sh
	python3 tests/bench/run.py --binary $(BIN) --runs $(BENCH_RUNS) --out $(BUILD_DIR)/bench.md $(BENCH_SIZES)

# The house rules, enforced (docs/ARCHITECTURE.md): the code as clang-format 14 leaves it
# with .clang-format, and no function in lib/ over 80 lines but those listed in
# scripts/long-functions.txt (which may only shrink). `make format` fixes the first.
CLANG_FORMAT ?= clang-format-14
format:
	@ACTIONPLAN_EXTRA_DEPS="clang-format-14" bash scripts/install-deps.sh
	$(CLANG_FORMAT) -i $$(git ls-files '*.cpp' '*.hpp')

check-style:
	@ACTIONPLAN_EXTRA_DEPS="clang-format-14" bash scripts/install-deps.sh
	$(CLANG_FORMAT) --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')
	python3 scripts/check-function-length.py .
	python3 scripts/check-function-length.py tests/style/too-long > /dev/null; test $$? -eq 1

clean:
	rm -rf build build-asan build-fuzz build-demo
