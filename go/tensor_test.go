package twinmath

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"slices"
	"testing"
)

func init() {
	vectorOps["tensorsolve"] = func(c *vcase) (any, error) {
		var axes []int
		if _, ok := c.Args["axes"]; ok {
			axes = c.ints("axes")
		}
		return Tensorsolve(c.tensor("a"), c.tensor("b"), axes)
	}
	vectorOps["tensorinv"] = func(c *vcase) (any, error) {
		return Tensorinv(c.tensor("a"), int(c.opt("ind", 2)))
	}
	vectorOps["tensordot"] = func(c *vcase) (any, error) {
		a, b := c.tensor("a"), c.tensor("b")
		if _, ok := c.Args["axes"]; !ok {
			return TensordotN(a, b, 2)
		}
		if c.ndim("axes") == 0 {
			return TensordotN(a, b, int(c.num("axes")))
		}
		axes := c.ints("axes") // two rows: a's axes, then b's
		return Tensordot(a, b, axes[:len(axes)/2], axes[len(axes)/2:])
	}
}

// tensor returns argument name as a Tensor of the shape the file gives.
func (c *vcase) tensor(name string) Tensor {
	return Tensor{Shape: slices.Clone(c.Shapes[name]), Data: c.flatArg(name)}
}

// ints returns the values of argument name as ints.
func (c *vcase) ints(name string) []int {
	v := c.flatArg(name)
	out := make([]int, len(v))
	for i, x := range v {
		out[i] = int(x)
	}
	return out
}

func randTensor(rng *rand.Rand, shape ...int) Tensor {
	t := Tensor{Shape: shape, Data: make([]float64, product(shape))}
	for i := range t.Data {
		t.Data[i] = rng.NormFloat64()
	}
	return t
}

// naiveTensorDot sums over the last n axes of a and the first n of b by
// walking every index.
func naiveTensorDot(a, b Tensor, n int) Tensor {
	free := a.Shape[:len(a.Shape)-n]
	k := product(a.Shape[len(a.Shape)-n:])
	rest := b.Shape[n:]
	m, p := product(free), product(rest)
	out := Tensor{Shape: append(slices.Clone(free), rest...), Data: make([]float64, m*p)}
	for i := range m {
		for j := range p {
			var s float64
			for l := range k {
				s += a.Data[i*k+l] * b.Data[l*p+j]
			}
			out.Data[i*p+j] = s
		}
	}
	return out
}

func TestTensordot(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	a, b := randTensor(rng, 2, 3, 4), randTensor(rng, 3, 4, 5)
	got, err := TensordotN(a, b, 2)
	want := naiveTensorDot(a, b, 2)
	if err != nil || !slices.Equal(got.Shape, []int{2, 5}) {
		t.Fatalf("TensordotN: shape %v, %v", got.Shape, err)
	}
	for i := range want.Data {
		if !within(got.Data[i], want.Data[i], 16*eps) {
			t.Errorf("TensordotN[%d] = %v, want %v", i, got.Data[i], want.Data[i])
		}
	}
	// The same sum with the axes named, and with b's axes permuted.
	bt := Tensor{Shape: []int{4, 3, 5}}
	bt.Data, _ = permuted(b, []int{1, 0, 2})
	got2, err := Tensordot(a, bt, []int{2, -2}, []int{0, 1})
	if err != nil || !slices.Equal(got2.Shape, got.Shape) {
		t.Fatalf("Tensordot with the axes named: %v, %v", got2.Shape, err)
	}
	for i := range want.Data {
		if !within(got2.Data[i], want.Data[i], 16*eps) {
			t.Errorf("Tensordot[%d] = %v, want %v", i, got2.Data[i], want.Data[i])
		}
	}
	// axes 0: the outer product; a 0-D result for vectors and axes 1.
	o, _ := TensordotN(Tensor{Shape: []int{2}, Data: []float64{1, 2}}, Tensor{Shape: []int{2}, Data: []float64{3, 4}}, 0)
	if !slices.Equal(o.Data, []float64{3, 4, 6, 8}) || !slices.Equal(o.Shape, []int{2, 2}) {
		t.Errorf("outer: %v", o)
	}
	d, _ := TensordotN(Tensor{Shape: []int{2}, Data: []float64{1, 2}}, Tensor{Shape: []int{2}, Data: []float64{3, 4}}, 1)
	if !slices.Equal(d.Data, []float64{11}) || len(d.Shape) != 0 {
		t.Errorf("dot: %v", d)
	}
}

