package twinmath

import (
	"fmt"
	"math"
	"math/rand"
	"testing"
)

func init() {
	vectorOps["lu"] = func(c *vcase) (any, error) {
		p, l, u, err := LU(c.mat("A"))
		return []any{p, l, u}, err
	}
	vectorOps["qr"] = func(c *vcase) (any, error) {
		q, r, err := QR(c.mat("A"))
		return []any{q, r}, err
	}
	vectorOps["cholesky"] = func(c *vcase) (any, error) { return Cholesky(c.mat("A")) }
	vectorOps["svd"] = func(c *vcase) (any, error) {
		u, s, vt, err := SVD(c.mat("A"))
		return []any{u, s, vt}, err
	}
	vectorOps["truncated_svd"] = func(c *vcase) (any, error) {
		u, s, vt, ak, err := TruncatedSVD(c.mat("A"), int(c.num("k")))
		return []any{u, s, vt, ak}, err
	}
	vectorOps["pinv"] = func(c *vcase) (any, error) { return Pinv(c.mat("A"), c.num("rcond")) }
	vectorOps["lstsq"] = func(c *vcase) (any, error) {
		rcond := -1.0 // None: numpy's default
		if raw, ok := c.Args["rcond"]; ok && string(raw) != "null" {
			rcond = c.num("rcond")
		}
		return Lstsq(c.mat("A"), c.mat("b"), rcond)
	}
	vectorOps["matrix_rank"] = func(c *vcase) (any, error) { return MatrixRank(c.mat("A")) }
	vectorOps["pca"] = func(c *vcase) (any, error) {
		comp, ev, proj, err := PCA(c.mat("X"), int(c.num("k")))
		return []any{comp, ev, proj}, err
	}
}

// The residual checks of LAPACK's test suite: each ratio, in units of
// max(m, n)·ε and of the norm of A, must stay below 30 (its THRESH).
const thresh = 30

func mulMat(a, b Matrix) Matrix {
	c, err := Matmul(a, b)
	if err != nil {
		panic(err)
	}
	return c
}

func tr(a Matrix) Matrix {
	t, _ := Transpose(a)
	return t
}

func subMat(a, b Matrix) Matrix {
	c := a.Clone()
	for i := range c.Data {
		c.Data[i] -= b.Data[i]
	}
	return c
}

func fro(a Matrix) float64 { return norm2(a.Data) }

// orthoRatio returns ‖QᵀQ − I‖_F/(n·ε) for the columns of q.
func orthoRatio(q Matrix, n int) float64 {
	return fro(subMat(mulMat(tr(q), q), Identity(q.Cols))) / (float64(n) * eps)
}

// scaledAlike returns copies of a and f both scaled by the power of two
// that powerOfTwoScale picks for a, so that the residual of a against a
// product with the factor f does not overflow (1e300·1e300).
func scaledAlike(a, f Matrix) (Matrix, Matrix) {
	e := powerOfTwoScale(a.Data)
	as, fs := a.Clone(), f.Clone()
	scaleBy(as.Data, e)
	scaleBy(fs.Data, e)
	return as, fs
}

// residRatio returns ‖A − B‖_F/(n·ε·‖A‖_F) (0 when both are zero).
func residRatio(a, b Matrix) float64 {
	d := fro(subMat(a, b))
	if d == 0 {
		return 0
	}
	return d / (float64(max(a.Rows, a.Cols)) * eps * fro(a))
}

func diag(s []float64) Matrix {
	d := NewMatrix(len(s), len(s))
	for i, v := range s {
		d.Data[i*len(s)+i] = v
	}
	return d
}

// families returns the test matrices: random of several shapes and the
// structured families of LAPACK's tests.
func families() map[string]Matrix {
	rng := rand.New(rand.NewSource(7))
	f := map[string]Matrix{}
	for _, s := range [][2]int{{1, 1}, {2, 2}, {5, 5}, {9, 4}, {4, 9}, {30, 30}, {40, 13}, {13, 40}, {1, 6}, {6, 1}} {
		f[fmt.Sprintf("random %dx%d", s[0], s[1])] = randMatrix(rng, s[0], s[1])
	}
	f["identity"] = Identity(5)
	f["zero"] = NewMatrix(4, 3)
	f["diagonal"] = diag([]float64{3, -1, 4, 1, -5})
	f["repeated diagonal"] = diag([]float64{2, 2, 2, 1, 1})
	// Rank 2: the product of 6×2 and 2×5 random matrices.
	f["rank 2"] = mulMat(randMatrix(rng, 6, 2), randMatrix(rng, 2, 5))
	h := NewMatrix(8, 8)
	for i := 0; i < 8; i++ {
		for j := 0; j < 8; j++ {
			h.Data[i*8+j] = 1 / float64(i+j+1)
		}
	}
	f["hilbert 8"] = h
	g := randMatrix(rng, 6, 6)
	for i := 0; i < 6; i++ {
		for j := 0; j < 6; j++ {
			g.Data[i*6+j] *= math.Pow(10, float64(60*(i-3)+5*j)) // 1e-180 … 1e150
		}
	}
	f["graded"] = g
	f["huge"] = scaled(randMatrix(rng, 5, 4), 1e300)
	f["tiny"] = scaled(randMatrix(rng, 4, 5), 1e-300)
	return f
}

