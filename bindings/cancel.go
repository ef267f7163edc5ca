package main

// A long call takes a cancel flag: a pointer to an int32_t that the caller
// owns and may set to non-zero from another thread while the call runs.
// The Go package polls a context.Context, so each such call gets a context
// of its own and a goroutine that watches the flag every flagPoll and
// cancels the context when it is set. The watcher ends before the call
// returns, so nothing reads the flag afterwards and no goroutine outlives
// the call.

/*
#include "libtwinmath.h"
*/
import "C"

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/twinmath/twinmath/go"
)

// flagPoll is how often a call's watcher reads its cancel flag: it adds at
// most this much to the time a cancelled call takes to stop.
const flagPoll = time.Millisecond

// callCancellable is call for the long operations: f gets a context that is
// cancelled once *cancel is non-zero (never, when cancel is NULL), and a
// call that stops for it returns TM_ERR_CANCELLED.
func callCancellable(cancel *C.tm_cflag, buf *C.char, n C.size_t, f func(ctx context.Context) error) C.int {
	if cancel == nil {
		return call(buf, n, func() error { return f(context.Background()) })
	}
	flag := (*int32)(unsafe.Pointer(cancel)) // read atomically: the caller writes it from another thread
	ctx, stop := context.WithCancel(context.Background())
	if atomic.LoadInt32(flag) != 0 {
		stop() // set before the call: stopped at its first look, however late the watcher starts
	}
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		tick := time.NewTicker(flagPoll)
		defer tick.Stop()
		for {
			if atomic.LoadInt32(flag) != 0 {
				stop()
				return
			}
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	defer func() {
		stop()
		<-watching
	}()
	return call(buf, n, func() error { return f(ctx) })
}

//export tm_set_max_threads
func tm_set_max_threads(n C.int64_t) C.int64_t {
	return C.int64_t(twinmath.SetMaxThreads(int(max(min(n, 1<<30), 0))))
}

//export tm_max_threads
func tm_max_threads() C.int64_t {
	return C.int64_t(twinmath.MaxThreads())
}

// workspaces holds the Go package's Workspaces between calls: the exports
// of the decompositions take one for their scratch (the Workspace forms
// give the plain forms' bits), so a call from Python allocates and clears
// no scratch once the pool holds a workspace of its size (solve of 300×300:
// 1.09 ms against 1.59 ms, go test -bench Workspace). Each call has its own
// workspace; the pool drops idle ones at garbage collections.
var workspaces = sync.Pool{New: func() any { return new(twinmath.Workspace) }}

// withWorkspace runs f with a workspace of the pool. A panic in f (which
// the export recovers) skips the return to the pool: the workspace, in an
// unknown state, is dropped.
func withWorkspace(f func(ws *twinmath.Workspace) error) error {
	ws := workspaces.Get().(*twinmath.Workspace)
	err := f(ws)
	workspaces.Put(ws)
	return err
}

// pooled is withWorkspace for an operation with a result.
func pooled[T any](f func(ws *twinmath.Workspace) (T, error)) (T, error) {
	ws := workspaces.Get().(*twinmath.Workspace)
	r, err := f(ws)
	workspaces.Put(ws)
	return r, err
}
