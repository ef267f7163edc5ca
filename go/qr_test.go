package twinmath

import "testing"

func TestQRResiduals(t *testing.T) {
	for name, a := range families() {
		q, r, err := QR(a)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		as, rs := scaledAlike(a, r)
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
