package twinmath

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
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

// forBlocks calls f(k) for k = 0 … nb−1 on up to workers threads: the
// calling goroutine takes blocks from the front and up to workers−1
// helpers from the back until they meet, so that the caller is never idle
// while a helper is being woken and each thread streams through memory in
// order; f's blocks may run in any order and on any thread.
//
// The helpers are the team's when it is free (one call at a time uses it)
// and goroutines started for the call otherwise. A team helper that runs
// out of work polls for the next call for helperSpin before it sleeps:
// waking a sleeping thread costs tens of microseconds on a machine of its
// own and, in a virtual machine whose idle processor halts, up to hundreds
// (the host must run the halted processor again), more than a whole
// product of 10⁶ terms saves by sharing it; a stream of calls, and the
// steps of one factorisation, then find their helpers awake. The caller
// polls for spinLimit rounds for the blocks still in the helpers' hands:
// a goroutine called from C is locked to its thread, and blocking it
// passes its thread's P to another thread and back.
func forBlocks(nb, workers int, f func(k int)) {
	if workers <= 1 || nb <= 1 {
		for k := 0; k < nb; k++ {
			f(k)
		}
		return
	}
	j := &teamJob{f: f, nb: int64(nb)}
	j.ends.Store(uint64(nb) << 32)
	j.slots.Store(int64(workers - 1))
	if team.mu.TryLock() {
		team.dispatch(j, workers-1)
		j.run(false)
		j.wait()
		team.mu.Unlock()
		return
	}
	for range workers - 1 {
		go j.join()
	}
	j.run(false)
	j.wait()
}

// forRanges calls f on the blocks [lo, hi) of grain indices of [0, n)
// with forBlocks, on up to MaxThreads threads.
func forRanges(n, grain int, f func(lo, hi int)) {
	nb := (n + grain - 1) / grain
	forBlocks(nb, min(MaxThreads(), nb), func(b int) { f(b*grain, min((b+1)*grain, n)) })
}

// teamJob is one call of forBlocks: its blocks, the counters of blocks
// taken and done, and the helpers' places left.
type teamJob struct {
	f     func(k int)
	nb    int64
	ends  atomic.Uint64 // the next block from the front (low half) and one past the last from the back (high half)
	done  atomic.Int64
	slots atomic.Int64
}

// join takes blocks as a helper if the job has a place left.
func (j *teamJob) join() {
	if j.slots.Add(-1) < 0 {
		return
	}
	j.run(true)
}

// run takes blocks until none is left: the caller (fromBack false) from
// the front, helpers from the back, so that each streams through memory
// in order and they meet near the middle.
func (j *teamJob) run(fromBack bool) {
	for {
		s := j.ends.Load()
		front, back := int64(uint32(s)), int64(s>>32)
		if front >= back {
			return
		}
		k, next := front, s+1
		if fromBack {
			k, next = back-1, s-1<<32
		}
		if !j.ends.CompareAndSwap(s, next) {
			continue
		}
		j.f(int(k))
		j.done.Add(1)
	}
}

// wait returns when every block is done: it polls, then sleeps in turns of
// a few microseconds if a helper was descheduled inside a block.
func (j *teamJob) wait() {
	for spin := 0; j.done.Load() < j.nb; spin++ {
		if spin >= spinLimit {
			time.Sleep(5 * time.Microsecond)
		}
	}
}

// spinLimit is the number of rounds, each one load of an atomic counter,
// that a waiting thread polls before it sleeps: about a millisecond (2¹⁵
// rounds took 9 µs on a 2-core AMD EPYC), as long as a helper polls for
// its next job, and longer than most blocks. A goroutine called from C is
// locked to its thread, and each sleep of it hands its thread's processor
// to another thread and back: two thread wake-ups, which a loaded virtual
// machine can take long to serve. With 2¹⁷ rounds (36 µs), 40 products of
// two 1024×1024 matrices called from Python made 4,100–5,400 thread
// switches; with 2²², 2,000–3,500.
const spinLimit = 1 << 22

// helperSpin is how long a team helper polls for the next job before it
// sleeps. The time is looked at every 1024 rounds, after each yield. On
// a 2-core virtual machine (AMD EPYC), 30 µs left the helpers
// asleep between the steps of det, solve, eigh and svd at n = 300 when
// calls came a few at a time, and `make bench` read 1.31–1.49 (det),
// 1.12–1.42 (solve), 1.92–2.26 (eigh) and 1.49–1.67 (svd) times numpy;
// with 1 ms, in runs interleaved with those, 1.09–1.27, 1.02–1.22,
// 1.34–1.90 and 1.49–1.59. 300 µs and 3 ms measured about as 1 ms. The
// cost is at most 1 ms of one core's time per helper after the last call
// of a stream, given up to any goroutine that is ready to run (OpenBLAS's
// threads poll for about 0.1 s after each call, measured on the same
// machine).
const helperSpin = time.Millisecond

// team is the pool of helper goroutines that forBlocks hands its blocks
// to. The helpers start on first use, up to the number a call asks for,
// and live as long as the process (asleep when unused).
var team teamState

// teamState holds the team: the job handed out last and its number, and
// the helpers.
type teamState struct {
	mu      sync.Mutex // held by the call using the team
	job     atomic.Pointer[teamJob]
	seq     atomic.Uint64 // the number of jobs handed out
	helpers []*teamHelper // written under mu
}

// teamHelper is one helper goroutine; parked says it sleeps on wake.
type teamHelper struct {
	parked atomic.Bool
	wake   chan struct{} // buffered: a wake-up sent early is not lost
}

// dispatch hands j to the team (t.mu held), starting helpers until there
// are n, and wakes those that sleep.
func (t *teamState) dispatch(j *teamJob, n int) {
	t.job.Store(j)
	seq := t.seq.Add(1)
	for len(t.helpers) < n {
		h := &teamHelper{wake: make(chan struct{}, 1)}
		t.helpers = append(t.helpers, h)
		go h.loop(seq - 1)
	}
	for _, h := range t.helpers {
		if h.parked.Load() {
			select {
			case h.wake <- struct{}{}:
			default:
			}
		}
	}
}

// loop runs the jobs numbered after seen: each time the job number moves,
// the helper joins the newest job. Between jobs it polls for helperSpin,
// then sleeps until dispatch wakes it; it says it is parked before
// it looks at the job number a last time, so that a job handed out in
// between is either seen or followed by a wake-up.
func (h *teamHelper) loop(seen uint64) {
	for {
		var since time.Time
		for spin := 0; team.seq.Load() == seen; spin++ {
			if spin%1024 != 1023 {
				continue
			}
			// A call, so that a garbage collection stopping the
			// goroutines finds this one at a safe point, and a
			// goroutine waiting for a P gets this one.
			runtime.Gosched()
			if since.IsZero() {
				since = time.Now()
			}
			if time.Since(since) < helperSpin {
				continue
			}
			h.parked.Store(true)
			if team.seq.Load() == seen {
				<-h.wake
			}
			h.parked.Store(false)
			since = time.Time{}
		}
		seen = team.seq.Load()
		team.job.Load().join()
	}
}
