package twinmath

import (
	"runtime"
	"sync/atomic"
)

// maxThreads is the limit set by SetMaxThreads; 0 means none.
var maxThreads atomic.Int64

// SetMaxThreads limits the goroutines that one operation runs its work on
// (the blocks of Matmul, the rounds of the Jacobi SVD, the row blocks of
// LogisticRegression) to n, and returns the previous limit. n ≤ 0 removes the
// limit: operations then use up to GOMAXPROCS threads, as by default. The
// limit is process-wide and safe to change at any time; a call already
// running keeps the limit it started with.
//
// Results do not depend on the limit: every parallel loop splits its work
// into pieces fixed by the sizes alone and combines them in a fixed order,
// so one thread and many give the same bits.
func SetMaxThreads(n int) int {
	return int(maxThreads.Swap(int64(max(n, 0))))
}

// MaxThreads returns the number of threads an operation may use now:
// GOMAXPROCS, or the limit set by SetMaxThreads if that is smaller.
func MaxThreads() int {
	p := runtime.GOMAXPROCS(0)
	if m := int(maxThreads.Load()); m > 0 && m < p {
		return m
	}
	return p
}
