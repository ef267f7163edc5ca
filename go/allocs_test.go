package twinmath

import (
	"context"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"
)

// The vector and matrix …To functions allocate nothing when their outputs do
// not overlap their inputs: a caller reusing its buffers in a loop makes no
// garbage. Sizes are small enough to stay on one goroutine and, for Matmul,
// below the blocked kernel's packing size.
func TestToFunctionsDoNotAllocate(t *testing.T) {
	a := []float64{1, 2, 3, 4}
	b := []float64{5, 6, 7, 8}
	dst := make([]float64, 4)
	m := Matrix{Rows: 2, Cols: 2, Data: []float64{1, 2, 3, 4}}
	n := Matrix{Rows: 2, Cols: 2, Data: []float64{5, 6, 7, 8}}
	out := NewMatrix(2, 2)
	w := NewMatrix(3, 2)
	wide := Matrix{Rows: 2, Cols: 3, Data: []float64{1, 2, 3, 4, 5, 6}}
	outer := NewMatrix(4, 4)
	for _, tt := range []struct {
		name string
		f    func() error
	}{
		{"AddTo", func() error { return AddTo(dst, a, b) }},
		{"SubtractTo", func() error { return SubtractTo(dst, a, b) }},
		{"ScaleTo", func() error { return ScaleTo(dst, a, 3) }},
		{"SigmoidTo", func() error { return SigmoidTo(dst, a) }},
		{"OuterTo", func() error { return OuterTo(outer, a, b) }},
		{"MatmulTo", func() error { return MatmulTo(out, m, n) }},
		{"TransposeTo", func() error { return TransposeTo(w, wide) }},
	} {
		if err := tt.f(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if allocs := testing.AllocsPerRun(100, func() { _ = tt.f() }); allocs != 0 {
			t.Errorf("%s: %v allocations per call, want 0", tt.name, allocs)
		}
	}
}

// allocCase is one call whose allocations are counted.
type allocCase struct {
	name string
	f    func() error
}

// wsProblem holds the inputs and outputs of the workspace tests at one
// size: a general square a, a symmetric positive definite spd, right-hand
// sides b, and a tall and a wide rectangle (the tall one at least 5/3 times
// as tall as wide, so that SVD and lstsq take their QR-first paths).
type wsProblem struct {
	n                 int
	a, spd, b         Matrix
	tall, wide, bTall Matrix
	bWide             Matrix
}

func newWSProblem(n int) wsProblem {
	rng := rand.New(rand.NewSource(int64(n)))
	p := wsProblem{n: n, a: randMatrix(rng, n, n), b: randMatrix(rng, n, 3)}
	p.spd = NewMatrix(n, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			p.spd.Data[i*n+j] = 1 / float64(1+i+j)
		}
		p.spd.Data[i*n+i] += float64(n)
	}
	h := max(n/2, 1)
	p.tall, p.wide = randMatrix(rng, 2*n, h), randMatrix(rng, h, n)
	p.bTall, p.bWide = randMatrix(rng, 2*n, 2), randMatrix(rng, h, 3)
	return p
}

// wsOutputs are the outputs of every workspace method for a problem.
type wsOutputs struct {
	det                          float64
	inv, sol, p, l, u, prod, chl Matrix
	q, r                         Matrix
	w, wl                        []float64
	v, vl                        Matrix
	su, svt, wu, wvt             Matrix
	ss, ws                       []float64
	pinv, lsT, lsW               Matrix
}

func newWSOutputs(p wsProblem) *wsOutputs {
	n, h := p.n, p.tall.Cols
	return &wsOutputs{
		inv: NewMatrix(n, n), sol: NewMatrix(n, 3), p: NewMatrix(n, n), l: NewMatrix(n, n), u: NewMatrix(n, n),
		prod: NewMatrix(n, n), chl: NewMatrix(n, n),
		q: NewMatrix(2*n, h), r: NewMatrix(h, h),
		w: make([]float64, n), wl: make([]float64, n), v: NewMatrix(n, n), vl: NewMatrix(n, n),
		su: NewMatrix(2*n, h), ss: make([]float64, h), svt: NewMatrix(h, h),
		wu: NewMatrix(h, h), ws: make([]float64, h), wvt: NewMatrix(h, n),
		pinv: NewMatrix(h, 2*n), lsT: NewMatrix(h, 2), lsW: NewMatrix(n, 3),
	}
}

