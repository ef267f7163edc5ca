package twinmath

// Diagonal returns the offset diagonal of the m×n matrix a as a new slice:
// offset 0 is the main diagonal, offset k > 0 the k-th above it and k < 0
// the |k|-th below it.
//
//	dst[i] = a[i][i+offset]   (offset ≥ 0)
//	dst[i] = a[i−offset][i]   (offset < 0)
//
// A diagonal that lies outside a is empty.
func Diagonal(a Matrix, offset int) ([]float64, error) {
	if err := a.check("diagonal", "x"); err != nil {
		return nil, err
	}
	return filledSlice(make([]float64, diagonalLength(a.Rows, a.Cols, offset)), func(dst []float64) error { return DiagonalTo(dst, a, offset) })
}

// DiagonalTo writes the offset diagonal of a into dst; see Diagonal. It
// returns ErrShape if dst does not have the diagonal's length.
func DiagonalTo(dst []float64, a Matrix, offset int) error {
	if err := a.check("diagonal", "x"); err != nil {
		return err
	}
	k := diagonalLength(a.Rows, a.Cols, offset)
	if len(dst) != k {
		return shapeErr("diagonal", "dst has length %d, want %d", len(dst), k)
	}
	i0, j0 := 0, offset
	if offset < 0 {
		i0, j0 = -offset, 0
	}
	for i := range dst {
		dst[i] = a.Data[(i0+i)*a.Cols+j0+i]
	}
	return nil
}

// diagonalLength returns the length of the offset diagonal of an m×n
// matrix, 0 when it lies outside.
func diagonalLength(m, n, offset int) int {
	if offset >= 0 {
		if offset >= n {
			return 0
		}
		return min(m, n-offset)
	}
	if -offset >= m {
		return 0
	}
	return min(m+offset, n)
}

// MatrixTranspose returns the transpose of the matrix a, as Transpose does;
// it is numpy.linalg.matrix_transpose's name, which on a stack of matrices
// transposes each.
//
//	dst[j][i] = a[i][j]
func MatrixTranspose(a Matrix) (Matrix, error) {
	return Transpose(a)
}
