package twinmath

import (
	"fmt"
	"math"
)

// Matrix is a dense row-major matrix: entry (i, j) is Data[i*Cols+j]. Its
// layout is that of a C-contiguous float64 numpy array, so the C library
// wraps caller memory in a Matrix without copying.
type Matrix struct {
	Rows, Cols int
	Data       []float64
}

// NewMatrix returns a rows×cols matrix of zeros. Like make, it panics if
// rows·cols is negative or too large to allocate; the operations check their
// sizes first and return errors instead.
func NewMatrix(rows, cols int) Matrix {
	return Matrix{Rows: rows, Cols: cols, Data: make([]float64, rows*cols)}
}

// MatrixOf returns a matrix built from rows, which must all have the same
// length; it returns ErrShape if they do not. The data is copied.
func MatrixOf(rows [][]float64) (Matrix, error) {
	if len(rows) == 0 {
		return Matrix{}, nil
	}
	m := NewMatrix(len(rows), len(rows[0]))
	for i, r := range rows {
		if len(r) != m.Cols {
			return Matrix{}, shapeErr("MatrixOf", "row %d has length %d, row 0 has length %d", i, len(r), m.Cols)
		}
		copy(m.Data[i*m.Cols:], r)
	}
	return m, nil
}

// Identity returns the n×n identity matrix. Like NewMatrix, it panics if
// n·n is negative or too large to allocate.
func Identity(n int) Matrix {
	m := NewMatrix(n, n)
	for i := 0; i < n; i++ {
		m.Data[i*n+i] = 1
	}
	return m
}

// Dims returns the number of rows and columns of m.
func (m Matrix) Dims() (r, c int) { return m.Rows, m.Cols }

// index returns the offset of entry (i, j) in m.Data. An index out of range
// is a programming error, not a data error: like gonum's mat.Dense and a Go
// slice, it panics, with a message naming the method, the index and the
// dimensions (otherwise At(0, 3) on a 2×2 matrix would silently read Data[3]).
func (m Matrix) index(op string, i, j int) int {
	if uint(i) >= uint(m.Rows) || uint(j) >= uint(m.Cols) {
		panic(fmt.Sprintf("twinmath: Matrix.%s(%d, %d) out of range for a %d×%d matrix", op, i, j, m.Rows, m.Cols))
	}
	return i*m.Cols + j
}

// At returns entry (i, j). It panics if i or j is out of range, as indexing
// a slice does.
func (m Matrix) At(i, j int) float64 { return m.Data[m.index("At", i, j)] }

// Set sets entry (i, j) to v. It panics if i or j is out of range.
func (m Matrix) Set(i, j int, v float64) { m.Data[m.index("Set", i, j)] = v }

// Row returns row i as a slice that shares m's storage. It panics if i is
// out of range.
func (m Matrix) Row(i int) []float64 {
	if uint(i) >= uint(m.Rows) {
		panic(fmt.Sprintf("twinmath: Matrix.Row(%d) out of range for a %d×%d matrix", i, m.Rows, m.Cols))
	}
	return m.Data[i*m.Cols : (i+1)*m.Cols : (i+1)*m.Cols]
}

// RowView is Row: a view of row i sharing m's storage (writes through it
// change m). The name matches gonum's mat.Dense.RowView.
func (m Matrix) RowView(i int) []float64 { return m.Row(i) }

// Col returns a copy of column j (a row-major matrix has no contiguous
// column to share). It panics if j is out of range.
func (m Matrix) Col(j int) []float64 {
	if uint(j) >= uint(m.Cols) {
		panic(fmt.Sprintf("twinmath: Matrix.Col(%d) out of range for a %d×%d matrix", j, m.Rows, m.Cols))
	}
	out := make([]float64, m.Rows)
	for i := range out {
		out[i] = m.Data[i*m.Cols+j]
	}
	return out
}

