package twinmath

// MatrixPower returns the square matrix a raised to the integer power n.
//
//	n > 0:  A·A·…·A (n factors), by repeated squaring
//	n = 0:  the identity
//	n < 0:  (A⁻¹)^|n|, A⁻¹ from the LU factorisation as in Inv
//
// The factors are multiplied in numpy.linalg.matrix_power's order: for
// n ≤ 3 from the left, otherwise the squares A, A², A⁴, … are multiplied
// into the result from the lowest bit of n up. The power of the empty 0×0
// matrix is 0×0.
//
// It returns ErrShape if a is not square; for n < 0, ErrInvalid if a holds
// NaN or Inf and ErrSingular if a pivot of its factorisation is exactly zero.
func MatrixPower(a Matrix, n int) (Matrix, error) {
	return matrixPower(nil, a, n)
}

// matrixPower is MatrixPower, stopping with the error of cc when cc is
// cancelled; a is checked before its result is allocated.
func matrixPower(cc *canceller, a Matrix, n int) (Matrix, error) {
	if err := a.check("matrix_power", "a"); err != nil {
		return Matrix{}, err
	}
	return filledMatrix(NewMatrix(a.Rows, a.Cols), func(dst Matrix) error { return matrixPowerTo(cc, dst, a, n) })
}

// MatrixPowerTo writes a raised to the power n into dst, which must not
// alias a; see MatrixPower.
func MatrixPowerTo(dst, a Matrix, n int) error {
	return matrixPowerTo(nil, dst, a, n)
}

// matrixPowerTo is MatrixPowerTo, stopping with the error of cc when cc is
// cancelled (dst then holds unspecified values).
func matrixPowerTo(cc *canceller, dst, a Matrix, n int) error {
	if err := a.check("matrix_power", "a"); err != nil {
		return err
	}
	if a.Rows != a.Cols {
		return shapeErr("matrix_power", "a must be square, got %dx%d", a.Rows, a.Cols)
	}
	if err := dst.want("matrix_power", "dst", a.Rows, a.Cols); err != nil {
		return err
	}
	k := a.Rows
	ws := cc.scratch() // the intermediate powers; nil: allocated
	if n == 0 || k == 0 {
		clear(dst.Data)
		for i := 0; i < k; i++ {
			dst.Data[i*k+i] = 1
		}
		return nil
	}
	base := a
	if n < 0 {
		if err := checkFinite("matrix_power", "a", a.Data); err != nil {
			return err
		}
		base = ws.identity(k)
		if err := luSolve(cc, "matrix_power", a, base); err != nil {
			return err
		}
	}
	// |n| without overflow for the most negative int: count in uint.
	m := uint(n)
	if n < 0 {
		m = uint(-(n + 1)) + 1
	}
	switch m {
	case 1:
		copy(dst.Data, base.Data)
		return nil
	case 2:
		return matmulCtx(cc, dst, base, base)
	case 3:
		sq := ws.matrixRaw(k, k)
		if err := matmulCtx(cc, sq, base, base); err != nil {
			return err
		}
		return matmulCtx(cc, dst, sq, base)
	}
	var result, z Matrix
	tmp := ws.matrixRaw(k, k)
	for m > 0 {
		if z.Data == nil {
			z = ws.clone(base)
		} else {
			if err := matmulCtx(cc, tmp, z, z); err != nil {
				return err
			}
			z, tmp = tmp, z
		}
		bit := m & 1
		m >>= 1
		if bit == 1 {
			if result.Data == nil {
				result = ws.clone(z)
			} else {
				next := ws.matrixRaw(k, k)
				if err := matmulCtx(cc, next, result, z); err != nil {
					return err
				}
				result = next
			}
		}
	}
	copy(dst.Data, result.Data)
	return nil
}

// MultiDot returns the product of two or more matrices, ms[0]·ms[1]·…,
// multiplying them in the order that needs the fewest scalar
// multiplications: the classic O(k³) dynamic programme over the chain's
// dimensions (Cormen et al., "Matrix-chain multiplication"), ties going to
// the split nearest the left end, as numpy.linalg.multi_dot chooses. A
// vector is a 1×n matrix at the front of the chain or an n×1 matrix at its
// end.
//
// It returns ErrInvalid if there are fewer than two matrices, and ErrShape
// if the inner dimensions of neighbours differ.
func MultiDot(ms []Matrix) (Matrix, error) {
	return multiDot(nil, ms)
}

// multiDot is MultiDot, stopping with the error of cc when cc is
// cancelled; the chain is checked before its result is allocated.
func multiDot(cc *canceller, ms []Matrix) (Matrix, error) {
	if err := checkChain(ms); err != nil {
		return Matrix{}, err
	}
	dst, err := newResult("multi_dot", ms[0].Rows, ms[len(ms)-1].Cols)
	if err != nil {
		return Matrix{}, err
	}
	return filledMatrix(dst, func(dst Matrix) error { return multiDotTo(cc, dst, ms) })
}

