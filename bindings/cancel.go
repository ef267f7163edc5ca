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