// RowsOf returns the rows of m as a slice of copies.
func (m Matrix) RowsOf() [][]float64 {
	out := make([][]float64, m.Rows)
	for i := range out {
		out[i] = append([]float64(nil), m.Row(i)...)
	}
	return out
}

// Clone returns a deep copy of m.
func (m Matrix) Clone() Matrix {
	return Matrix{Rows: m.Rows, Cols: m.Cols, Data: append([]float64(nil), m.Data...)}
}

// check returns ErrShape if m's fields are inconsistent (a negative
// dimension, or Data not of length Rows·Cols, the product taken without
// overflow), and ErrInvalid if a dimension exceeds MaxLen. Every function
// taking a Matrix runs it before it allocates anything.
func (m Matrix) check(op, name string) error {
	if m.Rows < 0 || m.Cols < 0 || !m.consistent() {
		return shapeErr(op, "%s is %dx%d but holds %d values", name, m.Rows, m.Cols, len(m.Data))
	}
	if m.Rows > MaxLen || m.Cols > MaxLen {
		return invalidErr(op, "%s is %dx%d, more than %d rows or columns", name, m.Rows, m.Cols, MaxLen)
	}
	return nil
}

// consistent reports whether len(m.Data) = m.Rows·m.Cols for non-negative
// dimensions, by division so that the product cannot wrap around.
func (m Matrix) consistent() bool {
	if m.Cols == 0 {
		return len(m.Data) == 0
	}
	return len(m.Data)%m.Cols == 0 && len(m.Data)/m.Cols == m.Rows
}

// want returns ErrShape unless m is a consistent rows×cols matrix.
func (m Matrix) want(op, name string, rows, cols int) error {
	if err := m.check(op, name); err != nil {
		return err
	}
	if m.Rows != rows || m.Cols != cols {
		return shapeErr(op, "%s is %dx%d, want %dx%d", name, m.Rows, m.Cols, rows, cols)
	}
	return nil
}

// square returns ErrShape unless m is square, and ErrInvalid if it is empty
// or, when finite is set, holds NaN or Inf.
func (m Matrix) square(op, name string, finite bool) error {
	if err := m.squareOrEmpty(op, name, finite); err != nil {
		return err
	}
	if m.Rows == 0 {
		return invalidErr(op, "%s is empty", name)
	}
	return nil
}

// squareOrEmpty is square accepting the 0×0 matrix.
func (m Matrix) squareOrEmpty(op, name string, finite bool) error {
	if err := m.check(op, name); err != nil {
		return err
	}
	if m.Rows != m.Cols {
		return shapeErr(op, "%s must be square, got %dx%d", name, m.Rows, m.Cols)
	}
	if finite {
		return checkFinite(op, name, m.Data)
	}
	return nil
}

// Matmul returns the matrix product a·b. A vector x is the n×1 matrix
// Matrix{Rows: n, Cols: 1, Data: x}.
//
//	dst[i][j] = Σₖ a[i][k]·b[k][j]
//
// Large products are computed in cache-sized blocks on all GOMAXPROCS
// threads; each entry's sum may differ from a left-to-right sum by rounding,
// within n·ε·(|a|·|b|)[i][j]. It returns ErrShape if a.Cols != b.Rows.
func Matmul(a, b Matrix) (Matrix, error) {
	return matmulAlloc(nil, a, b)
}

// matmulAlloc is Matmul, stopping with the error of cc when cc is cancelled.
func matmulAlloc(cc *canceller, a, b Matrix) (Matrix, error) {
	if err := checkMatmul(a, b); err != nil {
		return Matrix{}, err
	}
	dst, err := newResult("matmul", a.Rows, b.Cols)
	if err != nil {
		return Matrix{}, err
	}
	return filledMatrix(dst, func(dst Matrix) error { return matmulTo(cc, dst, a, b) })
}