// checkChain returns the error of multi_dot's factors: fewer than two, one
// inconsistent, or two neighbours whose shapes do not chain.
func checkChain(ms []Matrix) error {
	if len(ms) < 2 {
		return invalidErr("multi_dot", "expecting at least two arrays, got %d", len(ms))
	}
	for i, m := range ms {
		if err := m.check("multi_dot", "arrays"); err != nil {
			return err
		}
		if i > 0 && ms[i-1].Cols != m.Rows {
			return shapeErr("multi_dot", "arrays[%d] is %dx%d but arrays[%d] is %dx%d", i-1, ms[i-1].Rows, ms[i-1].Cols, i, m.Rows, m.Cols)
		}
	}
	return nil
}

// MultiDotTo writes the product of ms into dst, which may share memory
// with any of them (numpy's out=); see MultiDot. It returns ErrShape if dst
// is not ms[0].Rows×ms[len(ms)-1].Cols.
func MultiDotTo(dst Matrix, ms []Matrix) error {
	return multiDotTo(nil, dst, ms)
}

// multiDotTo is MultiDotTo, stopping with the error of cc when cc is
// cancelled (dst then holds unspecified values).
func multiDotTo(cc *canceller, dst Matrix, ms []Matrix) error {
	if err := checkChain(ms); err != nil {
		return err
	}
	if err := dst.want("multi_dot", "dst", ms[0].Rows, ms[len(ms)-1].Cols); err != nil {
		return err
	}
	split := chainOrder(ms)
	var product func(i, j int) (Matrix, error)
	product = func(i, j int) (Matrix, error) {
		if i == j {
			return ms[i], nil
		}
		k := split[i][j]
		l, err := product(i, k)
		if err != nil {
			return Matrix{}, err
		}
		r, err := product(k+1, j)
		if err != nil {
			return Matrix{}, err
		}
		p := NewMatrix(l.Rows, r.Cols)
		return p, matmulCtx(cc, p, l, r)
	}
	k := split[0][len(ms)-1]
	l, err := product(0, k)
	if err != nil {
		return err
	}
	r, err := product(k+1, len(ms)-1)
	if err != nil {
		return err
	}
	// Only the last product writes dst; the products before it are new
	// matrices, and a factor of ms that overlaps dst is read from a copy.
	d := spanOf(dst.Data)
	l, r = cc.scratch().fresh(l, d), cc.scratch().fresh(r, d)
	return matmulCtx(cc, dst, l, r)
}

// chainOrder returns split[i][j], the k at which the product of ms[i..j] is
// best cut into ms[i..k]·ms[k+1..j]: cost[i][j] = min over k of
// cost[i][k] + cost[k+1][j] + pᵢ·pₖ₊₁·pⱼ₊₁, the first k on ties.
func chainOrder(ms []Matrix) [][]int {
	n := len(ms)
	p := make([]float64, n+1) // float64: products of dimensions do not overflow
	for i, m := range ms {
		p[i] = float64(m.Rows)
	}
	p[n] = float64(ms[n-1].Cols)
	cost := make([][]float64, n)
	split := make([][]int, n)
	for i := range cost {
		cost[i], split[i] = make([]float64, n), make([]int, n)
	}
	for l := 1; l < n; l++ {
		for i := 0; i+l < n; i++ {
			j := i + l
			for k := i; k < j; k++ {
				c := cost[i][k] + cost[k+1][j] + p[i]*p[k+1]*p[j+1]
				if k == i || c < cost[i][j] {
					cost[i][j], split[i][j] = c, k
				}
			}
		}
	}
	return split
}

// Cross returns the cross product of the 3-vectors a and b.
//
//	a × b = (a₁b₂ − a₂b₁, a₂b₀ − a₀b₂, a₀b₁ − a₁b₀)
//
// Each entry rounds its two products before the difference (no fused
// multiply-add), as numpy does. It returns ErrShape unless len(a) and len(b)
// are 3 (numpy's words: "input arrays must be (arrays of) 3-dimensional
// vectors"). CrossStack takes many pairs at once.
func Cross(a, b []float64) ([]float64, error) {
	return filledSlice(make([]float64, 3), func(dst []float64) error { return CrossTo(dst, a, b) })
}

// CrossTo writes a × b into dst (length 3); see Cross.
func CrossTo(dst, a, b []float64) error {
	if err := crossLen("x1", len(a)); err != nil {
		return err
	}
	if err := crossLen("x2", len(b)); err != nil {
		return err
	}
	if len(dst) != 3 {
		return shapeErr("cross", "dst must have 3 entries, got %d", len(dst))
	}
	x := float64(a[1]*b[2]) - float64(a[2]*b[1])
	y := float64(a[2]*b[0]) - float64(a[0]*b[2])
	z := float64(a[0]*b[1]) - float64(a[1]*b[0])
	dst[0], dst[1], dst[2] = x, y, z
	return nil
}

// crossLen returns ErrShape, in numpy's words, unless the vectors of the
// argument name have 3 entries.
func crossLen(name string, n int) error {
	if n != 3 {
		return shapeErr("cross", "input arrays must be (arrays of) 3-dimensional vectors, but %s's have %d entries", name, n)
	}
	return nil
}
