package twinmath

import (
	"fmt"
	"math"
	"math/rand"
	"strings"
	"testing"
)

// luResidual returns ‖P·A − L·U‖_F/(n·ε·‖A‖_F) for the factorisation lu of
// a with interchanges piv.
func luResidual(a Matrix, lu []float64, piv []int) float64 {
	n := a.Rows
	pa := a.Clone()
	interchange(pa, piv)
	l, u := NewMatrix(n, n), NewMatrix(n, n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			switch {
			case j < i:
				l.Data[i*n+j] = lu[i*n+j]
			case j == i:
				l.Data[i*n+j] = 1
				u.Data[i*n+j] = lu[i*n+j]
			default:
				u.Data[i*n+j] = lu[i*n+j]
			}
		}
	}
	return residRatio(pa, mulMat(l, u))
}

func TestLUFactorBlocked(t *testing.T) {
	rng := rand.New(rand.NewSource(31))
	cases := map[string]Matrix{}
	// From luAheadMin on, the look-ahead factorisation: 640 is ten whole
	// panels, 700 ends with a narrow one and a narrow chunk.
	for _, n := range []int{1, 5, 63, 64, 65, 100, 130, 257, luAheadMin, 640, 700} {
		cases[fmt.Sprintf("random %d", n)] = randMatrix(rng, n, n)
	}
	// Rank-deficient: exactly zero pivots appear.
	cases["rank 40 of 100"] = mulMat(randMatrix(rng, 100, 40), randMatrix(rng, 40, 100))
	z := NewMatrix(70, 70)
	copy(z.Data, randMatrix(rng, 70, 70).Data)
	for i := 0; i < 70; i++ {
		z.Data[i*70+35] = 0 // a zero column
	}
	cases["zero column"] = z
	cases["rank 300 of 600"] = mulMat(randMatrix(rng, 600, 300), randMatrix(rng, 300, 600))
	z = randMatrix(rng, 600, 600)
	for i := 0; i < 600; i++ {
		z.Data[i*600+300] = 0 // inside the fifth panel
	}
	cases["zero column 600"] = z
	g := randMatrix(rng, 300, 300)
	for i := 0; i < 300; i++ {
		for j := 0; j < 300; j++ {
			g.Data[i*300+j] = math.Ldexp(g.Data[i*300+j], 3*(i-150)+2*(j-150)) // 2⁻⁷⁵⁰ … 2⁷⁴⁵
		}
	}
	cases["graded 300"] = g
	for name, a := range cases {
		n := a.Rows
		lu, piv := a.Clone(), make([]int, n)
		sign, singular, _ := luFactorBlocked(nil, lu.Data, n, piv)
		if r := luResidual(a, lu.Data, piv); r > thresh {
			t.Errorf("%s: ‖PA − LU‖ ratio %.3g", name, r)
		}
		lu2, piv2 := a.Clone(), make([]int, n)
		sign2, singular2, _ := luFactorRect(nil, lu2.Data, n, n, piv2, axpyKernel) // unblocked
		if strings.HasPrefix(name, "zero column") && (!singular || !singular2) {
			t.Errorf("%s: not found singular", name)
		}
		if !strings.HasPrefix(name, "rank") && (sign != sign2 || singular != singular2) {
			t.Errorf("%s: sign %v singular %v, unblocked %v %v", name, sign, singular, sign2, singular2)
		}
	}
}

func TestLUSubstitute(t *testing.T) {
	rng := rand.New(rand.NewSource(32))
	for _, s := range [][2]int{{5, 1}, {5, 9}, {100, 1}, {100, 3}, {100, 100}, {130, 17}, {257, 1}, {257, 40}, {700, 1}, {700, 30}} {
		n, k := s[0], s[1]
		a, b := randMatrix(rng, n, n), randMatrix(rng, n, k)
		lu, piv := a.Clone(), make([]int, n)
		_, _, _ = luFactorBlocked(nil, lu.Data, n, piv)
		x := b.Clone()
		interchange(x, piv)
		_ = luSubstitute(nil, lu.Data, n, x)
		// The residual of each column, ‖B − A·X‖/(n·ε·‖A‖·‖X‖), Frobenius
		// norms for all columns together.
		r := subMat(b, mulMat(a, x))
		if ratio := fro(r) / (float64(n) * eps * fro(a) * fro(x)); ratio > thresh {
			t.Errorf("%dx%d: ‖B − A·X‖ ratio %.3g", n, k, ratio)
		}
	}
}

