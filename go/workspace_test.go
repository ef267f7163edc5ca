package twinmath

import (
	"context"
	"errors"
	"math"
	"testing"
)

// all returns every output buffer, for comparisons.
func (o *wsOutputs) all() [][]float64 {
	return [][]float64{
		{o.det}, o.inv.Data, o.sol.Data, o.p.Data, o.l.Data, o.u.Data, o.prod.Data, o.chl.Data,
		o.q.Data, o.r.Data, o.w, o.wl, o.v.Data, o.vl.Data,
		o.su.Data, o.ss, o.svt.Data, o.wu.Data, o.ws, o.wvt.Data,
		o.pinv.Data, o.lsT.Data, o.lsW.Data,
	}
}

// inputs returns every input buffer of p.
func (p wsProblem) inputs() [][]float64 {
	return [][]float64{p.a.Data, p.spd.Data, p.b.Data, p.tall.Data, p.wide.Data, p.bTall.Data, p.bWide.Data}
}

func cloneAll(xs [][]float64) [][]float64 {
	out := make([][]float64, len(xs))
	for i, x := range xs {
		out[i] = append([]float64(nil), x...)
	}
	return out
}

// The workspace forms give the plain functions' results bit for bit, with
// one workspace reused across operations and sizes (growing, then serving
// a smaller call from its larger buffers), and leave their inputs alone.
func TestWorkspaceMatchesPlainFunctions(t *testing.T) {
	var ws Workspace
	for _, n := range []int{20, 300, 7} {
		p := newWSProblem(n)
		want := newWSOutputs(p)
		for _, c := range wsCalls(nil, p, want) {
			if err := c.f(); err != nil {
				t.Fatalf("plain %s n=%d: %v", c.name, n, err)
			}
		}
		before := cloneAll(p.inputs())
		for round := 0; round < 2; round++ {
			got := newWSOutputs(p)
			for _, c := range wsCalls(&ws, p, got) {
				if err := c.f(); err != nil {
					t.Fatalf("workspace %s n=%d: %v", c.name, n, err)
				}
			}
			for i, g := range got.all() {
				if !sameBits(g, want.all()[i]) {
					t.Errorf("n=%d round %d: output %d differs from the plain function's", n, round, i)
				}
			}
		}
		for i, in := range p.inputs() {
			if !sameBits(in, before[i]) {
				t.Errorf("n=%d: input %d was modified", n, i)
			}
		}
	}
}

// The Context forms give the same bits; a cancelled context stops the call
// with an error that wraps context.Canceled, and the workspace serves the
// next call correctly.
func TestWorkspaceContext(t *testing.T) {
	var ws Workspace
	p := newWSProblem(300)
	want, got := NewMatrix(300, 3), NewMatrix(300, 3)
	if err := SolveTo(want, p.a, p.b); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := ws.SolveToContext(ctx, got, p.a, p.b); err != nil || !sameBits(got.Data, want.Data) {
		t.Fatalf("SolveToContext: %v, same bits %v", err, sameBits(got.Data, want.Data))
	}
	cancel()
	if err := ws.SolveToContext(ctx, got, p.a, p.b); !errors.Is(err, context.Canceled) {
		t.Fatalf("SolveToContext, cancelled: %v, want context.Canceled", err)
	}
	u, s, vt := NewMatrix(600, 150), make([]float64, 150), NewMatrix(150, 150)
	if err := ws.SVDToContext(ctx, u, s, vt, p.tall); !errors.Is(err, context.Canceled) {
		t.Fatalf("SVDToContext, cancelled: %v, want context.Canceled", err)
	}
	if d, err := ws.DetContext(ctx, p.a); !errors.Is(err, context.Canceled) || d != 0 {
		t.Fatalf("DetContext, cancelled: %v, %v; want 0, context.Canceled", d, err)
	}
	clear(got.Data)
	if err := ws.SolveToContext(context.Background(), got, p.a, p.b); err != nil || !sameBits(got.Data, want.Data) {
		t.Fatalf("SolveToContext after a cancelled call: %v, same bits %v", err, sameBits(got.Data, want.Data))
	}
}

