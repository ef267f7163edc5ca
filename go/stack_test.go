package twinmath

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"
)

func TestStackCheck(t *testing.T) {
	bad := []Stack{
		{Count: -1, Rows: 2, Cols: 2, Stride: 4},
		{Count: 1, Rows: 2, Cols: 2, Stride: 3, Data: make([]float64, 4)},
		{Count: 2, Rows: 2, Cols: 2, Stride: 4, Data: make([]float64, 7)},
		{Count: math.MaxInt, Rows: 1 << 40, Cols: 1 << 40, Stride: 1},
		{Count: math.MaxInt, Rows: 1, Cols: 1, Stride: math.MaxInt},
	}
	for _, s := range bad {
		if _, err := DetStack(s); err == nil {
			t.Errorf("DetStack(%d, %d, %d, %d) accepted", s.Count, s.Rows, s.Cols, s.Stride)
		}
	}
	if _, err := NewStack(math.MaxInt, 2, 2); !errors.Is(err, ErrInvalid) {
		t.Errorf("NewStack(MaxInt, 2, 2) = %v", err)
	}
}

func TestDetStack(t *testing.T) {
	a := Stack{Count: 3, Rows: 2, Cols: 2, Stride: 5, Data: []float64{
		2, 0, 0, 3, 99,
		1, 2, 2, 4, 99,
		1, 2, 3, 4,
	}}
	got, err := DetStack(a)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < a.Count; i++ {
		want, _ := Det(a.At(i))
		if got[i] != want {
			t.Errorf("det %d = %v, want %v", i, got[i], want)
		}
	}
	if e, _ := DetStack(Stack{Rows: 3, Cols: 3}); len(e) != 0 {
		t.Errorf("empty stack gave %v", e)
	}
}

// The results and the failing index do not depend on the number of threads.
func TestDetStackThreads(t *testing.T) {
	const count, n = 5000, 4
	s, _ := NewStack(count, n, n)
	for i := range s.Data {
		s.Data[i] = float64((i*7919)%13) - 6
	}
	// Two bad matrices: the first one (by index) is reported.
	s.Data[3100*n*n] = math.NaN()
	s.Data[4700*n*n] = math.NaN()
	defer SetMaxThreads(SetMaxThreads(1))
	_, err1 := DetStack(s)
	good := Stack{Count: 3000, Rows: n, Cols: n, Stride: n * n, Data: s.Data}
	d1, _ := DetStack(good)
	for _, th := range []int{2, 3, 8} {
		SetMaxThreads(th)
		_, err := DetStack(s)
		if i, ok := StackIndex(err); !ok || i != 3100 || err.Error() != err1.Error() || !errors.Is(err, ErrInvalid) {
			t.Errorf("%d threads: %v, want %v", th, err, err1)
		}
		d, _ := DetStack(good)
		for i := range d {
			if math.Float64bits(d[i]) != math.Float64bits(d1[i]) {
				t.Fatalf("%d threads: det %d = %v, one thread %v", th, i, d[i], d1[i])
			}
		}
	}
}

func TestDetStackContext(t *testing.T) {
	s, _ := NewStack(20000, 8, 8)
	for i := 0; i < s.Count; i++ {
		for j := 0; j < 8; j++ {
			s.Data[i*64+j*9] = 1
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := DetStackContext(ctx, s)
	if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "det: ") {
		t.Errorf("cancelled: %v", err)
	}
	if _, ok := StackIndex(err); ok {
		t.Errorf("a cancellation names a matrix: %v", err)
	}
}

func BenchmarkDetStack3x3(b *testing.B) {
	s, _ := NewStack(10000, 3, 3)
	for i := range s.Data {
		s.Data[i] = float64((i*7919)%13) - 6
	}
	dst := make([]float64, s.Count)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := DetStackTo(dst, s); err != nil {
			b.Fatal(err)
		}
	}
}

// ---- the shared vectors' stacked cases ----------------------------------------

// stackResult is a stacked result for the vector tests: values and numpy's shape.
type stackResult struct {
	data  []float64
	shape []int
}

// stack returns argument name, of shape (..., m, n), as a packed stack and
// its leading shape.
func (c *vcase) stack(name string) (Stack, []int) {
	v, _, err := tree(c.arg(name))
	if err != nil {
		c.t.Fatalf("case %d: argument %s: %v", c.ID, name, err)
	}
	shape := c.Shapes[name]
	k := len(shape)
	if k < 2 {
		c.t.Fatalf("case %d: argument %s has shape %v", c.ID, name, shape)
	}
	lead := append([]int(nil), shape[:k-2]...)
	m, n := shape[k-2], shape[k-1]
	return Stack{Count: prod(lead), Rows: m, Cols: n, Stride: m * n, Data: v}, lead
}

