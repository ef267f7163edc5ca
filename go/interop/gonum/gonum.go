// Package gonum converts between twinmath's Matrix and gonum's mat.Dense and
// mat.SymDense, so that a gonum code base can call twinmath where it is the
// faster of the two, and the other way round.
//
// Both libraries store a dense matrix row-major in a []float64; gonum adds a
// stride, the distance between the starts of two rows. Where the layouts
// agree — a Dense whose stride equals its column count, which is every
// Dense that gonum allocates itself and every Dense this package makes — the
// conversions share the storage rather than copy it: a write through one
// value is seen through the other. Views with a larger stride (a Slice of a
// bigger matrix) are copied. A SymDense stores only its upper triangle
// meaningfully, so converting one to a Matrix always copies and fills both
// triangles.
//
// This module depends on gonum; the twinmath package itself does not.
package gonum

import (
	"fmt"

	"github.com/twinmath/twinmath/go"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// ToDense returns a *mat.Dense that shares m's storage: no copy. It returns
// nil for an empty m, which gonum cannot represent, and panics if m's fields
// are inconsistent (len(m.Data) != m.Rows*m.Cols), as mat.NewDense does.
func ToDense(m twinmath.Matrix) *mat.Dense {
	if m.Rows == 0 || m.Cols == 0 {
		return nil
	}
	return mat.NewDense(m.Rows, m.Cols, m.Data)
}

// FromDense returns d as a twinmath.Matrix. When d's rows are contiguous
// (its stride is its column count) the result shares d's storage; otherwise
// it is a copy. shared reports which.
func FromDense(d *mat.Dense) (m twinmath.Matrix, shared bool) {
	raw := d.RawMatrix()
	if raw.Rows == 0 || raw.Cols == 0 {
		return twinmath.NewMatrix(raw.Rows, raw.Cols), false
	}
	if raw.Stride == raw.Cols {
		return twinmath.Matrix{Rows: raw.Rows, Cols: raw.Cols, Data: raw.Data[:raw.Rows*raw.Cols]}, true
	}
	m = twinmath.NewMatrix(raw.Rows, raw.Cols)
	for i := 0; i < raw.Rows; i++ {
		copy(m.Row(i), raw.Data[i*raw.Stride:i*raw.Stride+raw.Cols])
	}
	return m, false
}

// ToSymDense returns the symmetric matrix whose upper triangle is that of m,
// sharing m's storage: no copy. It returns an error if m is not square and
// nil for an empty m. gonum reads only the upper triangle, twinmath's Eigh
// the lower: give a matrix whose triangles agree.
func ToSymDense(m twinmath.Matrix) (*mat.SymDense, error) {
	if m.Rows != m.Cols || len(m.Data) != m.Rows*m.Cols {
		return nil, fmt.Errorf("gonum: a SymDense needs a square matrix, got %dx%d", m.Rows, m.Cols)
	}
	if m.Rows == 0 {
		return nil, nil
	}
	return mat.NewSymDense(m.Rows, m.Data), nil
}

// FromSymDense returns s as a full twinmath.Matrix, both triangles filled
// from s's upper triangle. It always copies: gonum leaves the strict lower
// triangle of a SymDense's storage unspecified.
func FromSymDense(s *mat.SymDense) twinmath.Matrix {
	raw := s.RawSymmetric()
	n := raw.N
	m := twinmath.NewMatrix(n, n)
	fillSymmetric(m, raw)
	return m
}

func fillSymmetric(m twinmath.Matrix, raw blas64.Symmetric) {
	for i := 0; i < raw.N; i++ {
		for j := i; j < raw.N; j++ {
			v := raw.Data[i*raw.Stride+j]
			m.Data[i*raw.N+j], m.Data[j*raw.N+i] = v, v
		}
	}
}