func checkMatmul(a, b Matrix) error {
	if err := a.check("matmul", "A"); err != nil {
		return err
	}
	if err := b.check("matmul", "B"); err != nil {
		return err
	}
	if a.Cols != b.Rows {
		return shapeErr("matmul", "inner dimensions %d and %d differ", a.Cols, b.Rows)
	}
	return nil
}

// MatmulTo writes a·b into dst, which may share memory with a or b. It returns
// ErrShape if a.Cols != b.Rows or dst is not a.Rows×b.Cols.
func MatmulTo(dst, a, b Matrix) error {
	return matmulTo(nil, dst, a, b)
}

func matmulTo(cc *canceller, dst, a, b Matrix) error {
	a, b = cc.scratch().fresh(a, spanOf(dst.Data)), cc.scratch().fresh(b, spanOf(dst.Data))
	if err := checkMatmul(a, b); err != nil {
		return err
	}
	if err := dst.want("matmul", "dst", a.Rows, b.Cols); err != nil {
		return err
	}
	return matmulCtx(cc, dst, a, b)
}

// Block sizes of the product kernel: a kBlock×jBlock panel of b (256 KiB)
// stays in a core's L2 cache while rows of a stream past it.
const (
	kBlock = 128
	jBlock = 256
)

// matmul computes dst = a·b for consistent shapes.
func matmul(dst, a, b Matrix) {
	_ = matmulCtx(nil, dst, a, b) // a nil canceller never stops
}

// matmulScratch is matmul with its scratch from ws.
func matmulScratch(ws *Workspace, dst, a, b Matrix) {
	_ = matmulWork(nil, ws, dst, a, b) // a nil canceller never stops
}

// matmulCtx computes dst = a·b for consistent shapes, or stops with the
// error of cc (dst then holds part of the product).
func matmulCtx(cc *canceller, dst, a, b Matrix) error {
	return matmulWork(cc, cc.scratch(), dst, a, b)
}

// matmulSmall is the largest product (in multiply-adds) that matmulWork
// computes row by row with axpy on one goroutine: below it, packing costs
// more than it saves and goroutines more still.
const matmulSmall = 1<<12 - 1

// matmulWork is matmulCtx with its scratch from ws.
func matmulWork(cc *canceller, ws *Workspace, dst, a, b Matrix) error {
	m, n, p := a.Rows, a.Cols, b.Cols
	// Below a few thousand multiply-adds, packing costs more than it saves.
	if gemmKernel != nil && m*n*p > matmulSmall {
		return packedProduct(cc, ws, packed{dst: dst, a: a, b: b, m: m, k: n, p: p, zero: true})
	}
	clear(dst.Data)
	if m == 0 || p == 0 || n == 0 {
		return nil
	}
	workers := MaxThreads()
	// Below ~1 Mflop the cost of starting goroutines outweighs the gain.
	if workers == 1 || m < 2*workers || m*n*p < 1<<20 {
		workers = 1
	}
	if workers == 1 {
		return matmulRowsCtx(cc, dst, a, b, 0, m)
	}
	forRanges(m, (m+workers-1)/workers, func(lo, hi int) {
		_ = matmulRowsCtx(cc, dst, a, b, lo, hi) // a cancellation is reported below
	})
	return cc.err()
}

// matmulRowsCtx is matmulRows, stopping with the error of cc. Each goroutine
// works through its rows in pieces, looking at cc between them; the pieces
// do not change the order of any sum. (A function, not a closure, so that
// the single-goroutine product allocates nothing.)
func matmulRowsCtx(cc *canceller, dst, a, b Matrix, lo, hi int) error {
	if cc == nil {
		matmulRows(dst, a, b, lo, hi)
		return nil
	}
	for i := lo; i < hi; i += matmulPiece {
		if err := cc.err(); err != nil {
			return err
		}
		matmulRows(dst, a, b, i, min(i+matmulPiece, hi))
	}
	return nil
}

// matmulPiece is the number of rows of a cancellable product between two
// looks at its canceller.
const matmulPiece = 64