// A nil *Workspace is the plain functions.
func TestNilWorkspace(t *testing.T) {
	var ws *Workspace
	p := newWSProblem(20)
	want, got := newWSOutputs(p), newWSOutputs(p)
	for i, c := range wsCalls(ws, p, got) {
		if err := c.f(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		_ = wsCalls(nil, p, want)[i].f()
	}
	for i, g := range got.all() {
		if !sameBits(g, want.all()[i]) {
			t.Errorf("output %d differs", i)
		}
	}
	if d, err := ws.DetContext(context.Background(), p.a); err != nil || d != want.det {
		t.Errorf("DetContext: %v, %v", d, err)
	}
}

// A failing workspace call returns the plain function's error (the same
// text), Det its zero value, and the workspace stays usable.
func TestWorkspaceErrors(t *testing.T) {
	var ws Workspace
	sq, rect := NewMatrix(3, 3), NewMatrix(3, 2)
	sing := Matrix{Rows: 2, Cols: 2, Data: []float64{1, 2, 2, 4}}
	notSPD := Matrix{Rows: 2, Cols: 2, Data: []float64{1, 2, 2, 1}}
	bad := Matrix{Rows: 2, Cols: 2, Data: []float64{1, math.NaN(), 0, 1}}
	m22, m32 := NewMatrix(2, 2), NewMatrix(3, 2)
	v2 := make([]float64, 2)
	for _, tt := range []struct {
		name      string
		ws, plain func() error
		is        error
	}{
		{"Det shape", func() error { d, err := ws.Det(rect); return zeroOr(d, err) }, func() error { _, err := Det(rect); return err }, ErrShape},
		{"Det NaN", func() error { d, err := ws.Det(bad); return zeroOr(d, err) }, func() error { _, err := Det(bad); return err }, ErrInvalid},
		{"InvTo singular", func() error { return ws.InvTo(m22, sing) }, func() error { return InvTo(m22, sing) }, ErrSingular},
		{"SolveTo rows", func() error { return ws.SolveTo(m32, sing, m32) }, func() error { return SolveTo(m32, sing, m32) }, ErrShape},
		{"LUTo NaN", func() error { return ws.LUTo(m22, m22, m22, bad) }, func() error { return LUTo(m22, m22, m22, bad) }, ErrInvalid},
		{"MatmulTo shape", func() error { return ws.MatmulTo(m22, m22, rect) }, func() error { return MatmulTo(m22, m22, rect) }, ErrShape},
		{"CholeskyTo", func() error { return ws.CholeskyTo(m22, notSPD) }, func() error { return CholeskyTo(m22, notSPD) }, ErrNotPositiveDefinite},
		{"QRTo shape", func() error { return ws.QRTo(m22, m22, rect) }, func() error { return QRTo(m22, m22, rect) }, ErrShape},
		{"EighTo symmetric", func() error { return ws.EighTo(v2, m22, notSPD.withEntry(0, 1, 5)) }, func() error { return EighTo(v2, m22, notSPD.withEntry(0, 1, 5)) }, ErrInvalid},
		{"EighLowerTo shape", func() error { return ws.EighLowerTo(v2, m22, sq) }, func() error { return EighLowerTo(v2, m22, sq) }, ErrShape},
		{"SVDTo NaN", func() error { return ws.SVDTo(m22, v2, m22, bad) }, func() error { return SVDTo(m22, v2, m22, bad) }, ErrInvalid},
		{"PinvTo rcond", func() error { return ws.PinvTo(m22, sing, -1) }, func() error { return PinvTo(m22, sing, -1) }, ErrInvalid},
		{"LstsqTo rows", func() error { return ws.LstsqTo(m22, sing, m32, -1) }, func() error { return LstsqTo(m22, sing, m32, -1) }, ErrShape},
	} {
		got, want := tt.ws(), tt.plain()
		if got == nil || want == nil || got.Error() != want.Error() || !errors.Is(got, tt.is) {
			t.Errorf("%s: workspace %v, plain %v, want both %v", tt.name, got, want, tt.is)
		}
	}
	// Still usable.
	if d, err := ws.Det(sq.withEntry(0, 0, 2).withEntry(1, 1, 3).withEntry(2, 2, 4)); err != nil || d != 24 {
		t.Errorf("Det after errors: %v, %v", d, err)
	}
}

// zeroOr returns err, or a complaint when a failing call did not return the
// zero value beside it.
func zeroOr(d float64, err error) error {
	if err != nil && d != 0 {
		return errors.New("non-zero value beside an error")
	}
	return err
}

// withEntry returns a copy of m with entry (i, j) set to v.
func (m Matrix) withEntry(i, j int, v float64) Matrix {
	c := m.Clone()
	c.Set(i, j, v)
	return c
}

// The workspace forms honour overlapping outputs and inputs as the plain
// …To functions do.
func TestWorkspaceOverlappingOutputs(t *testing.T) {
	ws := new(Workspace)
	checkOverlaps(t, []toCase{
		{"ws.MatmulTo", []int{9}, []int{9, 9}, nil, func(o, i [][]float64) error { return ws.MatmulTo(mat(3, 3, o[0]), mat(3, 3, i[0]), mat(3, 3, i[1])) }},
		{"ws.InvTo", []int{9}, []int{9}, nil, func(o, i [][]float64) error { return ws.InvTo(mat(3, 3, o[0]), mat(3, 3, i[0])) }},
		{"ws.SolveTo", []int{6}, []int{9, 6}, nil, func(o, i [][]float64) error { return ws.SolveTo(mat(3, 2, o[0]), mat(3, 3, i[0]), mat(3, 2, i[1])) }},
		{"ws.CholeskyTo", []int{9}, []int{9}, spdFill(3), func(o, i [][]float64) error { return ws.CholeskyTo(mat(3, 3, o[0]), mat(3, 3, i[0])) }},
		{"ws.LUTo", []int{9, 9, 12}, []int{12}, nil, func(o, i [][]float64) error {
			return ws.LUTo(mat(3, 3, o[0]), mat(3, 3, o[1]), mat(3, 4, o[2]), mat(3, 4, i[0]))
		}},
		{"ws.QRTo", []int{6, 4}, []int{6}, nil, func(o, i [][]float64) error { return ws.QRTo(mat(3, 2, o[0]), mat(2, 2, o[1]), mat(3, 2, i[0])) }},
		{"ws.SVDTo", []int{6, 2, 4}, []int{6}, nil, func(o, i [][]float64) error {
			return ws.SVDTo(mat(3, 2, o[0]), o[1], mat(2, 2, o[2]), mat(3, 2, i[0]))
		}},
		{"ws.PinvTo", []int{6}, []int{6}, nil, func(o, i [][]float64) error { return ws.PinvTo(mat(2, 3, o[0]), mat(3, 2, i[0]), 1e-15) }},
		{"ws.LstsqTo", []int{4}, []int{6, 6}, nil, func(o, i [][]float64) error { return ws.LstsqTo(mat(2, 2, o[0]), mat(3, 2, i[0]), mat(3, 2, i[1]), -1) }},
		{"ws.EighTo", []int{3, 9}, []int{9}, spdFill(3), func(o, i [][]float64) error { return ws.EighTo(o[0], mat(3, 3, o[1]), mat(3, 3, i[0])) }},
		{"ws.EighLowerTo", []int{3, 9}, []int{9}, nil, func(o, i [][]float64) error { return ws.EighLowerTo(o[0], mat(3, 3, o[1]), mat(3, 3, i[0])) }},
	})
}