func TestTensorErrors(t *testing.T) {
	m22 := Tensor{Shape: []int{2, 2}, Data: []float64{1, 2, 3, 4}}
	tests := []struct {
		err  error
		want string
	}{
		{second(TensordotN(m22, m22, -1)), "tensordot: invalid input: axes must be a non-negative integer, got -1"},
		{second(TensordotN(m22, m22, 3)), "tensordot: invalid input: axes is 3, more than the dimensions of a (2) or b (2)"},
		{second(Tensordot(m22, m22, []int{1}, nil)), "tensordot: shape mismatch: shape-mismatch for sum: 1 axes of a but 0 of b"},
		{second(Tensordot(m22, m22, []int{2}, []int{0})), "tensordot: invalid input: axis 2 is out of bounds for a of 2 dimensions"},
		{second(Tensordot(m22, m22, []int{1, 1}, []int{0, 0})), "tensordot: invalid input: duplicate axes are not allowed: axis 1 of a is summed twice"},
		{second(Tensordot(m22, Tensor{Shape: []int{3}, Data: make([]float64, 3)}, []int{1}, []int{0})),
			"tensordot: shape mismatch: shape-mismatch for sum: axis 1 of a has length 2, axis 0 of b 3"},
		{second(Tensordot(Tensor{Shape: []int{2}, Data: nil}, m22, nil, nil)), "tensordot: shape mismatch: a has 0 values, its shape (2,) holds 2"},
		{second(Tensorinv(m22, 0)), "tensorinv: invalid input: ind must be a positive integer, got 0"},
		{second(Tensorinv(Tensor{Shape: []int{2, 3, 6}, Data: make([]float64, 36)}, 1)),
			"tensorinv: shape mismatch: a of shape (2, 3, 6) with ind 1 is not square: prod(a.shape[ind:]) is 18, prod(a.shape[:ind]) 2"},
		{second(Tensorinv(Tensor{Shape: []int{0, 0}, Data: nil}, 1)), "tensorinv: invalid input: a is empty"},
		{second(Tensorinv(Tensor{Shape: []int{2, 2}, Data: []float64{1, 2, 2, 4}}, 1)), "tensorinv: singular matrix"},
		{second(Tensorsolve(Tensor{Shape: []int{2, 3, 6}, Data: make([]float64, 36)}, Tensor{Shape: []int{6}, Data: make([]float64, 6)}, nil)),
			"tensorsolve: shape mismatch: a of shape (2, 3, 6) (its axes moved) must hold prod(a.shape[b.ndim:])² values for b of 1 dimensions, got 36 and 18"},
		{second(Tensorsolve(m22, Tensor{Shape: []int{2}, Data: []float64{1, 2}}, []int{-1})),
			"tensorsolve: invalid input: axes[0] is -1, not an axis of a, which has 2 dimensions"},
		{second(Tensorsolve(Tensor{Shape: []int{2, 2, 4}, Data: make([]float64, 16)}, Tensor{Shape: []int{2, 1}, Data: make([]float64, 2)}, nil)),
			"tensorsolve: shape mismatch: b has 2 values but the unknowns of shape (4,) are 4"},
		{second(Tensorsolve(Tensor{Shape: []int{2, 2}, Data: []float64{1, 2, 2, 4}}, Tensor{Shape: []int{2}, Data: []float64{1, 2}}, nil)),
			"tensorsolve: singular matrix"},
	}
	for _, tt := range tests {
		if tt.err == nil || tt.err.Error() != tt.want {
			t.Errorf("got %v, want %q", tt.err, tt.want)
		}
	}
	if !errors.Is(tests[len(tests)-1].err, ErrSingular) {
		t.Error("tensorsolve of a singular system: not ErrSingular")
	}
}