// matmulRows accumulates rows lo..hi of a·b into dst, which holds zeros
// there. Loop order i-k-j keeps every inner loop on contiguous memory.
func matmulRows(dst, a, b Matrix, lo, hi int) {
	if b.Cols < narrowCols && a.Cols <= kBlock {
		matmulRowsNarrow(dst, a, b, lo, hi)
		return
	}
	matmulRowsAxpy(dst, a, b, lo, hi)
}

// matmulRowsAxpy is matmulRows through the axpy kernels, a row of b at a
// time.
func matmulRowsAxpy(dst, a, b Matrix, lo, hi int) {
	n, p := a.Cols, b.Cols
	for k0 := 0; k0 < n; k0 += kBlock {
		k1 := min(k0+kBlock, n)
		for j0 := 0; j0 < p; j0 += jBlock {
			j1 := min(j0+jBlock, p)
			for i := lo; i < hi; i++ {
				arow := a.Data[i*n : (i+1)*n]
				crow := dst.Data[i*p+j0 : i*p+j1]
				k := k0
				for ; k+2 <= k1; k += 2 {
					axpy2(crow, arow[k], b.Data[k*p+j0:k*p+j1], arow[k+1], b.Data[(k+1)*p+j0:(k+1)*p+j1])
				}
				if k < k1 {
					axpy(crow, arow[k], b.Data[k*p+j0:k*p+j1])
				}
			}
		}
	}
}

// narrowCols is the number of columns of b below which matmulRows computes
// each entry on its own: on rows this short, the calls of the axpy kernel
// cost more than their arithmetic (a stack of 3×3 products spent most of
// its time in them).
const narrowCols = 4

// matmulRowsNarrow is matmulRows for b.Cols < narrowCols and n ≤ kBlock;
// see narrowProduct.
func matmulRowsNarrow(dst, a, b Matrix, lo, hi int) {
	n, p := a.Cols, b.Cols
	narrowProduct(dst.Data[lo*p:hi*p], a.Data[lo*n:hi*n], b.Data, hi-lo, n, p)
}

// narrowProduct adds the m×n by n×p product x·y to c, one entry at a time
// (p < narrowCols, n ≤ kBlock), with matmulRowsAxpy's operations in its
// order, so its bits: the pairs of terms as axpy2 adds them, then an odd last
// term as axpyKernel adds it (fused or not, as the kernel in use).
func narrowProduct(c, x, y []float64, m, n, p int) {
	c, x, y = c[:m*p], x[:m*n], y[:n*p]
	fused := axpyFused
	for i := 0; i < m; i++ {
		xi := x[i*n : (i+1)*n]
		ci := c[i*p : (i+1)*p]
		for j := range ci {
			s := ci[j]
			k := 0
			for ; k+2 <= n; k += 2 {
				s += xi[k]*y[k*p+j] + xi[k+1]*y[(k+1)*p+j]
			}
			if k < n {
				if fused {
					s = math.FMA(xi[k], y[k*p+j], s)
				} else {
					s += xi[k] * y[k*p+j]
				}
			}
			ci[j] = s
		}
	}
}

// axpy computes y += alpha·x.
func axpy(y []float64, alpha float64, x []float64) {
	axpyKernel(y, alpha, x[:len(y)])
}

// axpy2 computes y += alpha·x + beta·z, halving the loads and stores of y
// compared with two axpy calls.
func axpy2(y []float64, alpha float64, x []float64, beta float64, z []float64) {
	x = x[:len(y)]
	z = z[:len(y)]
	for i := range y {
		y[i] += alpha*x[i] + beta*z[i]
	}
}

// Transpose returns the transpose of a as a new matrix.
//
//	dst[j][i] = a[i][j]
func Transpose(a Matrix) (Matrix, error) {
	if err := a.check("transpose", "A"); err != nil {
		return Matrix{}, err
	}
	return filledMatrix(NewMatrix(a.Cols, a.Rows), func(dst Matrix) error { return TransposeTo(dst, a) })
}

