package twinmath

import (
	"context"
	"errors"
	"math"
	"math/rand"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// symmetricDominant returns a random symmetric n×n matrix with a dominant
// diagonal: positive definite, so every decomposition accepts it.
func symmetricDominant(rng *rand.Rand, n int) Matrix {
	a := NewMatrix(n, n)
	for i := 0; i < n; i++ {
		for j := 0; j < i; j++ {
			v := rng.Float64() - 0.5
			a.Data[i*n+j], a.Data[j*n+i] = v, v
		}
		a.Data[i*n+i] = float64(n)
	}
	return a
}

// contextOps are the long operations, each on an input that takes many
// looks at the context (each look comes after checkWork multiply-adds) to
// finish uncancelled.
func contextOps() map[string]func(ctx context.Context) error {
	rng := rand.New(rand.NewSource(1))
	big := randMatrix(rng, 300, 300)
	spd := symmetricDominant(rng, 300)
	mid := randMatrix(rng, 150, 150)
	tall := randMatrix(rng, 400, 100) // the QR-preconditioned SVD
	rhs := randMatrix(rng, 300, 8)
	large, rhs1 := randMatrix(rng, luAheadMin, luAheadMin), randMatrix(rng, luAheadMin, 1)
	X := randMatrix(rng, 2000, 20)
	y := make([]float64, X.Rows)
	for i := range y {
		y[i] = float64(rng.Intn(2))
	}
	sq := func(x []float64) (float64, error) { return dot(x, x), nil }
	return map[string]func(ctx context.Context) error{
		"det":   func(ctx context.Context) error { return second(DetContext(ctx, big)) },
		"inv":   func(ctx context.Context) error { return second(InvContext(ctx, big)) },
		"solve": func(ctx context.Context) error { return second(SolveContext(ctx, big, rhs)) },
		"solve look-ahead": func(ctx context.Context) error {
			return second(SolveContext(ctx, large, rhs1))
		},
		"matmul": func(ctx context.Context) error {
			return second(MatmulContext(ctx, big, big))
		},
		"lu":           func(ctx context.Context) error { return fourth(LUContext(ctx, big)) },
		"qr":           func(ctx context.Context) error { return third(QRContext(ctx, big)) },
		"cholesky":     func(ctx context.Context) error { return second(CholeskyContext(ctx, spd)) },
		"svd":          func(ctx context.Context) error { return fourth(SVDContext(ctx, mid)) },
		"svd tall":     func(ctx context.Context) error { return fourth(SVDContext(ctx, tall)) },
		"truncatedSVD": func(ctx context.Context) error { return fifth(TruncatedSVDContext(ctx, mid, 3)) },
		"pinv":         func(ctx context.Context) error { return second(PinvContext(ctx, mid, 1e-15)) },
		"lstsq":        func(ctx context.Context) error { return second(LstsqContext(ctx, mid, mid, -1)) },
		"matrixRank":   func(ctx context.Context) error { return second(MatrixRankContext(ctx, mid)) },
		"pca":          func(ctx context.Context) error { return fourth(PCAContext(ctx, mid, 2)) },
		"eigh":         func(ctx context.Context) error { return third(EighContext(ctx, spd)) },
		"eig":          func(ctx context.Context) error { return third(EigContext(ctx, mid)) },
		"logisticRegression": func(ctx context.Context) error {
			_, _, _, err := LogisticRegressionContext(ctx, X, y, LogisticOptions{LearningRate: 0.01, MaxIter: 1 << 20, Literal: true})
			return err
		},
		"gradientDescent": func(ctx context.Context) error {
			_, _, err := GradientDescentContext(ctx, sq, nil, []float64{1}, GradientDescentOptions{LearningRate: 0, MaxIter: MaxLen, Tol: 0, KeepHistory: true, Literal: true})
			return err
		},
	}
}

// countdown is a context that becomes done at its n-th look (a call of Err).
// The cancellation then falls at a point counted in the operation's own
// looks, each after checkWork multiply-adds, rather than in time, so the
// tests below say the same on a fast machine and on a busy one.
type countdown struct {
	context.Context // Background's Deadline and Value
	left            atomic.Int64
	looks           atomic.Int64
	done            chan struct{}
}

func newCountdown(n int64) *countdown {
	c := &countdown{Context: context.Background(), done: make(chan struct{})}
	c.left.Store(n)
	return c
}

func (c *countdown) Done() <-chan struct{} { return c.done }

func (c *countdown) Err() error {
	c.looks.Add(1)
	if c.left.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// Each long operation stops at its first look at a done context: one more
// look per goroutine at most after the one that found it done.
func TestContextCancelStopsLongOperations(t *testing.T) {
	const before = 3
	for name, op := range contextOps() {
		t.Run(name, func(t *testing.T) {
			ctx := newCountdown(before)
			err := op(ctx)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("error %v, want one wrapping context.Canceled (finished in %d looks: input too small?)", err, ctx.looks.Load())
			}
			if !strings.HasSuffix(err.Error(), ": context canceled") {
				t.Errorf("error text %q, want \"op: context canceled\"", err)
			}
			if looks, most := ctx.looks.Load(), int64(before+1+MaxThreads()); looks > most {
				t.Errorf("%d looks at the context, want at most %d: the work went on after it was done", looks, most)
			}
		})
	}
}

func TestContextDoneBeforeTheCall(t *testing.T) {
	for name, op := range contextOps() {
		ctx := newCountdown(0)
		if err := op(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: error %v, want one wrapping context.Canceled", name, err)
		}
		if looks, most := ctx.looks.Load(), int64(1+MaxThreads()); looks > most {
			t.Errorf("%s: %d looks at a done context, want at most %d", name, looks, most)
		}
	}
}

// A live context changes nothing: the Context forms give the bits of the
// plain forms.
func TestContextFormsSameBits(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rng := rand.New(rand.NewSource(2))
	a := randMatrix(rng, 90, 70)
	sq := symmetricDominant(rng, 80)
	u1, s1, v1, err1 := SVD(a)
	u2, s2, v2, err2 := SVDContext(ctx, a)
	requireSameBits(t, "svd", err1, err2, u1.Data, u2.Data, s1, s2, v1.Data, v2.Data)
	w1, z1, err1 := Eigh(sq)
	w2, z2, err2 := EighContext(ctx, sq)
	requireSameBits(t, "eigh", err1, err2, w1, w2, z1.Data, z2.Data)
	i1, err1 := Inv(sq)
	i2, err2 := InvContext(ctx, sq)
	requireSameBits(t, "inv", err1, err2, i1.Data, i2.Data)
	m1, err1 := Matmul(a, tr(a))
	m2, err2 := MatmulContext(ctx, a, tr(a))
	requireSameBits(t, "matmul", err1, err2, m1.Data, m2.Data)
	p1, l1, q1, err1 := LU(a)
	p2, l2, q2, err2 := LUContext(ctx, a)
	requireSameBits(t, "lu", err1, err2, p1.Data, p2.Data, l1.Data, l2.Data, q1.Data, q2.Data)
	e1, f1, err1 := Eig(sq)
	e2, f2, err2 := EigContext(ctx, sq)
	if err1 != nil || err2 != nil {
		t.Fatalf("eig: errors %v, %v", err1, err2)
	}
	for i := range e1 {
		if e1[i] != e2[i] {
			t.Fatalf("eig: w[%d] %v != %v", i, e1[i], e2[i])
		}
	}
	for i := range f1.Data {
		if f1.Data[i] != f2.Data[i] {
			t.Fatalf("eig: V[%d] %v != %v", i, f1.Data[i], f2.Data[i])
		}
	}
}

// requireSameBits fails unless both errors are nil and each pair of slices holds the
// same bits.
func requireSameBits(t *testing.T, op string, err1, err2 error, pairs ...[]float64) {
	t.Helper()
	if err1 != nil || err2 != nil {
		t.Fatalf("%s: errors %v, %v", op, err1, err2)
	}
	for k := 0; k+1 < len(pairs); k += 2 {
		x, y := pairs[k], pairs[k+1]
		if len(x) != len(y) {
			t.Fatalf("%s: result %d has lengths %d and %d", op, k/2, len(x), len(y))
		}
		for i := range x {
			if math.Float64bits(x[i]) != math.Float64bits(y[i]) {
				t.Fatalf("%s: result %d differs at %d: %v != %v", op, k/2, i, x[i], y[i])
			}
		}
	}
}

// The parallel loops give the same bits on one thread and on two.
func TestMaxThreadsSameBits(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(2, runtime.GOMAXPROCS(0))))
	defer SetMaxThreads(SetMaxThreads(0))
	rng := rand.New(rand.NewSource(3))
	a := randMatrix(rng, 300, 260) // parallel Jacobi rounds, packed product blocks
	b := randMatrix(rng, 260, 300)
	X := randMatrix(rng, 3000, 20) // twelve row blocks
	sq, rhs := randMatrix(rng, 400, 400), randMatrix(rng, 400, 3)
	large, rhsL := randMatrix(rng, 700, 700), randMatrix(rng, 700, 2) // the look-ahead factorisation
	spd := symmetricDominant(rng, 600)                                // the recursive Cholesky's parallel products
	y := make([]float64, X.Rows)
	for i := range y {
		y[i] = float64(rng.Intn(2))
	}
	run := func(threads int) [][]float64 {
		SetMaxThreads(threads)
		if got := MaxThreads(); got != threads {
			t.Fatalf("MaxThreads() = %d after SetMaxThreads(%d)", got, threads)
		}
		u, s, vt, err := SVD(a)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Matmul(a, b)
		if err != nil {
			t.Fatal(err)
		}
		w, bias, losses, err := LogisticRegression(X, y, LogisticOptions{LearningRate: 0.1, MaxIter: 20})
		if err != nil {
			t.Fatal(err)
		}
		// The LU's updates and substitutions run their products in parts.
		inv, err := Inv(sq)
		if err != nil {
			t.Fatal(err)
		}
		x, err := Solve(sq, rhs)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Det(sq)
		if err != nil {
			t.Fatal(err)
		}
		xl, err := Solve(large, rhsL)
		if err != nil {
			t.Fatal(err)
		}
		dl, err := Det(large)
		if err != nil {
			t.Fatal(err)
		}
		ch, err := Cholesky(spd)
		if err != nil {
			t.Fatal(err)
		}
		q, r, err := QR(sq) // the blocked reflections' products
		if err != nil {
			t.Fatal(err)
		}
		ev, ez, err := Eigh(spd) // the reduction's products and row blocks
		if err != nil {
			t.Fatal(err)
		}
		return [][]float64{u.Data, s, vt.Data, c.Data, w, {bias}, losses, inv.Data, x.Data, {d}, xl.Data, {dl}, ch.Data, q.Data, r.Data, ev, ez.Data}
	}
	one, two := run(1), run(2)
	for k := range one {
		requireSameBits(t, "threads", nil, nil, one[k], two[k])
	}
}

