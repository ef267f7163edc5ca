package twinmath

import "math"

// PCA returns the first k principal components of the data x (one sample per
// row, one feature per column), the variance each explains, and the data
// projected onto them. With Xc the centred data (each column minus its mean)
// and Xc = U·diag(s)·Vt its SVD in canonical form:
//
//	components = Vt[:k]                  k×d, orthonormal rows
//	explained  = s[:k]² / (N − 1)        the sample variance along each (ddof = 1)
//	projected  = Xc·componentsᵀ          N×k
//
// It returns ErrInvalid if x is empty, has fewer than two samples, holds NaN
// or Inf, or unless 1 ≤ k ≤ min(N, d), and ErrNoConvergence as SVD.
func PCA(x Matrix, k int) (components Matrix, explained []float64, projected Matrix, err error) {
	return pcaAlloc(nil, x, k)
}

// pcaAlloc is PCA, stopping with the error of cc when cc is cancelled.
func pcaAlloc(cc *canceller, x Matrix, k int) (components Matrix, explained []float64, projected Matrix, err error) {
	if err := checkPCA(x, k); err != nil {
		return Matrix{}, nil, Matrix{}, err
	}
	components, explained, projected = NewMatrix(k, x.Cols), make([]float64, k), NewMatrix(x.Rows, k)
	if err := pcaTo(cc, components, explained, projected, x, k); err != nil {
		return Matrix{}, nil, Matrix{}, err
	}
	return components, explained, projected, nil
}

func checkPCA(x Matrix, k int) error {
	const op = "pca"
	if err := x.check(op, "X"); err != nil {
		return err
	}
	if x.Rows == 0 || x.Cols == 0 {
		return invalidErr(op, "X is empty")
	}
	if x.Rows < 2 {
		return invalidErr(op, "X needs at least two samples, got %d", x.Rows)
	}
	if err := checkFinite(op, "X", x.Data); err != nil {
		return err
	}
	return checkK(op, k, min(x.Rows, x.Cols))
}

// PCATo writes the results of PCA(x, k) into components (k×d), explained (k)
// and projected (N×k).
func PCATo(components Matrix, explained []float64, projected, x Matrix, k int) error {
	return pcaTo(nil, components, explained, projected, x, k)
}

func pcaTo(cc *canceller, components Matrix, explained []float64, projected, x Matrix, k int) error {
	if cc.scratch() == nil {
		return withScratch(cc, "pca", func(cc *canceller) error { return pcaTo(cc, components, explained, projected, x, k) })
	}
	x = cc.scratch().fresh(x, spanOf(components.Data), spanOf(explained), spanOf(projected.Data))
	const op = "pca"
	if err := checkPCA(x, k); err != nil {
		return err
	}
	N, d := x.Rows, x.Cols
	if err := components.want(op, "components", k, d); err != nil {
		return err
	}
	if len(explained) != k {
		return shapeErr(op, "explained_variance has length %d, want %d", len(explained), k)
	}
	if err := projected.want(op, "projected", N, k); err != nil {
		return err
	}
	ws := cc.scratch()
	mk := ws.mark()
	defer ws.release(mk)
	xc := ws.clone(x)
	// Data beyond 2^500 is divided by 2^e (exact) first, so
	// that the mean and the centred data do not overflow needlessly; the
	// variances and projections are scaled back (and overflow only if they do).
	e := 0
	if m := maxAbs(x.Data); m >= 0x1p500 {
		_, e = math.Frexp(m)
		for i := range xc.Data {
			xc.Data[i] = math.Ldexp(xc.Data[i], -e)
		}
	}
	mean := ws.floats(d)
	for i := 0; i < N; i++ {
		axpy(mean, 1, xc.Row(i))
	}
	for j := range mean {
		mean[j] /= float64(N)
	}
	for i := 0; i < N; i++ {
		axpy(xc.Row(i), -1, mean)
	}
	_, s, vt, err := svd(cc, op, xc, true)
	if err != nil {
		return err
	}
	copy(components.Data, vt.Data[:k*d])
	for i := range explained {
		explained[i] = math.Ldexp(s[i]*s[i]/float64(N-1), 2*e)
	}
	ct := ws.transpose(components)
	if err := matmulCtx(cc, projected, xc, ct); err != nil {
		return err
	}
	if e != 0 {
		for i := range projected.Data {
			projected.Data[i] = math.Ldexp(projected.Data[i], e)
		}
	}
	return nil
}