// TransposeTo writes the transpose of a into dst, which may share memory with a.
// It returns ErrShape if dst is not a.Cols×a.Rows.
func TransposeTo(dst, a Matrix) error {
	a = a.fresh(spanOf(dst.Data))
	if err := a.check("transpose", "A"); err != nil {
		return err
	}
	if err := dst.want("transpose", "dst", a.Cols, a.Rows); err != nil {
		return err
	}
	transposeInto(dst, a)
	return nil
}

// transposeInto writes the transpose of a into dst (a.Cols×a.Rows, not
// overlapping a).
func transposeInto(dst, a Matrix) {
	transposeStrided(dst.Data, a.Rows, a.Data, a.Cols, a.Rows, a.Cols)
}

// transposeStrided writes the transpose of the rows×cols block src (row
// stride lds) into the cols×rows block dst (row stride ldd), which must not
// overlap it, in 32×32 tiles: a tile of each fits in L1, so that neither
// the reads nor the writes stride through memory.
func transposeStrided(dst []float64, ldd int, src []float64, lds, rows, cols int) {
	const blk = 32
	for i0 := 0; i0 < rows; i0 += blk {
		for j0 := 0; j0 < cols; j0 += blk {
			for i := i0; i < min(i0+blk, rows); i++ {
				row := src[i*lds+j0 : i*lds+min(j0+blk, cols)]
				for j, v := range row {
					dst[(j0+j)*ldd+i] = v
				}
			}
		}
	}
}

// Trace returns the sum of the diagonal of the square matrix a.
//
//	tr(A) = Σᵢ a[i][i]
//
// The trace of the empty 0×0 matrix is 0. It returns ErrShape if a is not
// square.
func Trace(a Matrix) (float64, error) {
	if err := a.check("trace", "A"); err != nil {
		return 0, err
	}
	if a.Rows != a.Cols {
		return 0, shapeErr("trace", "A must be square, got %dx%d", a.Rows, a.Cols)
	}
	var s float64
	for i := 0; i < a.Rows; i++ {
		s += a.Data[i*a.Cols+i]
	}
	return s, nil
}

// Det returns the determinant of the square matrix a, from its LU
// factorisation with partial pivoting.
//
//	det(A) = (−1)^(row swaps) · Πᵢ U[i][i]
//
// The product is rescaled as it runs, so it overflows or underflows only if
// the determinant itself does. A singular matrix (an exactly zero pivot) has
// determinant 0, the 0×0 matrix 1 (the empty product), as in numpy. It
// returns ErrShape if a is not square and ErrInvalid if a holds NaN or Inf.
func Det(a Matrix) (float64, error) {
	return det(nil, a)
}

func det(cc *canceller, a Matrix) (float64, error) {
	if cc.scratch() == nil {
		var d float64
		err := withScratch(cc, "det", func(cc *canceller) (err error) {
			d, err = detWork(cc, a, nil)
			return err
		})
		return d, err
	}
	return detWork(cc, a, nil)
}

// detWork is det factoring in w's buffers (new ones when w is nil).
func detWork(cc *canceller, a Matrix, w *luWork) (float64, error) {
	if err := a.squareOrEmpty("det", "A", true); err != nil {
		return 0, err
	}
	if a.Rows == 0 {
		return 1, nil
	}
	lu, piv := w.get(cc.scratch(), a.Rows)
	copy(lu, a.Data)
	sign, _, err := luFactor(cc, lu, a.Rows, piv)
	if err != nil {
		return 0, err
	}
	return sign * diagProduct(Matrix{Rows: a.Rows, Cols: a.Rows, Data: lu}), nil
}

// luWork holds the buffers of an LU factorisation, which the matrices of a
// stack reuse one after the other (one luWork per goroutine).
type luWork struct {
	lu  []float64
	piv []int
}

