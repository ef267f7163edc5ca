package twinmath

import "testing"

// FuzzWorkspace runs two operations in a row on one Workspace, so that what
// the first leaves in the workspace meets the second: each must give the
// plain form's outcome (the same error, or the same bits).
func FuzzWorkspace(f *testing.F) {
	fuzzOps(f, 8, func(t *testing.T, op byte, z *fz, c *checker) {
		var ws Workspace
		for round := 0; round < 2; round++ {
			a := decompInput(z, op%2 == 0)
			b := z.rhs(a.Rows)
			c.keepMatrix(a, b)
			var got, want [][]float64
			var gerr, werr error
			switch (int(op) + round) % 8 {
			case 0:
				var d, e float64
				d, gerr = ws.Det(a)
				e, werr = Det(a)
				got, want = [][]float64{{d}}, [][]float64{{e}}
			case 1:
				want1, err := Inv(a)
				werr = err
				dst := NewMatrix(max(want1.Rows, 0), max(want1.Cols, 0))
				if err == nil {
					gerr = ws.InvTo(dst, a)
				} else {
					gerr = ws.InvTo(NewMatrix(max(a.Cols, 0)%8, max(a.Rows, 0)%8), a)
				}
				got, want = [][]float64{dst.Data}, [][]float64{want1.Data}
			case 2:
				w, err := Solve(a, b)
				werr = err
				dst := NewMatrix(max(a.Cols, 0)%8, b.Cols)
				gerr = ws.SolveTo(dst, a, b)
				got, want = [][]float64{dst.Data}, [][]float64{w.Data}
			case 3:
				w, err := Cholesky(a)
				werr = err
				dst := NewMatrix(max(a.Rows, 0)%8, max(a.Rows, 0)%8)
				gerr = ws.CholeskyTo(dst, a)
				got, want = [][]float64{dst.Data}, [][]float64{w.Data}
			case 4:
				q, r, err := QR(a)
				werr = err
				k := min(max(a.Rows, 0), max(a.Cols, 0)) % 8
				gq, gr := NewMatrix(max(a.Rows, 0)%8, k), NewMatrix(k, max(a.Cols, 0)%8)
				gerr = ws.QRTo(gq, gr, a)
				got, want = [][]float64{gq.Data, gr.Data}, [][]float64{q.Data, r.Data}
			case 5:
				w, v, err := Eigh(a)
				werr = err
				n := max(a.Rows, 0) % 8
				gw, gv := make([]float64, n), NewMatrix(n, n)
				gerr = ws.EighTo(gw, gv, a)
				got, want = [][]float64{gw, gv.Data}, [][]float64{w, v.Data}
			case 6:
				u, s, vt, err := SVD(a)
				werr = err
				m, n := max(a.Rows, 0)%8, max(a.Cols, 0)%8
				k := min(m, n)
				gu, gs, gvt := NewMatrix(m, k), make([]float64, k), NewMatrix(k, n)
				gerr = ws.SVDTo(gu, gs, gvt, a)
				got, want = [][]float64{gu.Data, gs, gvt.Data}, [][]float64{u.Data, s, vt.Data}
			case 7:
				p, err := Pinv(a, 1e-15)
				werr = err
				dst := NewMatrix(max(a.Cols, 0)%8, max(a.Rows, 0)%8)
				gerr = ws.PinvTo(dst, a, 1e-15)
				got, want = [][]float64{dst.Data}, [][]float64{p.Data}
			}
			if (gerr == nil) != (werr == nil) {
				t.Fatalf("op %d: workspace error %v, plain error %v", (int(op)+round)%8, gerr, werr)
			}
			if gerr != nil {
				if !wrapsSentinel(gerr) {
					t.Fatalf("workspace error %q wraps no sentinel", gerr)
				}
				continue
			}
			for i := range want {
				if !sameBits(got[i], want[i]) {
					t.Fatalf("op %d: workspace result %v, plain %v", (int(op)+round)%8, got[i], want[i])
				}
			}
			c.done("Workspace", nil)
		}
	})
}
