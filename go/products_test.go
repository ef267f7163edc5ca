package twinmath

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"testing"
)

func init() {
	vectorOps["matrix_power"] = func(c *vcase) (any, error) {
		if c.ndim("a") > 2 {
			a, lead := c.stack("a")
			p, err := MatrixPowerStack(a, int(c.num("n")))
			return stackResult{p.Data, append(lead, a.Rows, a.Cols)}, err
		}
		return MatrixPower(c.mat("a"), int(c.num("n")))
	}
	vectorOps["multi_dot"] = func(c *vcase) (any, error) {
		var ms []Matrix
		for i := 0; ; i++ {
			name := fmt.Sprintf("A%d", i)
			if _, ok := c.Args[name]; !ok {
				break
			}
			ms = append(ms, c.mat(name))
		}
		// A vector first is a row; c.mat made it a column.
		first := c.ndim("A0") == 1
		if first {
			ms[0].Rows, ms[0].Cols = 1, ms[0].Rows
		}
		p, err := MultiDot(ms)
		switch {
		case err != nil:
			return nil, err
		case first && c.ndim(fmt.Sprintf("A%d", len(ms)-1)) == 1:
			return p.Data[0], nil
		case first:
			return p.Data, nil
		}
		return p, nil
	}
	vectorOps["cross"] = func(c *vcase) (any, error) {
		if c.ndim("x1") == 1 && c.ndim("x2") == 1 {
			return Cross(c.vec("x1"), c.vec("x2"))
		}
		return vectorCrossStack(c)
	}
}

func TestMatrixPower(t *testing.T) {
	a := Matrix{2, 2, []float64{1, 2, 3, 4}}
	tests := []struct {
		n    int
		want []float64
	}{
		{0, []float64{1, 0, 0, 1}},
		{1, []float64{1, 2, 3, 4}},
		{2, []float64{7, 10, 15, 22}},
		{3, []float64{37, 54, 81, 118}},
		{5, []float64{1069, 1558, 2337, 3406}},
		// numpy.linalg.matrix_power(a, -3), exact in binary.
		{-3, []float64{-14.75, 6.75, 10.125, -4.625}},
	}
	for _, tt := range tests {
		got, err := MatrixPower(a, tt.n)
		if err != nil {
			t.Fatalf("MatrixPower(a, %d): %v", tt.n, err)
		}
		for i := range got.Data {
			if !within(got.Data[i], tt.want[i], 64*eps*math.Abs(tt.want[i])) {
				t.Errorf("MatrixPower(a, %d) = %v, want %v", tt.n, got.Data, tt.want)
				break
			}
		}
	}
	// A power by repeated squaring against the plain product.
	rng := rand.New(rand.NewSource(5))
	b := randMatrix(rng, 4, 4)
	plain := Identity(4)
	for k := 1; k <= 13; k++ {
		plain, _ = Matmul(plain, b)
		got, _ := MatrixPower(b, k)
		for i := range got.Data {
			if math.Abs(got.Data[i]-plain.Data[i]) > 1e-10*(1+math.Abs(plain.Data[i])) {
				t.Fatalf("MatrixPower(b, %d)[%d] = %v, want %v", k, i, got.Data[i], plain.Data[i])
			}
		}
	}
	if got, err := MatrixPower(Matrix{0, 0, nil}, -2); err != nil || got.Rows != 0 {
		t.Errorf("MatrixPower(0x0, -2) = %v, %v", got, err)
	}
	if got, err := MatrixPower(Matrix{1, 1, []float64{math.NaN()}}, 0); err != nil || got.Data[0] != 1 {
		t.Errorf("MatrixPower(NaN, 0) = %v, %v; want identity", got, err)
	}
	for _, bad := range []struct {
		a    Matrix
		n    int
		want error
	}{
		{Matrix{1, 2, []float64{1, 2}}, 2, ErrShape},
		{Matrix{2, 2, []float64{1, 2, 2, 4}}, -1, ErrSingular},
		{Matrix{1, 1, []float64{math.NaN()}}, -1, ErrInvalid},
	} {
		if _, err := MatrixPower(bad.a, bad.n); !errors.Is(err, bad.want) {
			t.Errorf("MatrixPower(%v, %d): error %v, want %v", bad.a, bad.n, err, bad.want)
		}
	}
}

