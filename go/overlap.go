package twinmath

import "unsafe"

// Overlap of outputs and inputs. A …To function gives the result numpy's
// out= gives whatever memory dst shares with an input: an input whose
// backing array overlaps an output is copied first, so the computation reads
// the values the caller passed. The test compares address ranges, taken
// from the slices' data pointers with unsafe; it converts no address back to
// a pointer, and the garbage collector moves no heap memory, so the package
// stays pure Go (no cgo) and safe.

// span is the address range [lo, hi) of a slice's elements; empty slices
// have lo == hi and overlap nothing.
type span struct{ lo, hi uintptr }

// spanOf returns the address range of s's elements.
func spanOf[T any](s []T) span {
	if len(s) == 0 {
		return span{}
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
	return span{lo, lo + uintptr(len(s))*unsafe.Sizeof(s[0])}
}

func (a span) overlaps(b span) bool { return a.lo < b.hi && b.lo < a.hi }

// fresh returns v, or a copy of v if its memory overlaps any of outs.
func fresh(v []float64, outs ...span) []float64 {
	s := spanOf(v)
	for _, o := range outs {
		if s.overlaps(o) {
			return append([]float64(nil), v...)
		}
	}
	return v
}

// freshElementwise returns v for an elementwise operation writing dst: the
// very same slice is safe (each entry is read before it is written), a
// partial overlap is not and gets a copy.
func freshElementwise(v, dst []float64) []float64 {
	s, d := spanOf(v), spanOf(dst)
	if s == d {
		return v
	}
	return fresh(v, d)
}

// fresh returns m, or m with a copy of its Data if that overlaps any of outs.
func (m Matrix) fresh(outs ...span) Matrix {
	m.Data = fresh(m.Data, outs...)
	return m
}
