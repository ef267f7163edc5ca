package twinmath

import (
	"errors"
	"math"
	"math/rand"
	"testing"
)

// The stacks of cond, matrix_power, diagonal, trace, matrix_transpose,
// matrix_norm and pinv with a cutoff per matrix join the table of
// TestDecompStackSameAsSingle: each matrix bit for bit as the single call,
// whatever the number of threads.
func init() {
	stackOps = append(stackOps,
		stackOp{"cond", false,
			func(a Stack) ([][]float64, error) { r, err := CondStack(a, 2); return [][]float64{r}, err },
			func(a Matrix) ([][]float64, error) { return one(Cond(a, 2)) }},
		stackOp{"cond 1", true,
			func(a Stack) ([][]float64, error) { r, err := CondStack(a, 1); return [][]float64{r}, err },
			func(a Matrix) ([][]float64, error) { return one(Cond(a, 1)) }},
		stackOp{"cond nuc", true,
			func(a Stack) ([][]float64, error) { r, err := CondNuclearStack(a); return [][]float64{r}, err },
			func(a Matrix) ([][]float64, error) { return one(CondNuclear(a)) }},
		stackOp{"matrix_power -3", true,
			func(a Stack) ([][]float64, error) { p, err := MatrixPowerStack(a, -3); return [][]float64{p.Data}, err },
			func(a Matrix) ([][]float64, error) { p, err := MatrixPower(a, -3); return [][]float64{p.Data}, err }},
	)
}

// nanStackOps are stacked operations that take NaN and Inf (they
// propagate them): TestDecompStackSameAsSingle's check without its errors.
var nanStackOps = []stackOp{
	stackOp{"matrix_norm nuc", false,
		func(a Stack) ([][]float64, error) {
			r, err := MatrixNormStack(a, 0, "nuc")
			return [][]float64{r}, err
		},
		func(a Matrix) ([][]float64, error) { return one(NuclearNorm(a)) }},
	stackOp{"matrix_norm -2", false,
		func(a Stack) ([][]float64, error) { r, err := MatrixNormStack(a, -2, ""); return [][]float64{r}, err },
		func(a Matrix) ([][]float64, error) { return one(MatrixNorm(a, -2)) }},
	stackOp{"trace 1", false,
		func(a Stack) ([][]float64, error) { r, err := TraceStack(a, 1); return [][]float64{r}, err },
		func(a Matrix) ([][]float64, error) { return one(TraceOffset(a, 1)) }},
	stackOp{"diagonal -1", false,
		func(a Stack) ([][]float64, error) { d, err := DiagonalStack(a, -1); return [][]float64{d.Data}, err },
		func(a Matrix) ([][]float64, error) { d, err := Diagonal(a, -1); return [][]float64{d}, err }},
	stackOp{"matrix_transpose", false,
		func(a Stack) ([][]float64, error) { m, err := MatrixTransposeStack(a); return [][]float64{m.Data}, err },
		func(a Matrix) ([][]float64, error) { m, err := MatrixTranspose(a); return [][]float64{m.Data}, err }},
}

func TestNaNStackSameAsSingle(t *testing.T) {
	rng := rand.New(rand.NewSource(9))
	defer SetMaxThreads(SetMaxThreads(1))
	for _, op := range nanStackOps {
		for _, dims := range [][2]int{{1, 1}, {3, 3}, {4, 2}, {2, 5}} {
			a := randomStack(rng, 3000, dims[0], dims[1], false)
			a.Data[7] = math.NaN()
			a.Data[len(a.Data)-1] = math.Inf(-1)
			SetMaxThreads(1)
			one, err := op.stack(a)
			if err != nil {
				t.Fatalf("%s %v: %v", op.name, dims, err)
			}
			for i := 0; i < a.Count; i += 97 {
				want, _ := op.single(a.At(i))
				k := len(want[0])
				if !sameBits(one[0][i*k:(i+1)*k], want[0]) {
					t.Fatalf("%s %v matrix %d: %v, the single form %v", op.name, dims, i, one[0][i*k:(i+1)*k], want[0])
				}
			}
			sameAcrossThreads(t, op.name, dims, a, op.stack, one)
		}
	}
}

// one is a scalar result as an entry of stackOps' tables.
func one(x float64, err error) ([][]float64, error) { return [][]float64{{x}}, err }

// stackOp is the type of an entry of stackOps.
type stackOp = struct {
	name   string
	square bool
	stack  func(a Stack) ([][]float64, error)
	single func(a Matrix) ([][]float64, error)
}

func TestPinvStackRconds(t *testing.T) {
	a, _ := NewStack(3, 2, 2)
	copy(a.Data, []float64{1, 0, 0, 1e-3, 1, 0, 0, 1e-3, 1, 0, 0, 1e-3})
	p, err := PinvStackRconds(a, []float64{0, 1e-2, 1e-4})
	if err != nil {
		t.Fatal(err)
	}
	for i, rc := range []float64{0, 1e-2, 1e-4} {
		want, _ := Pinv(a.At(i), rc)
		if !sameBits(p.At(i).Data, want.Data) {
			t.Errorf("matrix %d: %v, Pinv gives %v", i, p.At(i).Data, want.Data)
		}
	}
	if _, err := PinvStackRconds(a, []float64{0, 1}); !errors.Is(err, ErrShape) {
		t.Errorf("two cutoffs for three matrices: %v, want ErrShape", err)
	}
	_, err = PinvStackRconds(a, []float64{0, math.NaN(), 1})
	if i, ok := StackIndex(err); !errors.Is(err, ErrInvalid) || !ok || i != 1 {
		t.Errorf("a NaN cutoff: %v, want ErrInvalid naming matrix 1", err)
	}
}