func TestTensorsolveInv(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	a := randTensor(rng, 2, 3, 2, 3)
	x := randTensor(rng, 2, 3)
	b, _ := TensordotN(a, x, 2)
	got, err := Tensorsolve(a, b, nil)
	if err != nil || !slices.Equal(got.Shape, x.Shape) {
		t.Fatalf("Tensorsolve: %v, %v", got.Shape, err)
	}
	for i := range x.Data {
		if !within(got.Data[i], x.Data[i], 1e-10) {
			t.Errorf("x[%d] = %v, want %v", i, got.Data[i], x.Data[i])
		}
	}
	ai, err := Tensorinv(a, 2)
	if err != nil {
		t.Fatal(err)
	}
	x2, _ := TensordotN(ai, b, 2)
	for i := range x.Data {
		if !within(x2.Data[i], x.Data[i], 1e-10) {
			t.Errorf("tensorinv: x[%d] = %v, want %v", i, x2.Data[i], x.Data[i])
		}
	}
	// Inputs are not modified.
	before := slices.Clone(a.Data)
	_, _ = Tensorsolve(a, b, []int{0, 2})
	if !slices.Equal(before, a.Data) {
		t.Error("Tensorsolve modified a")
	}
}

func ExampleTensordot() {
	a := Tensor{Shape: []int{2, 2}, Data: []float64{1, 2, 3, 4}}
	b := Tensor{Shape: []int{2, 2}, Data: []float64{5, 6, 7, 8}}
	c, _ := TensordotN(a, b, 1) // the matrix product
	d, _ := Tensordot(a, b, []int{0, 1}, []int{0, 1})
	fmt.Println(c.Shape, c.Data, d.Shape, d.Data)
	// Output: [2 2] [19 22 43 50] [] [70]
}

// normAxisCase runs a norm case with an axis: NormAxis for one axis, the
// matrix norms for a pair ((1, 0) is the transpose: column and row sums
// swap), shaped as numpy's keepdims says.
func normAxisCase(c *vcase) (any, error) {
	var keep bool
	if raw, ok := c.Args["keepdims"]; ok {
		keep = string(raw) == "true"
	}
	shape := c.Shapes["v"]
	if c.ndim("axis") == 0 {
		axis := int(c.num("axis"))
		r, err := NormAxis(c.flatArg("v"), shape, axis, c.num("ord"))
		if err != nil {
			return nil, err
		}
		if axis < 0 {
			axis += len(shape)
		}
		out := slices.Clone(shape[:axis])
		if keep {
			out = append(out, 1)
		}
		out = append(out, shape[axis+1:]...)
		if len(out) == 0 {
			return r[0], nil
		}
		return Tensor{Shape: out, Data: r}, nil
	}
	axes := c.ints("axis")
	if len(axes) == 2 && len(shape) > 2 {
		return normPairCase(c, shape, axes, keep)
	}
	if len(axes) != 2 || len(shape) != 2 {
		c.t.Fatalf("case %d: axes %v of shape %v", c.ID, axes, shape)
	}
	a := c.mat("v")
	var r float64
	var err error
	switch c.str("ord") {
	case "fro":
		r, err = FrobeniusNorm(a)
	case "nuc":
		r, err = NuclearNorm(a)
	default:
		ord := c.num("ord")
		if (axes[0]+2)%2 == 1 && math.Abs(ord) != 2 {
			ord = map[float64]float64{1: math.Inf(1), -1: math.Inf(-1), math.Inf(1): 1, math.Inf(-1): -1}[ord]
		}
		r, err = MatrixNorm(a, ord)
	}
	if err != nil || !keep {
		return r, err
	}
	return Tensor{Shape: []int{1, 1}, Data: []float64{r}}, nil
}

func TestNormAxis(t *testing.T) {
	// numpy.linalg.norm(x, ord, axis) of x = arange(24).reshape(2, 3, 4) − 11.
	x := make([]float64, 24)
	for i := range x {
		x[i] = float64(i) - 11
	}
	shape := []int{2, 3, 4}
	got, err := NormAxis(x, shape, 1, 1)
	want := []float64{21, 18, 15, 12, 15, 18, 21, 24}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("NormAxis(ord 1, axis 1) = %v, %v; want %v", got, err, want)
	}
	got, _ = NormAxis(x, shape, -1, math.Inf(1))
	if want := []float64{11, 7, 3, 4, 8, 12}; !slices.Equal(got, want) {
		t.Errorf("NormAxis(ord inf, axis -1) = %v; want %v", got, want)
	}
	for _, tt := range []struct {
		err  error
		want string
	}{
		{second(NormAxis(x, shape, 3, 2)), "norm: invalid input: axis 3 is out of bounds for v of 3 dimensions"},
		{second(NormAxis(x, shape, 0, math.NaN())), "norm: invalid input: ord must be a number, got nan"},
		{second(NormAxis(x[:5], shape, 0, 2)), "norm: shape mismatch: v has 5 values, its shape (2, 3, 4) holds 24"},
	} {
		if tt.err == nil || tt.err.Error() != tt.want {
			t.Errorf("got %v, want %q", tt.err, tt.want)
		}
	}
}