// liveCtx can be cancelled but never is: the Context forms then look at it
// without allocating.
var liveCtx, _ = context.WithCancel(context.Background())

// wsCalls returns every workspace method on p, writing into o; ws may be
// nil (the plain functions).
func wsCalls(ws *Workspace, p wsProblem, o *wsOutputs) []allocCase {
	return []allocCase{
		{"Det", func() (err error) { o.det, err = ws.Det(p.a); return err }},
		{"InvTo", func() error { return ws.InvTo(o.inv, p.a) }},
		{"SolveTo", func() error { return ws.SolveTo(o.sol, p.a, p.b) }},
		{"LUTo", func() error { return ws.LUTo(o.p, o.l, o.u, p.a) }},
		{"MatmulTo", func() error { return ws.MatmulTo(o.prod, p.a, p.spd) }},
		{"CholeskyTo", func() error { return ws.CholeskyTo(o.chl, p.spd) }},
		{"QRTo", func() error { return ws.QRTo(o.q, o.r, p.tall) }},
		{"EighTo", func() error { return ws.EighTo(o.w, o.v, p.spd) }},
		{"EighLowerTo", func() error { return ws.EighLowerTo(o.wl, o.vl, p.a) }},
		{"SVDTo tall", func() error { return ws.SVDTo(o.su, o.ss, o.svt, p.tall) }},
		{"SVDTo wide", func() error { return ws.SVDTo(o.wu, o.ws, o.wvt, p.wide) }},
		{"PinvTo", func() error { return ws.PinvTo(o.pinv, p.tall, 1e-15) }},
		{"LstsqTo tall", func() error { return ws.LstsqTo(o.lsT, p.tall, p.bTall, -1) }},
		{"LstsqTo wide", func() error { return ws.LstsqTo(o.lsW, p.wide, p.bWide, -1) }},
		{"SolveToContext", func() error { return ws.SolveToContext(liveCtx, o.sol, p.a, p.b) }},
		{"SVDToContext", func() error { return ws.SVDToContext(liveCtx, o.su, o.ss, o.svt, p.tall) }},
	}
}

// The workspace forms of the decompositions allocate nothing once their
// workspace has grown (testing.AllocsPerRun makes one call before it
// counts), and neither do the vector and matrix …To functions nor the Rng
// To forms, at small and large sizes alike. SetMaxThreads(1): with more
// threads, the parallel paths (the packed product from about 128³
// multiply-adds, the rotations of large SVD and eigenvalue sweeps) start
// goroutines, which allocate.
func TestAllocsPerRunZero(t *testing.T) {
	defer SetMaxThreads(SetMaxThreads(1))
	for _, n := range []int{20, 300} {
		p := newWSProblem(n)
		var ws Workspace
		o := newWSOutputs(p)
		cases := wsCalls(&ws, p, o)
		// Outputs overlapping inputs: the copy of the input is scratch too.
		ov, ai := p.b.Clone(), p.a.Clone()
		cases = append(cases,
			allocCase{"SolveTo, dst = b", func() error { copy(ov.Data, p.b.Data); return ws.SolveTo(ov, p.a, ov) }},
			allocCase{"InvTo, dst = a", func() error { copy(ai.Data, p.a.Data); return ws.InvTo(ai, ai) }},
		)
		// The plain …To functions without scratch.
		x, y, dst := p.a.Data[:n], p.spd.Data[:n], make([]float64, n)
		outer, tr, prod := NewMatrix(n, n), NewMatrix(n, n), NewMatrix(n, n)
		rng := NewRng(1)
		ints := make([]int64, n)
		perm := make([]int, n)
		cases = append(cases,
			allocCase{"plain AddTo", func() error { return AddTo(dst, x, y) }},
			allocCase{"plain SubtractTo", func() error { return SubtractTo(dst, x, y) }},
			allocCase{"plain ScaleTo", func() error { return ScaleTo(dst, x, 3) }},
			allocCase{"plain ProjectTo", func() error { return ProjectTo(dst, x, y) }},
			allocCase{"plain OuterTo", func() error { return OuterTo(outer, x, y) }},
			allocCase{"plain TransposeTo", func() error { return TransposeTo(tr, p.a) }},
			allocCase{"plain DiagonalTo", func() error { return DiagonalTo(dst, p.a, 0) }},
			allocCase{"plain CrossTo", func() error { return CrossTo(dst[:3], x[:3], y[:3]) }},
			allocCase{"plain MatmulTo", func() error { return MatmulTo(prod, p.a, p.spd) }},
			allocCase{"plain CholeskyTo", func() error { return CholeskyTo(o.chl, p.spd) }},
			allocCase{"Rng.RandomTo", func() error { rng.RandomTo(dst); return nil }},
			allocCase{"Rng.NormalTo", func() error { rng.NormalTo(dst); return nil }},
			allocCase{"Rng.IntegersTo", func() error { return rng.IntegersTo(ints, -5, 5) }},
			allocCase{"Rng.PermutationTo", func() error { rng.PermutationTo(perm); return nil }},
		)
		for _, c := range cases {
			name := fmt.Sprintf("%s n=%d", c.name, n)
			if err := c.f(); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if raceEnabled && strings.HasPrefix(c.name, "plain ") {
				// Their scratch comes from a sync.Pool, which the race
				// detector empties at random; the call still runs above.
				continue
			}
			// One run counted: every allocation shows. The count is the
			// process's, and an allocation elsewhere can land in it now and
			// then (a garbage collection emptying the pool of the plain
			// products' packing buffers, the runtime's own goroutines), so a
			// case fails when three counts in a row are not zero: an
			// allocation of the call itself is in every count.
			allocs := 0.0
			for range 3 {
				if allocs = testing.AllocsPerRun(1, func() { _ = c.f() }); allocs == 0 {
					break
				}
			}
			if allocs != 0 {
				t.Errorf("%s: %v allocations per call, want 0", name, allocs)
			}
		}
	}
}