// The look-ahead factorisation allocates nothing on one thread: its state
// and its panels' buffer are on the stack and in the workspace.
func TestLUAheadAllocs(t *testing.T) {
	defer SetMaxThreads(SetMaxThreads(1))
	rng := rand.New(rand.NewSource(33))
	n := luAheadMin + 40
	a, b, x := randMatrix(rng, n, n), randMatrix(rng, n, 1), NewMatrix(n, 1)
	var ws Workspace
	if allocs := testing.AllocsPerRun(2, func() { _ = ws.SolveTo(x, a, b) }); allocs != 0 {
		t.Errorf("SolveTo at n = %d allocated %v times per call", n, allocs)
	}
}

// TestInvertTree checks that U's products packed once for all blocks of
// luInvert (packUpperTree) give the bits of each block packing its own,
// at orders whose recursion ends in leaves of every size, and at 1100,
// whose first product has an inner dimension past kcBlock (the packed
// blocks then follow one another in the tree). The last block is the
// narrow one.
func TestInvertTree(t *testing.T) {
	if gemmKernel == nil {
		t.Skip("no packed kernel in this build: luInvert packs no tree")
	}
	rng := rand.New(rand.NewSource(34))
	for _, n := range []int{17, 100, 300, 1100} {
		a := randMatrix(rng, n, n)
		lu, piv := a.Clone(), make([]int, n)
		_, _, _ = luFactorBlocked(nil, lu.Data, n, piv)
		tree := make([]float64, upperTreeLen(n))
		packUpperTree(tree, lu.Data, n, n)
		nb := (n + invBlock - 1) / invBlock
		for _, k := range []int{0, nb - 1} {
			own, shared := Identity(n), Identity(n)
			_ = invertBlock(nil, nil, lu.Data, n, own, k, nil)
			_ = invertBlock(nil, nil, lu.Data, n, shared, k, tree)
			for i := range own.Data {
				if math.Float64bits(own.Data[i]) != math.Float64bits(shared.Data[i]) {
					t.Fatalf("n = %d, block %d: entry %d is %v with the tree, %v without", n, k, i, shared.Data[i], own.Data[i])
				}
			}
		}
	}
}

// TestPackedProductPackedA checks that a product given its a packed
// already (packAll) has the bits of one that packs a itself, with an inner
// dimension of several kcBlock blocks and rows that end inside a panel.
func TestPackedProductPackedA(t *testing.T) {
	if gemmKernel == nil {
		t.Skip("no packed kernel in this build")
	}
	rng := rand.New(rand.NewSource(35))
	for _, s := range [][3]int{{50, 1100, 30}, {7, 513, 9}, {101, 64, 200}} {
		m, k, p := s[0], s[1], s[2]
		a, b, c0 := randMatrix(rng, m, k), randMatrix(rng, k, p), randMatrix(rng, m, p)
		ap := make([]float64, packedAllLen(m, k))
		packAll(ap, a, m, k, true)
		own, shared := c0.Clone(), c0.Clone()
		_ = packedProduct(nil, nil, packed{dst: own, a: a, b: b, m: m, k: k, p: p, neg: true})
		_ = packedProduct(nil, nil, packed{dst: shared, a: a, b: b, m: m, k: k, p: p, neg: true, ap: ap})
		for i := range own.Data {
			if math.Float64bits(own.Data[i]) != math.Float64bits(shared.Data[i]) {
				t.Fatalf("%v: entry %d is %v with a packed, %v without", s, i, shared.Data[i], own.Data[i])
			}
		}
	}
}
