package main

// A long call takes a cancel flag: a pointer to an int32_t that the caller
// owns and may set to non-zero from another thread while the call runs.
// The Go package looks at a context.Context's Err every few tens of
// microseconds of work; the call's context reads the flag at each of those
// looks. No goroutine watches the flag: a watcher woken by a timer every
// millisecond needed a processor while the call's threads held them all,
// and the runtime handed the caller's locked thread's processor to another
// thread and back to run it. On a loaded 2-core virtual machine, 40
// products of two 1024×1024 matrices from Python took a median of 48–52 ms
// each with a watcher and 37–40 ms without (numpy 31–35). Nothing reads the
// flag after the call returns.

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

// callCancellable is call for the long operations: f gets a context that is
// cancelled once *cancel is non-zero (never, when cancel is NULL), and a
// call that stops for it returns TM_ERR_CANCELLED.
func callCancellable(cancel *C.tm_cflag, buf *C.char, n C.size_t, f func(ctx context.Context) error) C.int {
	if cancel == nil {
		return call(buf, n, func() error { return f(context.Background()) })
	}
	ctx := &flagContext{flag: (*int32)(unsafe.Pointer(cancel)), done: make(chan struct{})}
	return call(buf, n, func() error { return f(ctx) })
}

// flagContext is the context of a call with a cancel flag. Err reads the
// flag (atomically: the caller writes it from another thread) and, once it
// finds it set, closes Done and reports context.Canceled from then on. Done
// is closed by that look rather than by the caller's write: the package
// looks at a context only through Err (Done serves to tell a context that
// can be cancelled from one that cannot).
type flagContext struct {
	flag *int32
	once sync.Once
	done chan struct{}
}

func (c *flagContext) Deadline() (time.Time, bool) { return time.Time{}, false }
func (c *flagContext) Done() <-chan struct{}       { return c.done }
func (c *flagContext) Value(any) any               { return nil }

func (c *flagContext) Err() error {
	select {
	case <-c.done:
		return context.Canceled
	default:
	}
	if atomic.LoadInt32(c.flag) == 0 {
		return nil
	}
	c.once.Do(func() { close(c.done) })
	return context.Canceled
}

//export tm_set_max_threads
func tm_set_max_threads(n C.int64_t) C.int64_t {
	return C.int64_t(twinmath.SetMaxThreads(int(max(min(n, 1<<30), 0))))
}

//export tm_max_threads
func tm_max_threads() C.int64_t {
	return C.int64_t(twinmath.MaxThreads())
}