// TestStacksReuseScratch holds the stacked decompositions of many small
// matrices to a fixed number of allocations per call, whatever the number
// of matrices: each worker's scratch is reused from one matrix to the next
// (runStackScratch, or the functions' own workspace forms), so a stack of
// 3×3 matrices does not allocate per matrix.
func TestStacksReuseScratch(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's sync.Pool drops workspaces at random, so they are allocated anew")
	}
	defer SetMaxThreads(SetMaxThreads(1))
	rng := rand.New(rand.NewSource(1))
	const count = 500
	s, _ := NewStack(count, 3, 3)
	sym, _ := NewStack(count, 3, 3)
	for i := range s.Data {
		s.Data[i] = rng.NormFloat64()
	}
	for k := 0; k < count; k++ {
		for i := 0; i < 3; i++ {
			for j := 0; j < 3; j++ {
				sym.Data[k*9+i*3+j] = s.Data[k*9+i*3+j] + s.Data[k*9+j*3+i]
			}
		}
	}
	for _, c := range []allocCase{
		{"DetStack", func() error { _, err := DetStack(s); return err }},
		{"SlogdetStack", func() error { _, _, err := SlogdetStack(s); return err }},
		{"InvStack", func() error { _, err := InvStack(s); return err }},
		{"SVDStack", func() error { _, _, _, err := SVDStack(s); return err }},
		{"SvdvalsStack", func() error { _, err := SvdvalsStack(s); return err }},
		{"QRStack", func() error { _, _, err := QRStack(s); return err }},
		{"PinvStack", func() error { _, err := PinvStack(s, 1e-15); return err }},
		{"EighLowerStack", func() error { _, _, err := EighLowerStack(sym); return err }},
		{"EigvalshStack", func() error { _, err := EigvalshStack(sym); return err }},
		{"EigStack", func() error { _, _, _, err := EigStack(s); return err }},
		{"EigvalsStack", func() error { _, _, err := EigvalsStack(s); return err }},
		{"CondStack", func() error { _, err := CondStack(s, 2); return err }},
		{"CondFrobeniusStack", func() error { _, err := CondFrobeniusStack(s); return err }},
		{"MatrixNormStack", func() error { _, err := MatrixNormStack(s, 2, ""); return err }},
		{"MatrixPowerStack", func() error { _, err := MatrixPowerStack(s, 3); return err }},
	} {
		if err := c.f(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		// The results and a few buffers per call; one per matrix would be
		// 500. The least of three counts: a garbage collection that empties
		// the pool of workspaces between calls (the workers then grow new
		// ones, some tens of allocations) shows in one count, a per-matrix
		// allocation in all three.
		allocs := math.Inf(1)
		for range 3 {
			allocs = min(allocs, testing.AllocsPerRun(1, func() { _ = c.f() }))
		}
		if allocs > 40 {
			t.Errorf("%s: %v allocations for %d matrices, want at most 40", c.name, allocs, count)
		}
	}
}