func prod(dims []int) int {
	p := 1
	for _, d := range dims {
		p *= d
	}
	return p
}

// broadcastLead returns numpy's broadcast of two leading shapes, or false.
func broadcastLead(a, b []int) ([]int, bool) {
	n := max(len(a), len(b))
	out := make([]int, n)
	for i := 1; i <= n; i++ {
		x, y := 1, 1
		if i <= len(a) {
			x = a[len(a)-i]
		}
		if i <= len(b) {
			y = b[len(b)-i]
		}
		switch {
		case x == y || y == 1:
			out[n-i] = x
		case x == 1:
			out[n-i] = y
		default:
			return nil, false
		}
	}
	return out, true
}

// spread returns s (of leading shape lead) with its matrices repeated to
// the leading shape to, as numpy's broadcast_to, packed; a single matrix
// stays one (the …Stack functions pair it with every matrix).
func spread(s Stack, lead, to []int) Stack {
	if s.Count == 1 || fmt.Sprint(lead) == fmt.Sprint(to) {
		return s
	}
	out, _ := NewStack(prod(to), s.Rows, s.Cols)
	idx := make([]int, len(to))
	for i := 0; i < out.Count; i++ {
		// The index of matrix i of out in s: dimensions of 1 stay at 0.
		j, stride := 0, 1
		for d := len(to) - 1; d >= 0; d-- {
			if e := d - (len(to) - len(lead)); e >= 0 && lead[e] != 1 {
				j += idx[d] * stride
			}
			if e := d - (len(to) - len(lead)); e >= 0 {
				stride *= lead[e]
			}
		}
		copy(out.Data[i*out.Stride:], s.At(j).Data)
		for d := len(to) - 1; d >= 0; d-- {
			if idx[d]++; idx[d] < to[d] {
				break
			}
			idx[d] = 0
		}
	}
	return out
}

// vectorSolveStack runs a stacked solve case as numpy states it: a 1-D b is
// one vector for every matrix of A, else (..., n, k) broadcast with A.
func vectorSolveStack(c *vcase) (any, error) {
	a, la := c.stack("A")
	var b Stack
	var lb []int
	vector := c.ndim("b") == 1
	if vector {
		v := c.vec("b")
		b = Stack{Count: 1, Rows: len(v), Cols: 1, Stride: len(v), Data: v}
	} else {
		b, lb = c.stack("b")
	}
	lead, ok := broadcastLead(la, lb)
	if !ok {
		c.t.Fatalf("case %d: leading shapes %v and %v do not broadcast", c.ID, la, lb)
	}
	x, err := SolveStack(spread(a, la, lead), spread(b, lb, lead))
	shape := append(append([]int(nil), lead...), b.Rows)
	if !vector {
		shape = append(shape, b.Cols)
	}
	return stackResult{x.Data, shape}, err
}

// vectorMatmulStack runs a matmul case with a stack or a 1-D A as numpy
// states it: a 1-D A is one row, a 1-D B one column, dropped from the
// result; leading dimensions broadcast.
func vectorMatmulStack(c *vcase) (any, error) {
	operand := func(name string, row bool) (Stack, []int, bool) {
		if c.ndim(name) == 1 {
			v := c.vec(name)
			if row {
				return Stack{Count: 1, Rows: 1, Cols: len(v), Stride: len(v), Data: v}, nil, false
			}
			return Stack{Count: 1, Rows: len(v), Cols: 1, Stride: len(v), Data: v}, nil, false
		}
		s, lead := c.stack(name)
		return s, lead, true
	}
	a, la, keepM := operand("A", true)
	b, lb, keepP := operand("B", false)
	lead, ok := broadcastLead(la, lb)
	if !ok {
		c.t.Fatalf("case %d: leading shapes %v and %v do not broadcast", c.ID, la, lb)
	}
	p, err := MatmulStack(spread(a, la, lead), spread(b, lb, lead))
	shape := append([]int(nil), lead...)
	if keepM {
		shape = append(shape, a.Rows)
	}
	if keepP {
		shape = append(shape, b.Cols)
	}
	if len(shape) == 0 && err == nil {
		return p.Data[0], nil
	}
	return stackResult{p.Data, shape}, err
}

func benchStack(b *testing.B, n int) Stack {
	s, _ := NewStack(10000, n, n)
	for i := range s.Data {
		s.Data[i] = float64((i*7919)%13) - 6
	}
	for i := 0; i < s.Count; i++ {
		for j := 0; j < n; j++ {
			s.Data[i*n*n+j*(n+1)] += 20 // diagonally dominant: never singular
		}
	}
	b.ResetTimer()
	return s
}

