package twinmath

import (
	"errors"
	"math"
	"runtime"
	"testing"
)

func init() {
	vectorOps["make_classification"] = func(c *vcase) (any, error) {
		X, y, err := MakeClassification(int(c.int64("n_samples")), int(c.int64("n_features")), c.uint64("seed"))
		return []any{X, y}, err
	}
	vectorOps["train_test_split"] = func(c *vcase) (any, error) {
		a, b, y1, y2, err := TrainTestSplit(c.mat("X"), c.vec("y"), c.num("test_size"), c.uint64("seed"))
		return []any{a, b, y1, y2}, err
	}
	vectorOps["logistic_regression"] = func(c *vcase) (any, error) {
		w, b, losses, err := LogisticRegression(c.mat("X"), c.vec("y"), LogisticOptions{LearningRate: c.num("learning_rate"), MaxIter: int(c.int64("max_iter")), L2: c.num("l2"), L1: c.num("l1"), Seed: c.uint64("seed"), Literal: true})
		return []any{w, b, losses}, err
	}
	vectorOps["predict_proba"] = func(c *vcase) (any, error) { return PredictProba(c.mat("X"), c.vec("w"), c.num("b")) }
	vectorOps["predict"] = func(c *vcase) (any, error) { return Predict(c.mat("X"), c.vec("w"), c.num("b")) }
	vectorOps["accuracy"] = func(c *vcase) (any, error) { return Accuracy(c.vec("y_true"), c.vec("y_pred")) }
	vectorOps["pipeline"] = func(c *vcase) (any, error) {
		acc, losses, err := pipeline(int(c.int64("n_samples")), int(c.int64("n_features")), c.num("test_size"),
			c.num("learning_rate"), int(c.int64("max_iter")), c.uint64("seed"))
		if err != nil {
			return nil, err
		}
		return []any{acc, losses[len(losses)-1]}, nil
	}
}

// standardise replaces every x[i][j] by (x[i][j] − mean[j]) / std[j], as
// numpy's (X − mean) / std computes it.
func standardise(x Matrix, mean, std []float64) {
	for i := 0; i < x.Rows; i++ {
		for j, v := range x.Row(i) {
			x.Data[i*x.Cols+j] = (v - mean[j]) / std[j]
		}
	}
}

// pipeline runs the source material's pipeline as python/twinmath/parity/
// logistic.py does: data, split, z-scores, fit, test accuracy.
func pipeline(nSamples, nFeatures int, testSize, learningRate float64, maxIter int, seed uint64) (float64, []float64, error) {
	X, y, err := MakeClassification(nSamples, nFeatures, seed)
	if err != nil {
		return 0, nil, err
	}
	rawTrain, xTest, yTrain, yTest, err := TrainTestSplit(X, y, testSize, seed)
	if err != nil {
		return 0, nil, err
	}
	xTrain, mean, std, err := Zscore(rawTrain)
	if err != nil {
		return 0, nil, err
	}
	standardise(xTest, mean, std)
	w, b, losses, err := LogisticRegression(xTrain, yTrain, LogisticOptions{LearningRate: learningRate, MaxIter: maxIter, Seed: seed, Literal: true})
	if err != nil {
		return 0, nil, err
	}
	pred, err := Predict(xTest, w, b)
	if err != nil {
		return 0, nil, err
	}
	acc, err := Accuracy(yTest, pred)
	return acc, losses, err
}

func TestMakeClassificationRecipe(t *testing.T) {
	// The documented recipe, step by step from the same stream.
	const n, d, seed = 9, 3, 77
	X, y, err := MakeClassification(n, d, seed)
	if err != nil {
		t.Fatal(err)
	}
	r := NewRng(seed)
	z, _ := r.Normal(d)
	nz := math.Sqrt(z[0]*z[0] + z[1]*z[1] + z[2]*z[2])
	p, _ := r.Permutation(n)
	noise, _ := r.Normal(n * d)
	ones := 0
	for i := 0; i < n; i++ {
		if y[i] != float64(p[i]%2) {
			t.Fatalf("y[%d] = %v, want p mod 2 = %d", i, y[i], p[i]%2)
		}
		ones += int(y[i])
		for j := 0; j < d; j++ {
			want := noise[i*d+j] + (2*y[i]-1)*1.5*z[j]/nz
			// The norm may round differently from this three-term sum.
			if got := X.At(i, j); math.Abs(got-want) > 1e-14*(1+math.Abs(want)) {
				t.Fatalf("X[%d][%d] = %v, want %v", i, j, got, want)
			}
		}
	}
	if ones != n/2 {
		t.Errorf("%d ones among %d labels, want %d", ones, n, n/2)
	}
}