func TestSetMaxThreads(t *testing.T) {
	defer SetMaxThreads(SetMaxThreads(0))
	if got := SetMaxThreads(1); got != 0 {
		t.Errorf("SetMaxThreads returned %d, want the previous limit 0", got)
	}
	if got := SetMaxThreads(-5); got != 1 {
		t.Errorf("SetMaxThreads returned %d, want the previous limit 1", got)
	}
	if got, want := MaxThreads(), runtime.GOMAXPROCS(0); got != want {
		t.Errorf("MaxThreads() = %d without a limit, want GOMAXPROCS %d", got, want)
	}
}

// forBlocks runs every block exactly once, whether the helper team is free
// or busy with another call (calls from several goroutines at once), with
// more blocks than threads and fewer, and the limit changed between calls.
func TestForBlocksEachBlockOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for it := 0; it < 200; it++ {
				nb, workers := 1+(it*7+g)%37, 1+(it+g)%5
				counts := make([]atomic.Int32, nb)
				forBlocks(nb, workers, func(k int) { counts[k].Add(1) })
				for k := range counts {
					if c := counts[k].Load(); c != 1 {
						t.Errorf("nb=%d workers=%d: block %d ran %d times", nb, workers, k, c)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// The team's helpers, once out of work, poll for helperSpin and then
// sleep; a job handed out to sleeping helpers wakes them and runs every
// block once. (The wait below is a bound on a liveness property, seconds
// against helperSpin's millisecond, not a measure of speed.)
func TestTeamHelpersSleep(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	for round := 0; round < 2; round++ {
		counts := make([]atomic.Int32, 64)
		forBlocks(len(counts), 3, func(k int) { counts[k].Add(1) })
		for k := range counts {
			if c := counts[k].Load(); c != 1 {
				t.Fatalf("round %d: block %d ran %d times", round, k, c)
			}
		}
		deadline := time.Now().Add(10 * time.Second)
		for !teamParked() {
			if time.Now().After(deadline) {
				t.Fatalf("round %d: the helpers still poll 10 s after their last job", round)
			}
			time.Sleep(time.Millisecond)
		}
	}
}

// teamParked reports whether the team has helpers and every one sleeps.
func teamParked() bool {
	team.mu.Lock()
	defer team.mu.Unlock()
	for _, h := range team.helpers {
		if !h.parked.Load() {
			return false
		}
	}
	return len(team.helpers) > 0
}