func BenchmarkInvStack3x3(b *testing.B) {
	s := benchStack(b, 3)
	dst, _ := NewStack(s.Count, 3, 3)
	for i := 0; i < b.N; i++ {
		if err := InvStackTo(dst, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSolveStack3x3(b *testing.B) {
	s := benchStack(b, 3)
	rhs, _ := NewStack(s.Count, 3, 1)
	dst, _ := NewStack(s.Count, 3, 1)
	for i := 0; i < b.N; i++ {
		if err := SolveStackTo(dst, s, rhs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatmulStack3x3(b *testing.B) {
	s := benchStack(b, 3)
	dst, _ := NewStack(s.Count, 3, 3)
	for i := 0; i < b.N; i++ {
		if err := MatmulStackTo(dst, s, s); err != nil {
			b.Fatal(err)
		}
	}
}

// Every stacked operation gives the same bits, and names the same failing
// matrix, with one goroutine and with many.
func TestStackThreadsSameBits(t *testing.T) {
	const count, n = 3000, 5
	a, _ := NewStack(count, n, n)
	b, _ := NewStack(count, n, 2)
	for i := range a.Data {
		a.Data[i] = float64((i*7919)%23)/7 - 1.5
	}
	for i := range b.Data {
		b.Data[i] = float64((i*104729)%17) - 8
	}
	bad := Stack{Count: a.Count, Rows: n, Cols: n, Stride: n * n, Data: append([]float64(nil), a.Data...)}
	clear(bad.Data[1700*n*n : 1701*n*n]) // singular
	clear(bad.Data[2900*n*n : 2901*n*n])
	run := func() (outs [][]float64, errs []string) {
		d, err1 := DetStack(a)
		s, l, err2 := SlogdetStack(a)
		x, err3 := InvStack(a)
		y, err4 := SolveStack(a, b)
		p, err5 := MatmulStack(a, b)
		for _, err := range []error{err1, err2, err3, err4, err5} {
			if err != nil {
				t.Fatal(err)
			}
		}
		_, e1 := InvStack(bad)
		_, e2 := SolveStack(bad, b)
		return [][]float64{d, s, l, x.Data, y.Data, p.Data}, []string{e1.Error(), e2.Error()}
	}
	defer SetMaxThreads(SetMaxThreads(1))
	want, wantErrs := run()
	if wantErrs[0] != "inv: singular matrix (matrix 1700 of the stack)" {
		t.Errorf("one thread: %q", wantErrs[0])
	}
	for _, th := range []int{2, 3, 7, 64} {
		SetMaxThreads(th)
		got, errs := run()
		for k := range want {
			for i := range want[k] {
				if math.Float64bits(got[k][i]) != math.Float64bits(want[k][i]) {
					t.Fatalf("%d threads: result %d, value %d is %v, one thread %v", th, k, i, got[k][i], want[k][i])
				}
			}
		}
		if fmt.Sprint(errs) != fmt.Sprint(wantErrs) {
			t.Errorf("%d threads: %q, one thread %q", th, errs, wantErrs)
		}
	}
}

// The batched call computes each matrix as the single-matrix call does.
func TestStackIsEachMatrix(t *testing.T) {
	a, _ := NewStack(40, 4, 4)
	b, _ := NewStack(40, 4, 3)
	for i := range a.Data {
		a.Data[i] = float64((i*7919)%23)/7 - 1.5
	}
	for i := range b.Data {
		b.Data[i] = float64((i*31)%11) - 5
	}
	x, err1 := InvStack(a)
	y, err2 := SolveStack(a, b)
	p, err3 := MatmulStack(a, b)
	s, l, err4 := SlogdetStack(a)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatal(err)
	}
	same := func(what string, i int, got, want []float64) {
		for k := range want {
			if math.Float64bits(got[k]) != math.Float64bits(want[k]) {
				t.Fatalf("%s %d: %v, single call %v", what, i, got, want)
			}
		}
	}
	for i := 0; i < a.Count; i++ {
		xi, _ := Inv(a.At(i))
		yi, _ := Solve(a.At(i), b.At(i))
		pi, _ := Matmul(a.At(i), b.At(i))
		si, li, _ := Slogdet(a.At(i))
		same("inv", i, x.At(i).Data, xi.Data)
		same("solve", i, y.At(i).Data, yi.Data)
		same("matmul", i, p.At(i).Data, pi.Data)
		same("slogdet", i, []float64{s[i], l[i]}, []float64{si, li})
	}
	// A single matrix pairs with every matrix of the other stack.
	one := Stack{Count: 1, Rows: 4, Cols: 4, Stride: 16, Data: a.Data[:16]}
	y1, err := SolveStack(one, b)
	if err != nil || y1.Count != b.Count {
		t.Fatalf("SolveStack(one, b): %v, %d results", err, y1.Count)
	}
	for i := 0; i < b.Count; i++ {
		yi, _ := Solve(a.At(0), b.At(i))
		same("solve(one)", i, y1.At(i).Data, yi.Data)
	}
	if _, err := MatmulStack(Stack{Count: 2, Rows: 4, Cols: 4, Stride: 16, Data: a.Data[:32]}, Stack{Count: 3, Rows: 4, Cols: 3, Stride: 12, Data: b.Data[:36]}); !errors.Is(err, ErrShape) {
		t.Errorf("counts 2 and 3: %v", err)
	}
}

// Empty stacks give empty results; 0×0 matrices those of numpy.
func TestStackEmpty(t *testing.T) {
	none := Stack{Rows: 3, Cols: 3, Stride: 9}
	if d, err := DetStack(none); err != nil || len(d) != 0 {
		t.Errorf("DetStack(0 of 3x3) = %v, %v", d, err)
	}
	if x, err := InvStack(none); err != nil || x.Count != 0 || x.Rows != 3 {
		t.Errorf("InvStack(0 of 3x3) = %+v, %v", x, err)
	}
	zeros := Stack{Count: 2}
	if d, err := DetStack(zeros); err != nil || len(d) != 2 || d[0] != 1 || d[1] != 1 {
		t.Errorf("DetStack(2 of 0x0) = %v, %v, want [1 1]", d, err)
	}
	if s, l, err := SlogdetStack(zeros); err != nil || s[0] != 1 || l[0] != 0 {
		t.Errorf("SlogdetStack(2 of 0x0) = %v, %v, %v", s, l, err)
	}
	if x, err := InvStack(zeros); err != nil || x.Count != 2 || len(x.Data) != 0 {
		t.Errorf("InvStack(2 of 0x0) = %+v, %v", x, err)
	}
	if y, err := SolveStack(zeros, Stack{Count: 2, Rows: 0, Cols: 3}); err != nil || y.Count != 2 || y.Cols != 3 {
		t.Errorf("SolveStack(2 of 0x0, 2 of 0x3) = %+v, %v", y, err)
	}
}

// A …StackTo whose dst overlaps its input reads the input as it was.
func TestStackToAliased(t *testing.T) {
	a, _ := NewStack(50, 3, 3)
	for i := range a.Data {
		a.Data[i] = float64((i*7919)%23)/7 - 1.5
	}
	want, _ := InvStack(a)
	// dst shifted by one matrix over a: without a copy, matrix i would read a
	// matrix another one has already overwritten.
	buf := append(append([]float64(nil), make([]float64, 9)...), a.Data...)
	src := Stack{Count: 50, Rows: 3, Cols: 3, Stride: 9, Data: buf[9:]}
	dst := Stack{Count: 50, Rows: 3, Cols: 3, Stride: 9, Data: buf[:450]}
	if err := InvStackTo(dst, src); err != nil {
		t.Fatal(err)
	}
	for i := range want.Data {
		if math.Float64bits(dst.Data[i]) != math.Float64bits(want.Data[i]) {
			t.Fatalf("value %d: %v, want %v", i, dst.Data[i], want.Data[i])
		}
	}
}

// The narrow products of a stack (fewer than narrowCols columns) keep the
// single call's bits with a broadcast matrix on either side and with strides
// beyond Rows·Cols, on one goroutine and on several.
func TestMatmulStackNarrowIsEachMatrix(t *testing.T) {
	rng := rand.New(rand.NewSource(21))
	stack := func(count, rows, cols, pad int) Stack {
		stride := rows*cols + pad
		return Stack{Count: count, Rows: rows, Cols: cols, Stride: stride, Data: randMatrix(rng, 1, count*stride).Data}
	}
	for _, shape := range [][3]int{{3, 3, 3}, {2, 5, 1}, {4, 1, 2}, {1, 7, 3}} {
		m, n, p := shape[0], shape[1], shape[2]
		pairs := [][2]Stack{
			{stack(300, m, n, 2), stack(1, n, p, 0)},
			{stack(1, m, n, 0), stack(300, n, p, 1)},
			{stack(300, m, n, 1), stack(300, n, p, 3)},
		}
		for _, threads := range []int{1, 3} {
			prev := SetMaxThreads(threads)
			for _, pair := range pairs {
				x, y := pair[0], pair[1]
				got, err := MatmulStack(x, y)
				if err != nil {
					t.Fatal(err)
				}
				for i := 0; i < got.Count; i++ {
					want, _ := Matmul(x.pick(i), y.pick(i))
					for k, w := range want.Data {
						if math.Float64bits(got.At(i).Data[k]) != math.Float64bits(w) {
							t.Fatalf("%v threads=%d matrix %d: %v, single call %v", shape, threads, i, got.At(i).Data, want.Data)
						}
					}
				}
			}
			SetMaxThreads(prev)
		}
	}
}