func TestMakeClassificationSeparation(t *testing.T) {
	// With the true direction u, the centres ±1.5u give the best possible
	// accuracy Φ(1.5) = 0.9331928 (Φ from math.Erf); 20000 samples put the
	// observed accuracy of sign(x·u) within 4·√(0.933·0.067/20000) = 0.0071.
	const n, d = 20000, 4
	X, y, _ := MakeClassification(n, d, 1)
	u, _ := NewRng(1).Normal(d)
	hits := 0
	for i := 0; i < n; i++ {
		s := 0.0
		for j, v := range X.Row(i) {
			s += v * u[j]
		}
		if (s > 0) == (y[i] == 1) {
			hits++
		}
	}
	phi := 0.5 * (1 + math.Erf(1.5/math.Sqrt2))
	if acc := float64(hits) / n; math.Abs(acc-phi) > 4*math.Sqrt(phi*(1-phi)/n) {
		t.Errorf("accuracy of the true direction %v, want Φ(1.5) = %v", acc, phi)
	}
}

func TestTrainTestSplit(t *testing.T) {
	X := Matrix{Rows: 5, Cols: 2, Data: []float64{0, 0, 1, 1, 2, 2, 3, 3, 4, 4}}
	y := []float64{0, 1, 2, 3, 4}
	xtr, xte, ytr, yte, err := TrainTestSplit(X, y, 0.4, 1)
	if err != nil {
		t.Fatal(err)
	}
	// ⌈0.4·5⌉ = 2 test rows: the first two of the permutation.
	p, _ := NewRng(1).Permutation(5)
	if len(yte) != 2 || len(ytr) != 3 || xte.Rows != 2 || xtr.Rows != 3 {
		t.Fatalf("sizes %d/%d", len(ytr), len(yte))
	}
	for k, i := range p {
		var gotY float64
		var gotX []float64
		if k < 2 {
			gotY, gotX = yte[k], xte.Row(k)
		} else {
			gotY, gotX = ytr[k-2], xtr.Row(k-2)
		}
		if gotY != y[i] || gotX[0] != X.At(i, 0) || gotX[1] != X.At(i, 1) {
			t.Errorf("position %d holds %v %v, want row %d", k, gotY, gotX, i)
		}
	}
	// 0.07·100 is 7.000000000000001 in float64, so ⌈⌉ gives 8 (as scikit-learn).
	big := NewMatrix(100, 1)
	_, xte, _, _, _ = TrainTestSplit(big, make([]float64, 100), 0.07, 0)
	if xte.Rows != 8 {
		t.Errorf("test_size 0.07 of 100: %d test rows, want 8", xte.Rows)
	}
}