func TestChainOrder(t *testing.T) {
	// CLRS 15.2: dimensions 30 35 15 5 10 20 25, best ((A1(A2A3))((A4A5)A6)).
	p := []int{30, 35, 15, 5, 10, 20, 25}
	ms := make([]Matrix, len(p)-1)
	for i := range ms {
		ms[i] = NewMatrix(p[i], p[i+1])
	}
	split := chainOrder(ms)
	if split[0][5] != 2 || split[0][2] != 0 || split[3][5] != 4 {
		t.Errorf("split = %v, want the cuts 2, 0 and 4", split)
	}
}

func TestMultiDot(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	dims := []int{3, 9, 2, 7, 4}
	ms := make([]Matrix, len(dims)-1)
	for i := range ms {
		ms[i] = randMatrix(rng, dims[i], dims[i+1])
	}
	got, err := MultiDot(ms)
	if err != nil {
		t.Fatal(err)
	}
	want := ms[0]
	for _, m := range ms[1:] {
		want, _ = Matmul(want, m)
	}
	for i := range want.Data {
		if math.Abs(got.Data[i]-want.Data[i]) > 1e-12*(1+math.Abs(want.Data[i])) {
			t.Fatalf("MultiDot[%d] = %v, want %v", i, got.Data[i], want.Data[i])
		}
	}
	if _, err := MultiDot(ms[:1]); !errors.Is(err, ErrInvalid) {
		t.Errorf("MultiDot of one matrix: error %v, want ErrInvalid", err)
	}
	if _, err := MultiDot([]Matrix{ms[0], ms[0]}); !errors.Is(err, ErrShape) {
		t.Errorf("MultiDot of 3x9·3x9: error %v, want ErrShape", err)
	}
	if got, err := MultiDot([]Matrix{NewMatrix(2, 0), NewMatrix(0, 3)}); err != nil || len(got.Data) != 6 || got.Data[0] != 0 {
		t.Errorf("MultiDot(2x0, 0x3) = %v, %v; want zeros", got, err)
	}
}

func TestCross(t *testing.T) {
	got, err := Cross([]float64{1, 2, 3}, []float64{4, 5, 6})
	if err != nil || got[0] != -3 || got[1] != 6 || got[2] != -3 {
		t.Errorf("Cross = %v, %v; want [-3 6 -3]", got, err)
	}
	if _, err := Cross([]float64{1, 2}, []float64{4, 5, 6}); !errors.Is(err, ErrShape) {
		t.Errorf("Cross of a 2-vector: error %v, want ErrShape", err)
	}
}

// vectorCrossStack runs a stacked cross case as the Python front does:
// the vectors' axis of each argument moves to the end, the leading shapes
// broadcast, and the result's last axis moves back to the axis.
func vectorCrossStack(c *vcase) (any, error) {
	axis := int(c.opt("axis", -1))
	operand := func(name string) (Stack, []int) {
		shape := c.Shapes[name]
		nd := len(shape)
		k := axis
		if k < 0 {
			k += nd
		}
		perm := append(others([]int{k}, nd), k)
		data, moved := permuted(Tensor{Shape: shape, Data: c.flatArg(name)}, perm)
		lead := moved[:nd-1]
		return Stack{Count: prod(lead), Rows: 1, Cols: shape[k], Stride: shape[k], Data: data}, lead
	}
	a, la := operand("x1")
	b, lb := operand("x2")
	lead, ok := broadcastLead(la, lb)
	if !ok {
		c.t.Fatalf("case %d: leading shapes %v and %v do not broadcast", c.ID, la, lb)
	}
	p, err := CrossStack(spread(a, la, lead), spread(b, lb, lead))
	if err != nil {
		return nil, err
	}
	nd := len(lead) + 1
	k := axis
	if k < 0 {
		k += nd
	}
	perm := make([]int, 0, nd) // the last axis to k, the others in order
	for i := 0; i < nd-1; i++ {
		if i == k {
			perm = append(perm, nd-1)
		}
		perm = append(perm, i)
	}
	if k == nd-1 {
		perm = append(perm, nd-1)
	}
	data, shape := permuted(Tensor{Shape: append(append([]int(nil), lead...), 3), Data: p.Data}, perm)
	return stackResult{data, shape}, nil
}