func scaled(a Matrix, c float64) Matrix {
	for i := range a.Data {
		a.Data[i] *= c
	}
	return a
}

func TestDecompErrors(t *testing.T) {
	nan := Matrix{Rows: 1, Cols: 2, Data: []float64{1, math.NaN()}}
	empty := NewMatrix(0, 3)
	tests := []struct {
		err  error
		want string
	}{
		{third(QR(empty)), "qr: invalid input: A is empty"},
		{fourth(SVD(nan)), "svd: invalid input: A contains NaN or Inf"},
		{second(Cholesky(NewMatrix(2, 3))), "cholesky: shape mismatch: A must be square, got 2x3"},
		{fifth(TruncatedSVD(NewMatrix(2, 3), 3)), "truncated_svd: invalid input: k must be between 1 and 2, got 3"},
		{second(Pinv(Identity(2), -1)), "pinv: invalid input: rcond must be a finite non-negative number, got -1.0"},
		{second(Lstsq(Identity(2), NewMatrix(3, 1), -1)), "lstsq: shape mismatch: A has 2 rows but b has 3"},
		{second(MatrixRank(empty)), "matrix_rank: invalid input: A is empty"},
		{fourth(PCA(NewMatrix(1, 3), 1)), "pca: invalid input: X needs at least two samples, got 1"},
	}
	for _, tt := range tests {
		if tt.err == nil || tt.err.Error() != tt.want {
			t.Errorf("error %v, want %q", tt.err, tt.want)
		}
	}
}

func third[A, B any](_ A, _ B, err error) error                 { return err }
func fourth[A, B, C any](_ A, _ B, _ C, err error) error        { return err }
func fifth[A, B, C, D any](_ A, _ B, _ C, _ D, err error) error { return err }

func TestDecompInputsUnchanged(t *testing.T) {
	a := randMatrix(rand.New(rand.NewSource(9)), 5, 4)
	keep := a.Clone()
	_, _, _, _ = LU(a)
	_, _, _ = QR(a)
	_, _, _, _ = SVD(a)
	_, _ = Pinv(a, 1e-15)
	_, _, _, _ = PCA(a, 2)
	for i := range a.Data {
		if a.Data[i] != keep.Data[i] {
			t.Fatal("an input was modified")
		}
	}
}

// A singular value beyond the range does not make Aₖ overflow where Aₖ
// itself is in range: Aₖ is formed from the SVD of A/2^e.
func TestTruncatedSVDNearOverflow(t *testing.T) {
	a := NewMatrix(2, 3)
	copy(a.Data, []float64{1.86264515e-9, 1.86264515e-9, 1.27464478, math.MaxFloat64, 1.86264515e-9, math.MaxFloat64})
	_, sk, _, ak, err := TruncatedSVD(a, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(sk[0], 1) {
		t.Fatalf("s = %v, want +Inf (√2·MaxFloat64)", sk)
	}
	for i, v := range ak.Data {
		if math.IsNaN(v) || (i < 3 && math.IsInf(v, 0)) {
			t.Fatalf("A_k = %v: want the first row finite and no NaN", ak.Data)
		}
	}
}

// scaleBy multiplies by 2^−e where that is a normal float64: the same bits
// as math.Ldexp(v, −e) for every exponent, on subnormal, huge, signed-zero
// and non-finite entries and on results that underflow or overflow.
func TestScaleByLdexpBits(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	vals := []float64{0, math.Copysign(0, -1), 1, -1, math.SmallestNonzeroFloat64, -0x1p-1060, 0x1.fffffffffffffp-1023,
		math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), 0x1.8p-1074 * 3, 0x1.0000000000001p-1022}
	for range 50 {
		vals = append(vals, math.Ldexp(rng.Float64()+0.5, rng.Intn(2100)-1075)*float64(1-2*rng.Intn(2)))
	}
	for e := -1100; e <= 1100; e++ {
		got := append([]float64(nil), vals...)
		scaleBy(got, e)
		for i, v := range vals {
			if w := math.Ldexp(v, -e); math.Float64bits(got[i]) != math.Float64bits(w) && !(math.IsNaN(w) && math.IsNaN(got[i])) {
				t.Fatalf("scaleBy(%v, %d) = %v, Ldexp gives %v", v, e, got[i], w)
			}
		}
	}
}
