# Thin wrapper over CMake. `make run` and `make check` install what is
# missing (scripts/deps.sh), build, and serve or test.
BUILD      ?= build
BUILD_SAN  ?= build-asan
BUILD_FUZZ ?= build-fuzz
DB         ?= praxis.db
LISTEN     ?= 127.0.0.1:8080
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all build run check test test-asan fuzz bench clean deps-run deps-check

all: build

deps-run:
	@scripts/deps.sh run

deps-check:
	@scripts/deps.sh check

build:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: deps-run build
	@if [ ! -f $(DB) ]; then \
		$(BUILD)/praxis init --db $(DB) && $(BUILD)/praxis demo --db $(DB) && \
		$(BUILD)/praxis gazetteer --db $(DB); \
	else \
		$(BUILD)/praxis init --db $(DB); \
	fi
	@echo "praxis: serving $(DB) on http://$(LISTEN)/ (Ctrl-C stops)"
	@exec $(BUILD)/praxis serve --db $(DB) --listen $(LISTEN)

test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan:
	@cmake -S . -B $(BUILD_SAN) -DCMAKE_BUILD_TYPE=Debug -DPRAXIS_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_SAN) -j $(JOBS)
	@cd $(BUILD_SAN) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j $(JOBS) -LE htmlcheck

fuzz:
	@CC=clang cmake -S . -B $(BUILD_FUZZ) -DCMAKE_BUILD_TYPE=Debug -DPRAXIS_FUZZ=ON >/dev/null
	@cmake --build $(BUILD_FUZZ) -j $(JOBS) --target fuzz_targets
	@cd $(BUILD_FUZZ) && ctest --output-on-failure -L fuzz -j $(JOBS)

check: deps-check
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory fuzz

bench: deps-check build
	@bench/page.sh

clean:
	rm -rf $(BUILD) $(BUILD_SAN) $(BUILD_FUZZ)