func TestLogisticRegressionGradientStep(t *testing.T) {
	// One update against a central-difference gradient of the loss (the
	// smooth part: l1 = 0 here), an oracle independent of the code's own
	// gradient formula.
	X := Matrix{Rows: 4, Cols: 2, Data: []float64{-2, 1, -1, 0.5, 1, -0.5, 2, 3}}
	y := []float64{0, 0, 1, 1}
	const lr, l2 = 0.5, 0.1
	w0, _ := NewRng(3).Normal(2)
	for j := range w0 {
		w0[j] *= 0.01
	}
	loss := func(w []float64, b float64) float64 {
		var s float64
		for i := 0; i < 4; i++ {
			p := 1 / (1 + math.Exp(-(X.At(i, 0)*w[0] + X.At(i, 1)*w[1] + b)))
			s += y[i]*math.Log(p) + (1-y[i])*math.Log(1-p)
		}
		return -s/4 + l2*(w[0]*w[0]+w[1]*w[1])
	}
	const h = 1e-6
	grad := make([]float64, 3)
	for k := 0; k < 3; k++ {
		wp, wm := append([]float64(nil), w0...), append([]float64(nil), w0...)
		bp, bm := 0.0, 0.0
		if k < 2 {
			wp[k] += h
			wm[k] -= h
		} else {
			bp, bm = h, -h
		}
		grad[k] = (loss(wp, bp) - loss(wm, bm)) / (2 * h)
	}
	w, b, losses, err := LogisticRegression(X, y, LogisticOptions{LearningRate: lr, MaxIter: 1, L2: l2, Seed: 3, Literal: true})
	if err != nil {
		t.Fatal(err)
	}
	// The central difference errs by O(h²) plus rounding ε·|loss|/h ≈ 1e-10.
	for j := 0; j < 2; j++ {
		if want := w0[j] - lr*grad[j]; math.Abs(w[j]-want) > 1e-8 {
			t.Errorf("w[%d] = %v, want %v", j, w[j], want)
		}
	}
	if want := -lr * grad[2]; math.Abs(b-want) > 1e-8 {
		t.Errorf("b = %v, want %v", b, want)
	}
	// The recorded loss is the loss before the update (with its 1e−15 terms).
	if math.Abs(losses[0]-loss(w0, 0)) > 1e-12 {
		t.Errorf("losses[0] = %v, want %v", losses[0], loss(w0, 0))
	}
}

