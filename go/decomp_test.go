package twinmath

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"runtime"
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

func TestSVDResiduals(t *testing.T) {
	for name, a := range families() {
		u, s, vt, err := SVD(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		k := min(a.Rows, a.Cols)
		n := max(a.Rows, a.Cols)
		if u.Rows != a.Rows || u.Cols != k || len(s) != k || vt.Rows != k || vt.Cols != a.Cols {
			t.Fatalf("%s: shapes %dx%d %d %dx%d", name, u.Rows, u.Cols, len(s), vt.Rows, vt.Cols)
		}
		for i := 1; i < k; i++ {
			if s[i] > s[i-1] || s[i] < 0 {
				t.Errorf("%s: singular values not descending: %v", name, s)
			}
		}
		// Scale for the residual, so that 1e300·1e300 does not overflow.
		e := powerOfTwoScale(a.Data)
		as := a.Clone()
		scaleBy(as.Data, e)
		ss := append([]float64(nil), s...)
		scaleBy(ss, e)
		rec := mulMat(mulMat(u, diag(ss)), vt)
		if r := residRatio(as, rec); r > thresh {
			t.Errorf("%s: ‖A − UΣVᵀ‖ ratio %.3g", name, r)
		}
		if r := orthoRatio(u, n); r > thresh {
			t.Errorf("%s: ‖UᵀU − I‖ ratio %.3g", name, r)
		}
		if r := orthoRatio(tr(vt), n); r > thresh {
			t.Errorf("%s: ‖VᵀV − I‖ ratio %.3g", name, r)
		}
		// The sign rule.
		for i := 0; i < k; i++ {
			best := 0
			for j := 0; j < u.Rows; j++ {
				if math.Abs(u.At(j, i)) > math.Abs(u.At(best, i)) {
					best = j
				}
			}
			if u.At(best, i) < 0 {
				t.Errorf("%s: U[:, %d] breaks the sign rule", name, i)
			}
		}
	}
}

func TestSVDSpecialCases(t *testing.T) {
	tests := []struct {
		a    [][]float64
		want []float64
	}{
		{[][]float64{{3}}, []float64{3}},
		{[][]float64{{-2}}, []float64{2}},
		{[][]float64{{0, 0}, {0, 0}}, []float64{0, 0}},
		{[][]float64{{3, 0}, {0, -4}}, []float64{4, 3}},
		{[][]float64{{1, 1}, {1, 1}}, []float64{2, 0}},                     // rank 1: 2 and exactly 0
		{[][]float64{{3, 4}}, []float64{5}},                                // a row: its length
		{[][]float64{{1e-310, 0}, {0, 2e-310}}, []float64{2e-310, 1e-310}}, // subnormal
		{[][]float64{{1e300, 1e300}, {1e300, -1e300}}, []float64{1e300 * math.Sqrt2, 1e300 * math.Sqrt2}},
	}
	for _, tt := range tests {
		a, _ := MatrixOf(tt.a)
		s, err := SVDValues(a)
		if err != nil {
			t.Fatalf("%v: %v", tt.a, err)
		}
		for i := range s {
			if math.Abs(s[i]-tt.want[i]) > 4*ulp(tt.want[0]) {
				t.Errorf("SVDValues(%v) = %v, want %v", tt.a, s, tt.want)
				break
			}
		}
	}
	// The zero matrix: the singular vectors complete orthonormal bases.
	u, s, vt, _ := SVD(NewMatrix(3, 2))
	if fmt.Sprint(s) != "[0 0]" || orthoRatio(u, 3) != 0 || orthoRatio(tr(vt), 3) != 0 {
		t.Errorf("SVD(zeros) = %v %v %v", u, s, vt)
	}
}

func TestSVDNoConvergence(t *testing.T) {
	defer func(n int) { maxSweeps = n }(maxSweeps)
	maxSweeps = 1 // one sweep cannot orthogonalise a random 6×6 matrix
	_, _, _, err := SVD(randMatrix(rand.New(rand.NewSource(1)), 6, 6))
	if !errors.Is(err, ErrNoConvergence) || err.Error() != "svd: no convergence" {
		t.Errorf("SVD after one sweep: %v", err)
	}
}

func TestQRResiduals(t *testing.T) {
	for name, a := range families() {
		q, r, err := QR(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		e := powerOfTwoScale(a.Data)
		as, rs := a.Clone(), r.Clone()
		scaleBy(as.Data, e)
		scaleBy(rs.Data, e)
		if x := residRatio(as, mulMat(q, rs)); x > thresh {
			t.Errorf("%s: ‖A − QR‖ ratio %.3g", name, x)
		}
		if x := orthoRatio(q, max(a.Rows, a.Cols)); x > thresh {
			t.Errorf("%s: ‖QᵀQ − I‖ ratio %.3g", name, x)
		}
		for i := 0; i < r.Rows; i++ {
			if r.At(i, i) < 0 {
				t.Errorf("%s: R[%d][%d] = %g < 0", name, i, i, r.At(i, i))
			}
			for j := 0; j < i; j++ {
				if r.At(i, j) != 0 {
					t.Errorf("%s: R not upper triangular", name)
				}
			}
		}
	}
}

func TestLU(t *testing.T) {
	for name, a := range families() {
		p, l, u, err := LU(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		e := powerOfTwoScale(a.Data)
		as, us := a.Clone(), u.Clone()
		scaleBy(as.Data, e)
		scaleBy(us.Data, e)
		// Backward error of LU with partial pivoting: |ΔA| ≤ γₙ|L||U| (Higham
		// Thm 9.3); the ratio in units of ‖A‖ also carries the growth factor,
		// small for these matrices.
		if x := residRatio(as, mulMat(mulMat(p, l), us)); x > thresh {
			t.Errorf("%s: ‖A − PLU‖ ratio %.3g", name, x)
		}
		for i := 0; i < l.Rows; i++ {
			for j := 0; j < l.Cols; j++ {
				if j > i && l.At(i, j) != 0 || j == i && l.At(i, j) != 1 || math.Abs(l.At(i, j)) > 1 {
					t.Fatalf("%s: L is not unit lower triangular with |Lᵢⱼ| ≤ 1", name)
				}
			}
		}
	}
}

func TestLUWorkedExample(t *testing.T) {
	// [[1, 2], [3, 4]]: the pivot of column 0 is 3, so P swaps the rows,
	// L = [[1, 0], [1/3, 1]] and U = [[3, 4], [0, 2 − 4/3]].
	a, _ := MatrixOf([][]float64{{1, 2}, {3, 4}})
	p, l, u, _ := LU(a)
	third := 1.0 / 3 // rounded once, as the reciprocal of the pivot
	if fmt.Sprint(p.RowsOf()) != "[[0 1] [1 0]]" || l.At(1, 0) != third || u.At(0, 0) != 3 || u.At(1, 1) != 2-float64(third*4) {
		t.Errorf("LU = %v %v %v", p.RowsOf(), l.RowsOf(), u.RowsOf())
	}
}

func TestCholesky(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, n := range []int{1, 2, 5, 30} {
		b := randMatrix(rng, n, n)
		a := mulMat(b, tr(b))
		for i := 0; i < n; i++ {
			a.Data[i*n+i] += float64(n)
		}
		l, err := Cholesky(a)
		if err != nil {
			t.Fatal(err)
		}
		if x := residRatio(a, mulMat(l, tr(l))); x > thresh {
			t.Errorf("n=%d: ‖A − LLᵀ‖ ratio %.3g", n, x)
		}
	}
	// Only the lower triangle is read.
	a, _ := MatrixOf([][]float64{{4, 99}, {2, 5}})
	l, _ := Cholesky(a)
	if fmt.Sprint(l.RowsOf()) != "[[2 0] [1 2]]" {
		t.Errorf("Cholesky reads the upper triangle: %v", l.RowsOf())
	}
	for _, bad := range [][][]float64{{{1, 1}, {1, 1}}, {{-1}}, {{0}}, {{1, 2}, {2, 1}}} {
		m, _ := MatrixOf(bad)
		_, err := Cholesky(m)
		if !errors.Is(err, ErrNotPositiveDefinite) || err.Error() != "cholesky: not positive definite" {
			t.Errorf("Cholesky(%v): %v", bad, err)
		}
	}
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

func TestPinvAndLstsq(t *testing.T) {
	rng := rand.New(rand.NewSource(5))
	// Full column rank: A⁺A = I, and lstsq agrees with the normal equations
	// solved through QR: R·x = Qᵀb.
	a := randMatrix(rng, 8, 3)
	b := randMatrix(rng, 8, 1)
	p, _ := Pinv(a, 1e-15)
	if x := residRatio(Identity(3), mulMat(p, a)); x > thresh*10 {
		t.Errorf("A⁺A − I ratio %.3g", x)
	}
	x, _ := Lstsq(a, b, -1)
	q, r, _ := QR(a)
	y := mulMat(tr(q), b)
	want, _ := Solve(r, y)
	for i := range want.Data {
		if math.Abs(x.Data[i]-want.Data[i]) > 1e-12 {
			t.Errorf("lstsq %v, want %v", x.Data, want.Data)
		}
	}
	// Rank deficient: [[1, 1], [1, 1]]⁺ = [[1, 1], [1, 1]]/4 (σ₀ = 2, the
	// other exactly 0), and lstsq picks the solution of least norm.
	ones, _ := MatrixOf([][]float64{{1, 1}, {1, 1}})
	p, _ = Pinv(ones, 1e-15)
	for _, v := range p.Data {
		if math.Abs(v-0.25) > 4*eps {
			t.Errorf("pinv(ones) = %v", p.RowsOf())
		}
	}
	x, _ = Lstsq(ones, Matrix{Rows: 2, Cols: 1, Data: []float64{2, 2}}, -1)
	if math.Abs(x.Data[0]-1) > 4*eps || math.Abs(x.Data[1]-1) > 4*eps {
		t.Errorf("lstsq(ones, [2 2]) = %v, want [1 1]", x.Data)
	}
	if r, _ := MatrixRank(ones); r != 1 {
		t.Errorf("MatrixRank(ones) = %d", r)
	}
}

func TestMatrixNorm2(t *testing.T) {
	a, _ := MatrixOf([][]float64{{3, 0}, {0, -4}})
	if n, err := MatrixNorm(a, 2); n != 4 || err != nil {
		t.Errorf("MatrixNorm(diag(3, -4), 2) = %v, %v", n, err)
	}
	if n, _ := MatrixNorm(Matrix{Rows: 1, Cols: 2, Data: []float64{math.Inf(-1), 1}}, 2); !math.IsInf(n, 1) {
		t.Errorf("norm of a matrix with -inf: %v", n)
	}
	if n, _ := MatrixNorm(Matrix{Rows: 1, Cols: 2, Data: []float64{math.Inf(-1), math.NaN()}}, 2); !math.IsNaN(n) {
		t.Errorf("norm of a matrix with NaN: %v", n)
	}
	if n, _ := MatrixNorm(NewMatrix(0, 3), 2); n != 0 {
		t.Errorf("norm of an empty matrix: %v", n)
	}
}

func TestPCA(t *testing.T) {
	// Points on the line y = 2x: one component, along (1, 2)/√5, carrying
	// all the variance. Centred, the samples sit at √5·(−2, −1, 0, 3) along
	// it; the largest (the last) is positive by the sign rule.
	x, _ := MatrixOf([][]float64{{0, 0}, {1, 2}, {2, 4}, {5, 10}})
	comp, ev, proj, err := PCA(x, 2)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(comp.At(0, 0)-1/math.Sqrt(5)) > 4*eps || math.Abs(comp.At(0, 1)-2/math.Sqrt(5)) > 4*eps {
		t.Errorf("first component %v", comp.Row(0))
	}
	// The variance along the line: 5·(4 + 1 + 0 + 9)/3 = 70/3; none across.
	if math.Abs(ev[0]-70.0/3) > 16*eps*70/3 || ev[1] > 1e-28 {
		t.Errorf("explained variance %v", ev)
	}
	if math.Abs(proj.At(3, 0)-3*math.Sqrt(5)) > 16*eps*7 {
		t.Errorf("projected %v", proj.RowsOf())
	}
}

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

func TestSVDSameOnAnyNumberOfThreads(t *testing.T) {
	// The pairs of a round are disjoint, so running them on several threads
	// must give the same bits as running them on one.
	a := randMatrix(rand.New(rand.NewSource(11)), 120, 100)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	u1, s1, v1, _ := SVD(a)
	runtime.GOMAXPROCS(2)
	u2, s2, v2, _ := SVD(a)
	for _, pair := range [][2][]float64{{u1.Data, u2.Data}, {s1, s2}, {v1.Data, v2.Data}} {
		for i := range pair[0] {
			if !alike(pair[0][i], pair[1][i]) {
				t.Fatalf("entry %d differs: %v and %v", i, pair[0][i], pair[1][i])
			}
		}
	}
}