func TestLstsqFull(t *testing.T) {
	// numpy.linalg.lstsq([[1, 0], [1, 1], [1, 2]], [1, 2, 2]):
	// x = [7/6, 1/2], residuals [1/6], rank 2, s = [2.6762432, 0.91527173].
	a := Matrix{Rows: 3, Cols: 2, Data: []float64{1, 0, 1, 1, 1, 2}}
	b := Matrix{Rows: 3, Cols: 1, Data: []float64{1, 2, 2}}
	r, err := LstsqFull(a, b, -1)
	if err != nil || r.Rank != 2 || len(r.Residuals) != 1 || !within(r.Residuals[0], 1.0/6, 1e-14) ||
		!within(r.X.Data[0], 7.0/6, 1e-14) || !within(r.S[1], 0.91527173, 1e-8) {
		t.Errorf("LstsqFull = %+v, %v", r, err)
	}
	// Rank-deficient: no residuals, as numpy's.
	r, err = LstsqFull(Matrix{Rows: 2, Cols: 2, Data: []float64{1, 1, 1, 1}}, Matrix{Rows: 2, Cols: 1, Data: []float64{1, 2}}, -1)
	if err != nil || r.Rank != 1 || len(r.Residuals) != 0 {
		t.Errorf("LstsqFull of a singular A = %+v, %v", r, err)
	}
}

func TestTraceOffset(t *testing.T) {
	a := Matrix{Rows: 2, Cols: 3, Data: []float64{1, 2, 3, 4, 5, 6}}
	// numpy.trace(arange(1, 7).reshape(2, 3), k) for k = -3 … 3.
	want := map[int]float64{-3: 0, -2: 0, -1: 4, 0: 6, 1: 8, 2: 3, 3: 0, math.MinInt: 0, math.MaxInt: 0}
	for k, w := range want {
		if got, err := TraceOffset(a, k); got != w || err != nil {
			t.Errorf("TraceOffset(a, %d) = %v, %v; want %v", k, got, err, w)
		}
	}
	if _, err := TraceOffset(Matrix{Rows: 2, Cols: 2}, 0); !errors.Is(err, ErrShape) {
		t.Errorf("TraceOffset of an inconsistent matrix: %v", err)
	}
}

// normPairCase is norm over the axis pair axes of an array of more than two
// dimensions: the pair moved to the end in its order (numpy's stacked
// matrices), the matrices' norms by MatrixNormStack.
func normPairCase(c *vcase, shape, axes []int, keep bool) (any, error) {
	nd := len(shape)
	for i := range axes {
		if axes[i] < 0 {
			axes[i] += nd
		}
	}
	var others []int
	for k := range shape {
		if k != axes[0] && k != axes[1] {
			others = append(others, k)
		}
	}
	strides := make([]int, nd)
	for k, st := nd-1, 1; k >= 0; k-- {
		strides[k], st = st, st*shape[k]
	}
	x := c.flatArg("v")
	m, n := shape[axes[0]], shape[axes[1]]
	count := 1
	for _, k := range others {
		count *= shape[k]
	}
	a, _ := NewStack(count, m, n)
	idx := make([]int, len(others))
	for i := 0; i < count; i++ {
		base := 0
		for j, k := range others {
			base += idx[j] * strides[k]
		}
		for r := 0; r < m; r++ {
			for q := 0; q < n; q++ {
				a.Data[i*m*n+r*n+q] = x[base+r*strides[axes[0]]+q*strides[axes[1]]]
			}
		}
		for j := len(idx) - 1; j >= 0; j-- { // the next index of the others, in C order
			if idx[j]++; idx[j] < shape[others[j]] {
				break
			}
			idx[j] = 0
		}
	}
	ord, kind := 0.0, c.str("ord")
	if kind != "fro" && kind != "nuc" {
		ord, kind = c.num("ord"), ""
	}
	r, err := MatrixNormStack(a, ord, kind)
	var out []int
	for k := range shape {
		switch {
		case k == axes[0] || k == axes[1]:
			if keep {
				out = append(out, 1)
			}
		default:
			out = append(out, shape[k])
		}
	}
	return stackResult{r, out}, err
}
