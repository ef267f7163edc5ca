package twinmath

import (
	"fmt"
	"math"
	"testing"
)

// toCase is a …To function over flat buffers: outs and ins have the lengths
// given, and run builds its arguments from them.
type toCase struct {
	name string
	outs []int
	ins  []int
	fill func(ins [][]float64) // nil: pseudo-random values in (−1, 1)
	run  func(outs, ins [][]float64) error
}

func mat(r, c int, d []float64) Matrix { return Matrix{Rows: r, Cols: c, Data: d} }

func spdFill(n int) func(ins [][]float64) {
	return func(ins [][]float64) {
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				ins[0][i*n+j] = 1 / float64(1+i+j)
			}
			ins[0][i*n+i] += float64(n)
		}
	}
}

func sumSquares(x []float64) (float64, error) {
	s := 0.0
	for i, v := range x {
		s += float64(i+1) * v * v * v
	}
	return s, nil
}

var toCases = []toCase{
	{"AddTo", []int{5}, []int{5, 5}, nil, func(o, i [][]float64) error { return AddTo(o[0], i[0], i[1]) }},
	{"SubtractTo", []int{5}, []int{5, 5}, nil, func(o, i [][]float64) error { return SubtractTo(o[0], i[0], i[1]) }},
	{"ScaleTo", []int{5}, []int{5}, nil, func(o, i [][]float64) error { return ScaleTo(o[0], i[0], 3) }},
	{"OuterTo", []int{12}, []int{3, 4}, nil, func(o, i [][]float64) error { return OuterTo(mat(3, 4, o[0]), i[0], i[1]) }},
	{"ProjectTo", []int{5}, []int{5, 5}, nil, func(o, i [][]float64) error { return ProjectTo(o[0], i[0], i[1]) }},
	{"MatmulTo", []int{9}, []int{9, 9}, nil, func(o, i [][]float64) error { return MatmulTo(mat(3, 3, o[0]), mat(3, 3, i[0]), mat(3, 3, i[1])) }},
	{"MatmulTo rect", []int{6}, []int{8, 12}, nil, func(o, i [][]float64) error { return MatmulTo(mat(2, 3, o[0]), mat(2, 4, i[0]), mat(4, 3, i[1])) }},
	{"MultiDotTo two", []int{6}, []int{8, 12}, nil, func(o, i [][]float64) error {
		return MultiDotTo(mat(2, 3, o[0]), []Matrix{mat(2, 4, i[0]), mat(4, 3, i[1])})
	}},
	{"MultiDotTo first", []int{9}, []int{9, 9, 9}, nil, func(o, i [][]float64) error {
		return MultiDotTo(mat(3, 3, o[0]), []Matrix{mat(3, 3, i[0]), mat(3, 3, i[1]), mat(3, 3, i[2])})
	}},
	{"MultiDotTo last", []int{6}, []int{8, 16, 12}, nil, func(o, i [][]float64) error {
		return MultiDotTo(mat(2, 3, o[0]), []Matrix{mat(2, 4, i[0]), mat(4, 4, i[1]), mat(4, 3, i[2])})
	}},
	{"TransposeTo", []int{12}, []int{12}, nil, func(o, i [][]float64) error { return TransposeTo(mat(4, 3, o[0]), mat(3, 4, i[0])) }},
	{"InvTo", []int{9}, []int{9}, nil, func(o, i [][]float64) error { return InvTo(mat(3, 3, o[0]), mat(3, 3, i[0])) }},
	{"SolveTo", []int{6}, []int{9, 6}, nil, func(o, i [][]float64) error { return SolveTo(mat(3, 2, o[0]), mat(3, 3, i[0]), mat(3, 2, i[1])) }},
	{"CholeskyTo", []int{9}, []int{9}, spdFill(3), func(o, i [][]float64) error { return CholeskyTo(mat(3, 3, o[0]), mat(3, 3, i[0])) }},
	{"LUTo", []int{9, 9, 12}, []int{12}, nil, func(o, i [][]float64) error {
		return LUTo(mat(3, 3, o[0]), mat(3, 3, o[1]), mat(3, 4, o[2]), mat(3, 4, i[0]))
	}},
	{"QRTo", []int{6, 4}, []int{6}, nil, func(o, i [][]float64) error { return QRTo(mat(3, 2, o[0]), mat(2, 2, o[1]), mat(3, 2, i[0])) }},
	{"SVDTo", []int{6, 2, 4}, []int{6}, nil, func(o, i [][]float64) error {
		return SVDTo(mat(3, 2, o[0]), o[1], mat(2, 2, o[2]), mat(3, 2, i[0]))
	}},
	{"TruncatedSVDTo", []int{3, 1, 2, 6}, []int{6}, nil, func(o, i [][]float64) error {
		return TruncatedSVDTo(mat(3, 1, o[0]), o[1], mat(1, 2, o[2]), mat(3, 2, o[3]), mat(3, 2, i[0]), 1)
	}},
	{"PinvTo", []int{6}, []int{6}, nil, func(o, i [][]float64) error { return PinvTo(mat(2, 3, o[0]), mat(3, 2, i[0]), 1e-15) }},
	{"LstsqTo", []int{4}, []int{6, 6}, nil, func(o, i [][]float64) error { return LstsqTo(mat(2, 2, o[0]), mat(3, 2, i[0]), mat(3, 2, i[1]), -1) }},
	{"PCATo", []int{6, 2, 8}, []int{12}, nil, func(o, i [][]float64) error {
		return PCATo(mat(2, 3, o[0]), o[1], mat(4, 2, o[2]), mat(4, 3, i[0]), 2)
	}},
	{"EighLowerTo", []int{3, 9}, []int{9}, nil, func(o, i [][]float64) error { return EighLowerTo(o[0], mat(3, 3, o[1]), mat(3, 3, i[0])) }},
	{"MeanAxisTo", []int{3}, []int{12}, nil, func(o, i [][]float64) error { return MeanAxisTo(o[0], mat(4, 3, i[0]), 0) }},
	{"VarianceAxisTo", []int{4}, []int{12}, nil, func(o, i [][]float64) error { return VarianceAxisTo(o[0], mat(4, 3, i[0]), 1, 1) }},
	{"StdAxisTo", []int{3}, []int{12}, nil, func(o, i [][]float64) error { return StdAxisTo(o[0], mat(4, 3, i[0]), 1, 0) }},
	{"CovarianceTo", []int{9}, []int{12}, nil, func(o, i [][]float64) error { return CovarianceTo(mat(3, 3, o[0]), mat(4, 3, i[0]), 1) }},
	{"ZscoreTo", []int{12, 3, 3}, []int{12}, nil, func(o, i [][]float64) error { return ZscoreTo(mat(4, 3, o[0]), o[1], o[2], mat(4, 3, i[0])) }},
	{"NormalPDFTo", []int{5}, []int{5}, nil, func(o, i [][]float64) error { return NormalPDFTo(o[0], i[0], 0.5, 2) }},
	{"NormalCDFTo", []int{5}, []int{5}, nil, func(o, i [][]float64) error { return NormalCDFTo(o[0], i[0], 0.5, 2) }},
	{"SigmoidTo", []int{5}, []int{5}, nil, func(o, i [][]float64) error { return SigmoidTo(o[0], i[0]) }},
	{"SigmoidDerivativeTo", []int{5}, []int{5}, nil, func(o, i [][]float64) error { return SigmoidDerivativeTo(o[0], i[0]) }},
	{"ReluTo", []int{5}, []int{5}, nil, func(o, i [][]float64) error { return ReluTo(o[0], i[0]) }},
	{"TanhTo", []int{5}, []int{5}, nil, func(o, i [][]float64) error { return TanhTo(o[0], i[0]) }},
	{"SoftmaxTo", []int{5}, []int{5}, nil, func(o, i [][]float64) error { return SoftmaxTo(o[0], i[0]) }},
	{"SoftmaxAxisTo", []int{6}, []int{6}, nil, func(o, i [][]float64) error { return SoftmaxAxisTo(o[0], i[0], []int{2, 3}, 0) }},
	{"ForwardPassTo", []int{6, 6, 6, 6}, []int{6, 4, 2, 4, 2}, nil, func(o, i [][]float64) error {
		dst := ForwardPassResult{A1: mat(3, 2, o[0]), A2: mat(3, 2, o[1]), Z1: mat(3, 2, o[2]), Z2: mat(3, 2, o[3])}
		return ForwardPassTo(dst, mat(3, 2, i[0]), mat(2, 2, i[1]), i[2], mat(2, 2, i[3]), i[4])
	}},
	{"GradientTo", []int{4}, []int{4}, nil, func(o, i [][]float64) error { return GradientTo(o[0], sumSquares, i[0], 1e-5) }},
	{"HessianTo", []int{9}, []int{3}, nil, func(o, i [][]float64) error { return HessianTo(mat(3, 3, o[0]), sumSquares, i[0], 1e-4) }},
	{"JacobianTo", []int{6}, []int{3}, nil, func(o, i [][]float64) error {
		f := func(x []float64) ([]float64, error) { return []float64{x[0] * x[1], x[2] * x[2]}, nil }
		return JacobianTo(mat(2, 3, o[0]), f, i[0], 1e-5)
	}},
	{"GradientDescentTo", []int{6}, []int{2}, nil, func(o, i [][]float64) error {
		_, _, err := GradientDescentTo(mat(3, 2, o[0]), sumSquares, nil, i[0], GradientDescentOptions{LearningRate: 0.1, MaxIter: 5, Tol: 0, Literal: true})
		return err
	}},
	{"PredictProbaTo", []int{4}, []int{12, 3}, nil, func(o, i [][]float64) error { return PredictProbaTo(o[0], mat(4, 3, i[0]), i[1], 0.5) }},
	{"PredictTo", []int{4}, []int{12, 3}, nil, func(o, i [][]float64) error { return PredictTo(o[0], mat(4, 3, i[0]), i[1], 0.5) }},
	{"LogisticRegressionTo", []int{2, 5}, []int{8, 4}, func(i [][]float64) {
		copy(i[0], []float64{1, 2, -1, 0.5, 0.3, -2, 2, 1})
		copy(i[1], []float64{1, 0, 1, 0})
	}, func(o, i [][]float64) error {
		b, err := LogisticRegressionTo(o[0], o[1], mat(4, 2, i[0]), i[1], LogisticOptions{LearningRate: 0.1, MaxIter: 5, L2: 0.01, Seed: 3})
		o[1][0] += b // the bias is part of the result too
		return err
	}},
	{"TrainTestSplitTo", []int{6, 2, 3, 1}, []int{8, 4}, nil, func(o, i [][]float64) error {
		return TrainTestSplitTo(mat(3, 2, o[0]), mat(1, 2, o[1]), o[2], o[3], mat(4, 2, i[0]), i[1], 0.25, 7)
	}},
	{"BackwardPassTo", []int{4, 2, 2, 1}, []int{6, 3, 6, 3, 6, 3, 4, 2}, nil, func(o, i [][]float64) error {
		dst := BackwardPassResult{DW1: mat(2, 2, o[0]), DB1: o[1], DW2: mat(2, 1, o[2]), DB2: o[3]}
		fwd := ForwardPassResult{A1: mat(3, 2, i[2]), A2: mat(3, 1, i[3]), Z1: mat(3, 2, i[4]), Z2: mat(3, 1, i[5])}
		return BackwardPassTo(dst, mat(3, 2, i[0]), mat(3, 1, i[1]), fwd, mat(2, 2, i[6]), mat(2, 1, i[7]))
	}},
}

