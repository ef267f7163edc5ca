package main

// Go values that outlive a call — an optimiser's moments, a random stream —
// stay in Go, in this table, and C holds an integer handle to them. Handles
// are never reused, a stale or foreign handle is an error (not a crash), and
// each value has its own lock so that calls on one handle from several
// threads take turns while calls on different handles run in parallel.

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"fmt"
	"sync"
)

type entry struct {
	mu    sync.Mutex
	value any
}

var table = struct {
	sync.Mutex
	next    int64
	entries map[int64]*entry
}{entries: map[int64]*entry{}}

// newHandle stores v and returns its handle, a positive integer.
func newHandle(v any) int64 {
	table.Lock()
	defer table.Unlock()
	table.next++
	table.entries[table.next] = &entry{value: v}
	return table.next
}

// with runs f on the value behind handle h, which must be a T, holding the
// value's lock. A handle that is unknown, freed, or of another kind panics
// with an argError, which call reports as TM_ERR_INVALID.
func with[T any](h C.int64_t, f func(v T) error) error {
	table.Lock()
	e, ok := table.entries[int64(h)]
	table.Unlock()
	if !ok {
		panic(argError(fmt.Sprintf("unknown handle %d", h)))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	v, ok := e.value.(T)
	if !ok {
		panic(argError(fmt.Sprintf("handle %d holds a %T, not a %T", h, e.value, v)))
	}
	return f(v)
}

//export tm_free
func tm_free(h C.int64_t) C.int {
	table.Lock()
	defer table.Unlock()
	if _, ok := table.entries[int64(h)]; !ok {
		return C.TM_ERR_INVALID
	}
	delete(table.entries, int64(h))
	return C.TM_OK
}

//export tm_live_handles
func tm_live_handles() C.int64_t {
	table.Lock()
	defer table.Unlock()
	return C.int64_t(len(table.entries))
}