// get returns buffers for the factorisation of an n×n matrix: w's, grown
// as needed, or ws's when w is nil.
func (w *luWork) get(ws *Workspace, n int) ([]float64, []int) {
	if w == nil {
		return ws.floatsRaw(n * n), ws.ints(n)
	}
	if cap(w.lu) < n*n {
		w.lu = make([]float64, n*n)
	}
	if cap(w.piv) < n {
		w.piv = make([]int, n)
	}
	return w.lu[:n*n], w.piv[:n]
}

// diagProduct returns Πᵢ m[i][i], keeping the running product's exponent
// apart so that intermediate results never overflow or underflow.
func diagProduct(m Matrix) float64 {
	frac, exp := 1.0, 0
	for i := 0; i < m.Rows; i++ {
		f, e := math.Frexp(m.Data[i*m.Cols+i])
		frac, exp = frac*f, exp+e
		if frac == 0 {
			return 0
		}
		f, e = math.Frexp(frac)
		frac, exp = f, exp+e
	}
	return math.Ldexp(frac, exp)
}

// Inv returns the inverse of the square matrix a, by solving A·X = I with
// the LU factorisation of a.
//
// The inverse of the 0×0 matrix is the 0×0 matrix, as in numpy. It returns
// ErrShape if a is not square, ErrInvalid if a holds NaN or Inf, and
// ErrSingular if a pivot of the factorisation is exactly zero (as LAPACK's
// dgesv, which numpy uses, does).
func Inv(a Matrix) (Matrix, error) {
	return invAlloc(nil, a)
}

// invAlloc is Inv, stopping with the error of cc when cc is cancelled.
func invAlloc(cc *canceller, a Matrix) (Matrix, error) {
	if err := a.check("inv", "A"); err != nil {
		return Matrix{}, err
	}
	return filledMatrix(NewMatrix(a.Rows, a.Cols), func(dst Matrix) error { return invTo(cc, dst, a) })
}

// InvTo writes the inverse of a into dst; see Inv.
func InvTo(dst, a Matrix) error {
	return invTo(nil, dst, a)
}

func invTo(cc *canceller, dst, a Matrix) error {
	if cc.scratch() == nil {
		return withScratch(cc, "inv", func(cc *canceller) error { return invToWork(cc, dst, a, nil) })
	}
	return invToWork(cc, dst, a, nil)
}

// invToWork is invTo factoring in w's buffers (new ones when w is nil).
func invToWork(cc *canceller, dst, a Matrix, w *luWork) error {
	a = cc.scratch().fresh(a, spanOf(dst.Data))
	if err := a.squareOrEmpty("inv", "A", false); err != nil {
		return err
	}
	amax, err := finiteMax("inv", "A", a.Data)
	if err != nil {
		return err
	}
	if err := dst.want("inv", "dst", a.Rows, a.Cols); err != nil {
		return err
	}
	clear(dst.Data)
	for i := 0; i < a.Rows; i++ {
		dst.Data[i*a.Cols+i] = 1
	}
	a, e := luShift(cc.scratch(), a, amax)
	lu, piv, err := luFactorCopy(cc, "inv", a, w)
	if err != nil {
		return err
	}
	if err := luInvert(cc, lu, a.Rows, piv, dst); err != nil {
		return err
	}
	scaleBy(dst.Data, e) // inv(A) = inv(A/2^e)/2^e
	return nil
}

// luShift returns a divided by 2^e (exact) and e when max|a| lies beyond
// 2^±500, else a itself and 0: the factorisation of a huge or tiny matrix
// then neither overflows nor loses its entries to underflow needlessly (as
// Python's reference does; inv of 1e308·[[1, 1], [−1, 1]] is finite).
// amax is maxAbsBits(a.Data).
func luShift(ws *Workspace, a Matrix, amax uint64) (Matrix, int) {
	if e := scaleExponent(amax); e > 500 || e < -500 {
		return ws.scaledCopy(a)
	}
	return a, 0
}