// fillInputs writes the case's input values.
func (c toCase) fillInputs(ins [][]float64) {
	if c.fill != nil {
		c.fill(ins)
		return
	}
	s := uint64(12345)
	for _, in := range ins {
		for j := range in {
			s = s*6364136223846793005 + 1442695040888963407
			in[j] = float64(int64(s>>11)%2000-1000) / 1001
		}
	}
}

// layout runs the case with its buffers placed in memory as given: out k
// starts at offset off of input i's buffer (both inside one array), the
// others apart. i < 0 puts everything apart.
func (c toCase) layout(k, i, off int) ([][]float64, error) {
	outs := make([][]float64, len(c.outs))
	ins := make([][]float64, len(c.ins))
	for j, n := range c.ins {
		ins[j] = make([]float64, n)
	}
	if i >= 0 {
		arena := make([]float64, max(c.ins[i], off+c.outs[k]))
		ins[i] = arena[:c.ins[i]:c.ins[i]]
		outs[k] = arena[off : off+c.outs[k] : off+c.outs[k]]
	}
	for j, n := range c.outs {
		if outs[j] == nil {
			outs[j] = make([]float64, n)
			for t := range outs[j] {
				outs[j][t] = math.NaN() // every entry must be written
			}
		}
	}
	c.fillInputs(ins)
	err := c.run(outs, ins)
	return outs, err
}