func TestCondStackErrors(t *testing.T) {
	for _, tt := range []struct {
		a    Stack
		p    float64
		kind string
		want error
	}{
		{Stack{Count: 0, Rows: 2, Cols: 0}, 2, "", ErrShape}, // numpy refuses the shape, even with no matrices
		{Stack{Count: 2, Rows: 0, Cols: 0}, 1, "", ErrShape},
		{Stack{Count: 1, Rows: 2, Cols: 3, Stride: 6, Data: make([]float64, 6)}, 1, "", ErrShape},
		{Stack{Count: 1, Rows: 2, Cols: 3, Stride: 6, Data: make([]float64, 6)}, 0, "fro", ErrShape},
		{Stack{Count: 1, Rows: 2, Cols: 2, Stride: 4, Data: make([]float64, 4)}, 3, "", ErrInvalid},
		{Stack{Count: 1, Rows: 2, Cols: 2, Stride: 4, Data: make([]float64, 4)}, 0, "euclid", ErrInvalid},
	} {
		if _, err := condStack(nil, nil, tt.a, tt.p, tt.kind); !errors.Is(err, tt.want) {
			t.Errorf("cond of %d×%dx%d, p %v %q: %v, want %v", tt.a.Count, tt.a.Rows, tt.a.Cols, tt.p, tt.kind, err, tt.want)
		}
	}
	r, err := CondStack(Stack{Count: 0, Rows: 3, Cols: 3, Stride: 9}, 2)
	if err != nil || len(r) != 0 {
		t.Errorf("cond of no 3x3 matrices: %v, %v; want none", r, err)
	}
	a, _ := StackOf(Identity(2), Matrix{2, 2, []float64{1, 2, 2, 4}}, Matrix{2, 2, []float64{1, math.NaN(), 0, 1}})
	r, err = CondStack(Stack{Count: 2, Rows: 2, Cols: 2, Stride: 4, Data: a.Data[:8]}, 1)
	if err != nil || r[0] != 1 || !math.IsInf(r[1], 1) {
		t.Errorf("cond(I), cond(singular) = %v, %v; want 1, +Inf", r, err)
	}
	if _, err = CondStack(a, 1); err == nil || err.Error() != "cond: invalid input: x contains NaN or Inf (matrix 2 of the stack)" {
		t.Errorf("a NaN in matrix 2: %v", err)
	}
}

// CrossStack gives each pair's Cross bit for bit, whatever the number of
// threads, pairs a single vector with every vector of the other stack, and
// checks x1, then x2, then the counts.
func TestCrossStack(t *testing.T) {
	defer SetMaxThreads(SetMaxThreads(1))
	rng := rand.New(rand.NewSource(11))
	const count = 5000 // above runStack's one-goroutine size (16384/6)
	a, b := randomStack(rng, count, 1, 3, false), randomStack(rng, count, 1, 3, false)
	a.Data[7], b.Data[100] = math.NaN(), math.Inf(-1)
	single := randomStack(rng, 1, 1, 3, false)
	for _, th := range []int{1, 2, 3, 8} {
		SetMaxThreads(th)
		for _, pair := range [][2]Stack{{a, b}, {single, b}, {a, single}} {
			x, y := pair[0], pair[1]
			got, err := CrossStack(x, y)
			if err != nil {
				t.Fatal(err)
			}
			if got.Count != count || got.Rows != 1 || got.Cols != 3 {
				t.Fatalf("%d threads: %d matrices of %dx%d", th, got.Count, got.Rows, got.Cols)
			}
			for i := 0; i < count; i++ {
				want, _ := Cross(x.pick(i).Data, y.pick(i).Data)
				if !sameBits(got.At(i).Data, want) {
					t.Fatalf("%d threads, pair %d: %v, Cross gives %v", th, i, got.At(i).Data, want)
				}
			}
		}
	}
	empty, err := CrossStack(Stack{Rows: 1, Cols: 3, Stride: 3}, single)
	if err != nil || empty.Count != 0 || len(empty.Data) != 0 {
		t.Fatalf("empty stack: %+v, %v", empty, err)
	}
	// The result may overwrite an input.
	x := Stack{Count: 2, Rows: 1, Cols: 3, Stride: 3, Data: []float64{1, 2, 3, 4, 5, 6}}
	y := Stack{Count: 2, Rows: 1, Cols: 3, Stride: 3, Data: []float64{4, 5, 6, 1, 2, 3}}
	if err := CrossStackTo(x, x, y); err != nil || !sameBits(x.Data, []float64{-3, 6, -3, 3, -6, 3}) {
		t.Fatalf("in place: %v, %v", x.Data, err)
	}
	two := Stack{Count: 2, Rows: 1, Cols: 2, Stride: 2, Data: make([]float64, 4)}
	errs := []struct {
		a, b Stack
		want string
	}{
		{two, two, "cross: shape mismatch: input arrays must be (arrays of) 3-dimensional vectors, but x1's have 2 entries"},
		{a, two, "cross: shape mismatch: input arrays must be (arrays of) 3-dimensional vectors, but x2's have 2 entries"},
		{Stack{Count: 1, Rows: 3, Cols: 3, Stride: 9, Data: make([]float64, 9)}, a, "cross: shape mismatch: x1 is 1 matrices of 3x3, want rows (1x3)"},
		{a, Stack{Count: 2, Rows: 1, Cols: 3, Stride: 3, Data: make([]float64, 6)}, "cross: shape mismatch: stacks of 5000 and 2 matrices"},
	}
	for _, e := range errs {
		if _, err := CrossStack(e.a, e.b); err == nil || err.Error() != e.want || !errors.Is(err, ErrShape) {
			t.Errorf("got %v, want %q", err, e.want)
		}
	}
}