// Solve returns the solution X of A·X = B for a square matrix a; b is n×k
// (a vector is the n×1 matrix holding it).
//
// A 0×0 a with a 0×k b has the 0×k solution, as in numpy. It returns
// ErrShape if a is not square or b.Rows != a.Rows, ErrInvalid if a or b holds
// NaN or Inf, and ErrSingular if a pivot of the LU factorisation is exactly
// zero.
func Solve(a, b Matrix) (Matrix, error) {
	return solveAlloc(nil, a, b)
}

// solveAlloc is Solve, stopping with the error of cc when cc is cancelled.
func solveAlloc(cc *canceller, a, b Matrix) (Matrix, error) {
	if err := a.check("solve", "A"); err != nil {
		return Matrix{}, err
	}
	if err := b.check("solve", "b"); err != nil {
		return Matrix{}, err
	}
	return filledMatrix(NewMatrix(b.Rows, b.Cols), func(dst Matrix) error { return solveTo(cc, dst, a, b) })
}

// SolveTo writes the solution of A·X = B into dst, which may alias b; see
// Solve.
func SolveTo(dst, a, b Matrix) error {
	return solveTo(nil, dst, a, b)
}

func solveTo(cc *canceller, dst, a, b Matrix) error {
	if cc.scratch() == nil {
		return withScratch(cc, "solve", func(cc *canceller) error { return solveToWork(cc, dst, a, b, nil) })
	}
	return solveToWork(cc, dst, a, b, nil)
}

// solveToWork is solveTo factoring in w's buffers (new ones when w is nil).
func solveToWork(cc *canceller, dst, a, b Matrix, w *luWork) error {
	a, b = cc.scratch().fresh(a, spanOf(dst.Data)), cc.scratch().fresh(b, spanOf(dst.Data))
	if err := a.check("solve", "A"); err != nil {
		return err
	}
	if err := b.check("solve", "b"); err != nil {
		return err
	}
	if a.Rows != a.Cols {
		return shapeErr("solve", "A must be square, got %dx%d", a.Rows, a.Cols)
	}
	if b.Rows != a.Rows {
		return shapeErr("solve", "A is %dx%d but b has %d rows", a.Rows, a.Cols, b.Rows)
	}
	amax, err := finiteMax("solve", "A", a.Data)
	if err != nil {
		return err
	}
	if err := checkFinite("solve", "b", b.Data); err != nil {
		return err
	}
	if err := dst.want("solve", "dst", b.Rows, b.Cols); err != nil {
		return err
	}
	copy(dst.Data, b.Data)
	a, e := luShift(cc.scratch(), a, amax)
	if err := luSolveWork(cc, "solve", a, dst, w); err != nil {
		return err
	}
	scaleBy(dst.Data, e) // solve(A, B) = solve(A/2^e, B)/2^e
	return nil
}

// luSolve overwrites x (holding B) with the solution of A·X = B.
func luSolve(cc *canceller, op string, a, x Matrix) error {
	return luSolveWork(cc, op, a, x, nil)
}

// luSolveWork is luSolve factoring in w's buffers (new ones when w is nil).
func luSolveWork(cc *canceller, op string, a, x Matrix, w *luWork) error {
	lu, piv, err := luFactorCopy(cc, op, a, w)
	if err != nil {
		return err
	}
	interchange(x, piv)
	return luSubstitute(cc, lu, a.Rows, x)
}

// luFactorCopy factors a copy of the square a in w's buffers (new ones when
// w is nil) and returns the factors and the interchanges, or op's
// ErrSingular if a pivot is exactly zero.
func luFactorCopy(cc *canceller, op string, a Matrix, w *luWork) ([]float64, []int, error) {
	n := a.Rows
	lu, piv := w.get(cc.scratch(), n)
	copy(lu, a.Data)
	if _, singular, err := luFactor(cc, lu, n, piv); err != nil {
		return nil, nil, err
	} else if singular {
		return nil, nil, opError(op, ErrSingular, "")
	}
	return lu, piv, nil
}