func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(a[i] != a[i] && b[i] != b[i]) {
			return false
		}
	}
	return true
}

// Every …To function gives the same result when an output shares memory
// with an input, wholly (the same start) or in part (starting inside it), as
// numpy's out= does.
func TestToFunctionsWithOverlappingOutputs(t *testing.T) {
	checkOverlaps(t, toCases)
}

// checkOverlaps runs each case with every output placed at the start, one
// entry in, the middle and the last entry of every input, and compares the
// results with those of buffers apart.
func checkOverlaps(t *testing.T, cases []toCase) {
	t.Helper()
	for _, c := range cases {
		want, wantErr := c.layout(0, -1, 0)
		if wantErr != nil {
			t.Fatalf("%s: %v", c.name, wantErr)
		}
		for k := range c.outs {
			for i := range c.ins {
				for _, off := range []int{0, 1, c.ins[i] / 2, c.ins[i] - 1} {
					name := fmt.Sprintf("%s/out%d@in%d+%d", c.name, k, i, off)
					got, err := c.layout(k, i, off)
					if err != nil {
						t.Errorf("%s: %v", name, err)
						continue
					}
					for j := range got {
						if !sameBits(got[j], want[j]) {
							t.Errorf("%s: output %d is %v, want %v", name, j, got[j], want[j])
						}
					}
				}
			}
		}
	}
}
