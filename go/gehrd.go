package twinmath

// Blocked Hessenberg reduction, as LAPACK's dgehrd and dlahr2: the
// reflections H_ilo⋯H_{ihi−2} = Q are those of the one-at-a-time reduction
// (H = QᵀAQ), but a panel of hessBlock of them is built before the rest of
// the matrix is touched. Within the panel each column is brought up to
// date from the panel's earlier reflections (Q_j = I − V·T·Vᵀ on both
// sides) and Y = A·V·T is accumulated one column per reflection; after the
// panel the pending updates A ← A − Y·Vᵀ (from the right) and
// A ← (I − V·Tᵀ·Vᵀ)·A (from the left) are matrix products, and Qᵀ is
// formed from the reflections in blocks (applyReflectors). Each reflection
// is the same orthogonal transformation as in the unblocked reduction,
// computed in another order, so the backward error stays O(n·ε·‖A‖)
// (Higham, Accuracy and Stability, §19.3).

// hessBlock is the number of reflections of a panel.
const hessBlock = 32

// hessBlockedMin is the order of the active block from which schurEig
// reduces with hessenbergBlocked: below it the panels' overhead outweighs
// what the matrix products save (measured with BenchmarkEigCPU).
var hessBlockedMin = 300

// hessenbergBlocked has the contract of hessenberg: it reduces rows and
// columns ilo..ihi of the n×n matrix h to upper Hessenberg form and returns
// Qᵀ. It stops with the error of cc, which it looks at after each column of
// a panel and each block update, when cc is cancelled.
func hessenbergBlocked(cc *canceller, h []float64, n, ilo, ihi int) ([]float64, error) {
	K := max(ihi-1-ilo, 0) // reflections for columns ilo..ihi-2
	// Reflection k (column ilo+k) in vs[k·n : (k+1)·n]: 1 at row ilo+k+1,
	// its vector below, zeros elsewhere (the layout of applyReflectors).
	vs := make([]float64, K*n)
	taus := make([]float64, K)
	nb := hessBlock
	rows := ihi + 1
	y := make([]float64, rows*nb) // Y = A·V·T, row-major rows×nb
	t := make([]float64, nb*nb)   // T, upper triangular
	col := make([]float64, n)
	z := make([]float64, nb)
	w := make([]float64, nb)
	p := ilo
	// Panels while the trailing block is large enough to pay for them.
	for ; p+nb < ihi-1 && ihi-p > 2*nb; p += nb {
		b := nb
		clear(y)
		clear(t)
		for j := 0; j < b; j++ {
			c := p + j
			vc := func(l int) []float64 { return vs[(p-ilo+l)*n : (p-ilo+l+1)*n] }
			// Column c, rows p+1..ihi: A·Q_j from the right, then Q_jᵀ
			// from the left.
			x := col[p+1 : rows]
			for r := p + 1; r < rows; r++ {
				x[r-p-1] = h[r*n+c]
			}
			if j > 0 {
				for l := 0; l < j; l++ {
					z[l] = vc(l)[c]
				}
				for r := p + 1; r < rows; r++ {
					x[r-p-1] -= dot(y[r*nb:r*nb+j], z[:j])
				}
				for l := 0; l < j; l++ {
					w[l] = dot(vc(l)[p+1:rows], x)
				}
				for l := j - 1; l >= 0; l-- {
					s := 0.0
					for m := 0; m <= l; m++ {
						s += t[m*nb+l] * w[m]
					}
					w[l] = s
				}
				for l := 0; l < j; l++ {
					axpy(x, -w[l], vc(l)[p+1:rows])
				}
			}
			for r := p + 1; r <= c; r++ {
				h[r*n+c] = x[r-p-1]
			}
			// The reflection of column c, rows c+1..ihi.
			v := x[c-p:]
			beta, tau := eigReflector(v)
			h[(c+1)*n+c] = beta
			for r := c + 2; r < rows; r++ {
				h[r*n+c] = 0
			}
			copy(vc(j)[c+1:rows], v)
			taus[c-ilo] = tau
			vj := vc(j)[c+1 : rows]
			// z = V_jᵀ·v; column j of T = (−τ·T_j·z, τ).
			for l := 0; l < j; l++ {
				z[l] = dot(vc(l)[c+1:rows], vj)
			}
			for m := 0; m < j; m++ {
				s := 0.0
				for l := m; l < j; l++ {
					s += t[m*nb+l] * z[l]
				}
				t[m*nb+j] = -tau * s
			}
			t[j*nb+j] = tau
			// Column j of Y = τ·(A·v − Y_j·z), A as the panel found it
			// (columns c+1.. are still untouched); rows 0..p after the
			// panel, through the matrix product.
			for r := p + 1; r < rows; r++ {
				s := dot(h[r*n+c+1:r*n+rows], vj)
				y[r*nb+j] = tau * (s - dot(y[r*nb:r*nb+j], z[:j]))
			}
			if err := cc.tick(2 * rows * (rows - c)); err != nil {
				return nil, err
			}
		}
		k1 := p + b
		// Rows 0..p of Y = A·V·T, A's rows 0..p being as the panel found
		// them.
		top, L2 := p+1, rows-p-1
		at := NewMatrix(top, L2)
		for r := 0; r < top; r++ {
			copy(at.Data[r*L2:(r+1)*L2], h[r*n+p+1:r*n+rows])
		}
		vm2 := NewMatrix(L2, b)
		for l := 0; l < b; l++ {
			for q := 0; q < L2; q++ {
				vm2.Data[q*b+l] = vs[(p-ilo+l)*n+p+1+q]
			}
		}
		av := NewMatrix(top, b)
		matmul(av, at, vm2)
		for r := 0; r < top; r++ {
			for j := 0; j < b; j++ {
				sum := 0.0
				for l := 0; l <= j; l++ {
					sum += av.Data[r*b+l] * t[l*nb+j]
				}
				y[r*nb+j] = sum
			}
		}
		// From the right on rows 0..p, columns p+1..k1-1 (inside the panel).
		for r := 0; r <= p; r++ {
			yr := y[r*nb : r*nb+b]
			for c := p + 1; c < k1; c++ {
				s := 0.0
				for l := 0; l < c-p; l++ {
					s += yr[l] * vs[(p-ilo+l)*n+c]
				}
				h[r*n+c] -= s
			}
		}
		// From the right on rows 0..ihi, columns k1..ihi: A −= Y·Vᵀ.
		L := rows - k1
		vt := NewMatrix(b, L)
		for l := 0; l < b; l++ {
			copy(vt.Data[l*L:(l+1)*L], vs[(p-ilo+l)*n+k1:(p-ilo+l)*n+rows])
		}
		if err := subProduct(cc.scratch(), cc, h[k1:], n, Matrix{Rows: rows, Cols: b, Data: y[:rows*nb]}, vt); err != nil {
			return nil, err
		}
		// From the left on rows p+1..ihi, columns k1..n-1:
		// A −= V·(Tᵀ·(Vᵀ·A)).
		m, cols := rows-p-1, n-k1
		s := NewMatrix(m, cols)
		for r := 0; r < m; r++ {
			copy(s.Data[r*cols:(r+1)*cols], h[(p+1+r)*n+k1:(p+2+r)*n])
		}
		vb := NewMatrix(b, m)
		for l := 0; l < b; l++ {
			copy(vb.Data[l*m:(l+1)*m], vs[(p-ilo+l)*n+p+1:(p-ilo+l)*n+rows])
		}
		wm := NewMatrix(b, cols)
		matmul(wm, vb, s)
		w2 := NewMatrix(b, cols)
		for l := 0; l < b; l++ {
			dst := w2.Data[l*cols : (l+1)*cols]
			for q := 0; q <= l; q++ {
				if tq := t[q*nb+l]; tq != 0 {
					axpy(dst, tq, wm.Data[q*cols:(q+1)*cols])
				}
			}
		}
		vm, _ := Transpose(vb)
		if err := subProduct(cc.scratch(), cc, h[(p+1)*n+k1:], n, vm, w2); err != nil {
			return nil, err
		}
		if err := cc.tick(4 * b * rows * (rows - k1 + cols)); err != nil {
			return nil, err
		}
	}
	// The rest one reflection at a time.
	wrk := make([]float64, n)
	for k := p; k+1 < ihi; k++ {
		if err := cc.tick(4 * n * (ihi - k)); err != nil {
			return nil, err
		}
		v := vs[(k-ilo)*n+k+1 : (k-ilo)*n+rows]
		taus[k-ilo] = hessenbergStep(h, n, k, ihi, v, wrk)
	}
	zt := make([]float64, n*n)
	for i := 0; i < n; i++ {
		zt[i*n+i] = 1
	}
	if err := applyReflectors(cc, zt, n, n, vs, taus, ilo+1, true); err != nil {
		return nil, err
	}
	return zt, nil
}
