package twinmath

import "testing"

func FuzzRng(f *testing.F) {
	f.Add(uint64(0), int64(0), int64(10), 5, byte(0))
	f.Add(uint64(42), int64(-1<<63), int64(1<<63-1), 3, byte(2))
	f.Add(uint64(7), int64(5), int64(5), -1, byte(3))
	f.Fuzz(func(t *testing.T, seed uint64, low, high int64, n int, op byte) {
		if n > 1<<12 && n <= MaxLen {
			n %= 1 << 12 // a real allocation of that size is no bug
		}
		r := NewRng(seed)
		switch op % 4 {
		case 0:
			v, err := r.Random(n)
			checkErr(t, err, len(v))
			for _, x := range v {
				if !(x >= 0 && x < 1) {
					t.Fatalf("Random gave %v", x)
				}
			}
		case 1:
			v, err := r.Normal(n)
			checkErr(t, err, len(v))
			for _, x := range v {
				if x != x || x > 1e3 || x < -1e3 {
					t.Fatalf("Normal gave %v", x)
				}
			}
		case 2:
			v, err := r.Integers(low, high, n)
			checkErr(t, err, len(v))
			for _, x := range v {
				if x < low || x >= high {
					t.Fatalf("Integers(%d, %d) gave %d", low, high, x)
				}
			}
		case 3:
			v, err := r.Permutation(n)
			checkErr(t, err, len(v))
			seen := make([]bool, len(v))
			for _, x := range v {
				if x < 0 || x >= len(v) || seen[x] {
					t.Fatalf("Permutation(%d) = %v", n, v)
				}
				seen[x] = true
			}
		}
	})
}

// checkErr fails unless err is nil or wraps a sentinel and comes with an
// empty result.
func checkErr(t *testing.T, err error, n int) {
	t.Helper()
	if err != nil && (!wrapsSentinel(err) || n != 0) {
		t.Fatalf("error %q with %d values", err, n)
	}
}