func TestLogisticRegressionDescends(t *testing.T) {
	// For a convex L-smooth loss, steps of at most 1/L never increase it.
	X, y, _ := MakeClassification(200, 3, 2)
	_, _, losses, err := LogisticRegression(X, y, LogisticOptions{LearningRate: 0.1, MaxIter: 300, L2: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	for k := 1; k < len(losses); k++ {
		if losses[k] > losses[k-1]+1e-15 {
			t.Fatalf("loss rose at iteration %d: %v → %v", k, losses[k-1], losses[k])
		}
	}
}

func TestLogisticRegressionL1Sparsity(t *testing.T) {
	// An irrelevant feature: with a strong L1 penalty its weight is driven
	// to oscillate around 0 within one step, learningRate·l1.
	X := NewMatrix(200, 2)
	y := make([]float64, 200)
	r := NewRng(8)
	for i := 0; i < 200; i++ {
		X.Data[2*i] = r.NormFloat64()
		X.Data[2*i+1] = r.NormFloat64()
		y[i] = boolFloat(X.Data[2*i] > 0)
	}
	const lr, l1 = 0.1, 0.2
	w, _, _, err := LogisticRegression(X, y, LogisticOptions{LearningRate: lr, MaxIter: 2000, L1: l1, Literal: true})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(w[1]) > 2*lr*l1 || math.Abs(w[0]) < 0.5 {
		t.Errorf("w = %v: want the second weight near 0, the first not", w)
	}
}

func TestPredictAndAccuracy(t *testing.T) {
	X := Matrix{Rows: 3, Cols: 2, Data: []float64{0, 0, 1, 2, 2, 1}}
	p, _ := PredictProba(X, []float64{1, -1}, 0)
	// σ(0) = 1/2, σ(−1) = 1/(1 + e), σ(1) = e/(1 + e).
	want := []float64{0.5, 1 / (1 + math.E), math.E / (1 + math.E)}
	for i := range want {
		if math.Abs(p[i]-want[i]) > 4*eps*want[i] {
			t.Errorf("p[%d] = %v, want %v", i, p[i], want[i])
		}
	}
	c, _ := Predict(X, []float64{1, -1}, 0)
	if c[0] != 0 || c[1] != 0 || c[2] != 1 {
		t.Errorf("Predict = %v, want [0 0 1] (0.5 is not > 0.5)", c)
	}
	a, _ := Accuracy([]float64{0, 1, 1, 0}, []float64{0, 1, 0, 0})
	if a != 0.75 {
		t.Errorf("Accuracy = %v, want 3/4", a)
	}
	if a, _ := Accuracy([]float64{math.NaN()}, []float64{math.NaN()}); a != 0 {
		t.Errorf("NaN counted as equal: %v", a)
	}
}

func TestLogisticErrors(t *testing.T) {
	X := Matrix{Rows: 2, Cols: 1, Data: []float64{1, 2}}
	_, _, err1 := MakeClassification(1, 2, 0)
	_, _, _, _, err2 := TrainTestSplit(X, []float64{0, 1}, 0.6, 0)
	_, _, _, _, err3 := TrainTestSplit(X, []float64{0}, 0.5, 0)
	_, _, _, err4 := LogisticRegression(X, []float64{0, 2}, LogisticOptions{LearningRate: 0.1, MaxIter: 10})
	_, _, _, err5 := LogisticRegression(X, []float64{0, 1}, LogisticOptions{LearningRate: 0.1, MaxIter: -1})
	_, _, _, err6 := LogisticRegression(X, []float64{0, 1}, LogisticOptions{LearningRate: math.Inf(1), MaxIter: 1, Literal: true})
	_, err7 := Predict(X, []float64{1, 2}, 0)
	_, err8 := Accuracy(nil, nil)
	for _, tt := range []struct {
		err      error
		sentinel error
		want     string
	}{
		{err1, ErrInvalid, "make_classification: invalid input: n_samples must be at least 2, got 1"},
		{err2, ErrInvalid, "train_test_split: invalid input: 2 samples are too few to split with test_size=0.6"},
		{err3, ErrShape, "train_test_split: shape mismatch: X has 2 rows but y has 1 values"},
		{err4, ErrInvalid, "logistic_regression: invalid input: y must hold only 0 and 1, got 2.0"},
		{err5, ErrInvalid, "logistic_regression: invalid input: max_iter must be non-negative, got -1"},
		{err6, ErrInvalid, "logistic_regression: invalid input: learning_rate must be a non-negative finite number, got inf"},
		{err7, ErrShape, "predict: shape mismatch: X has 1 columns but w has 2 values"},
		{err8, ErrInvalid, "accuracy: invalid input: y_true is empty"},
	} {
		if !errors.Is(tt.err, tt.sentinel) || tt.err.Error() != tt.want {
			t.Errorf("got %v, want %q", tt.err, tt.want)
		}
	}
}

func TestLogisticRegressionIndependentOfThreads(t *testing.T) {
	// The row blocks are fixed by n and added in order: one thread or
	// several give the same bits.
	X, y, _ := MakeClassification(1500, 20, 3)
	prev := runtime.GOMAXPROCS(1)
	w1, b1, l1, _ := LogisticRegression(X, y, LogisticOptions{LearningRate: 0.05, MaxIter: 50, L2: 0.01, L1: 0.001})
	runtime.GOMAXPROCS(max(prev, 4))
	w2, b2, l2, _ := LogisticRegression(X, y, LogisticOptions{LearningRate: 0.05, MaxIter: 50, L2: 0.01, L1: 0.001})
	runtime.GOMAXPROCS(prev)
	for j := range w1 {
		if !alike(w1[j], w2[j]) {
			t.Fatalf("w[%d]: %v with one thread, %v with several", j, w1[j], w2[j])
		}
	}
	if !alike(b1, b2) || !alike(l1[49], l2[49]) {
		t.Errorf("b %v / %v, last loss %v / %v", b1, b2, l1[49], l2[49])
	}
}

// The zero LogisticOptions is the documented default training; Literal
// keeps a zero MaxIter (no iteration, no loss).
func TestLogisticOptionsDefaults(t *testing.T) {
	X, y, _ := MakeClassification(60, 3, 4)
	wd, bd, ld, err := LogisticRegression(X, y, LogisticOptions{Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	we, be, le, err := LogisticRegression(X, y, LogisticOptions{LearningRate: 0.01, MaxIter: 1000, Seed: 2, Literal: true})
	if err != nil || bd != be || len(ld) != 1000 || len(le) != 1000 || ld[999] != le[999] || wd[0] != we[0] {
		t.Errorf("zero options: b %v, %d losses; explicit defaults: b %v, %d losses; %v", bd, len(ld), be, len(le), err)
	}
	w, b, losses, err := LogisticRegression(X, y, LogisticOptions{Literal: true})
	if err != nil || b != 0 || len(losses) != 0 || len(w) != 3 {
		t.Errorf("Literal, no iteration: %v, %v, %v, %v", w, b, losses, err)
	}
}
