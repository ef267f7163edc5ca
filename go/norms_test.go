package twinmath

import (
	"math"
	"slices"
	"testing"
)

func init() {
	vectorOps["vector_norm"] = func(c *vcase) (any, error) {
		if _, ok := c.Args["axis"]; ok {
			shape := c.Shapes["x"]
			axis := int(c.num("axis"))
			r, err := NormAxis(c.flatArg("x"), shape, axis, c.opt("ord", 2))
			if axis < 0 {
				axis += len(shape)
			}
			out := slices.Clone(shape[:axis])
			if raw, ok := c.Args["keepdims"]; ok && string(raw) == "true" {
				out = append(out, 1)
			}
			return stackResult{r, append(out, shape[axis+1:]...)}, err
		}
		return VectorNorm(c.flatArg("x"), c.opt("ord", 2))
	}
	vectorOps["matrix_norm"] = func(c *vcase) (any, error) {
		if c.ndim("x") > 2 {
			a, lead := c.stack("x")
			ord, kind := c.normOrd("ord", 0, "fro")
			r, err := MatrixNormStack(a, ord, kind)
			return stackResult{r, lead}, err
		}
		a := c.mat("x")
		if _, ok := c.Args["ord"]; !ok {
			return FrobeniusNorm(a)
		}
		return matrixNormCase(c, a, "ord")
	}
	vectorOps["diagonal"] = func(c *vcase) (any, error) {
		if c.ndim("x") > 2 {
			a, lead := c.stack("x")
			d, err := DiagonalStack(a, int(c.opt("offset", 0)))
			return stackResult{d.Data, append(lead, d.Cols)}, err
		}
		return Diagonal(c.mat("x"), int(c.opt("offset", 0)))
	}
	vectorOps["matrix_transpose"] = func(c *vcase) (any, error) {
		if c.ndim("x") > 2 {
			a, lead := c.stack("x")
			t, err := MatrixTransposeStack(a)
			return stackResult{t.Data, append(lead, a.Cols, a.Rows)}, err
		}
		return MatrixTranspose(c.mat("x"))
	}
}

func TestVectorNorm(t *testing.T) {
	inf := math.Inf(1)
	tests := []struct {
		v         []float64
		ord, want float64
		tol       float64
	}{
		{[]float64{3, -4, 0}, 2, 5, 0},
		{[]float64{3, -4, 0}, 1, 7, 0},
		{[]float64{3, -4, 0}, inf, 4, 0},
		{[]float64{3, -4, 0}, -inf, 0, 0},
		{[]float64{3, -4, 0}, 0, 2, 0},
		// numpy.linalg.vector_norm with these ords.
		{[]float64{3, -4, 0}, 0.5, 13.928203230275509, 8 * eps},
		{[]float64{3, -4, 1}, -1, 0.6315789473684211, 8 * eps},
		{[]float64{3, -4}, 3, 4.497941445275415, 8 * eps},
		{[]float64{3, -4, 0}, -1, 0, 0},
		{[]float64{inf, 2}, -1, 2, 0},
		{[]float64{inf, 2}, 3, inf, 0},
		{[]float64{math.NaN(), 2}, 3, math.NaN(), 0},
		{nil, 3, 0, 0},
		{nil, -3, inf, 0},
		{nil, -inf, inf, 0},
		// Scaled: 1e300³ would overflow, 1e-300⁻¹ too.
		{[]float64{1e300, 1e300}, 3, 1e300 * math.Cbrt(2), 8 * eps},
		{[]float64{1e-300, 1e-300}, -1, 0.5e-300, 8 * eps},
	}
	for _, tt := range tests {
		got, err := VectorNorm(tt.v, tt.ord)
		if err != nil || !alike(got, tt.want) && !within(got, tt.want, tt.tol*math.Abs(tt.want)) {
			t.Errorf("VectorNorm(%v, %v) = %v, %v; want %v", tt.v, tt.ord, got, err, tt.want)
		}
	}
	if _, err := VectorNorm([]float64{1}, math.NaN()); err == nil {
		t.Error("VectorNorm with ord NaN: no error")
	}
}

func TestDiagonal(t *testing.T) {
	a := Matrix{2, 3, []float64{1, 2, 3, 4, 5, 6}}
	tests := []struct {
		offset int
		want   []float64
	}{
		{0, []float64{1, 5}}, {1, []float64{2, 6}}, {2, []float64{3}}, {3, []float64{}},
		{-1, []float64{4}}, {-2, []float64{}},
	}
	for _, tt := range tests {
		got, err := Diagonal(a, tt.offset)
		if err != nil || len(got) != len(tt.want) {
			t.Errorf("Diagonal(a, %d) = %v, %v; want %v", tt.offset, got, err, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Diagonal(a, %d) = %v; want %v", tt.offset, got, tt.want)
			}
		}
	}
	if tr, _ := MatrixTranspose(a); tr.Rows != 3 || tr.At(2, 1) != 6 {
		t.Errorf("MatrixTranspose = %v", tr)
	}
}

// normOrd returns the order of a matrix norm a case's argument name gives,
// as the Stack functions take it: kind "fro" or "nuc" (p kept), or the
// number with kind "" — (p, kind) when the case leaves the argument out.
func (c *vcase) normOrd(name string, p float64, kind string) (float64, string) {
	if _, ok := c.Args[name]; !ok {
		return p, kind
	}
	if k := c.str(name); k == "fro" || k == "nuc" {
		return p, k
	}
	return c.num(name), ""
}

// matrixNormCase runs the matrix norm a case's argument ord names: "fro",
// "nuc" or a number.
func matrixNormCase(c *vcase, a Matrix, ord string) (any, error) {
	switch c.str(ord) {
	case "fro":
		return FrobeniusNorm(a)
	case "nuc":
		return NuclearNorm(a)
	}
	return MatrixNorm(a, c.num(ord))
}
