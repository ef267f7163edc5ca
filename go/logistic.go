package twinmath

import "math"

// classSeparation is μ of MakeClassification: the class centres are ±μ·u.
const classSeparation = 1.5

// lossEpsilon keeps the logarithms of the cross-entropy finite, as in the
// source material: log(p + 1e−15).
const lossEpsilon = 1e-15

// MakeClassification returns a two-class data set of nSamples points in
// nFeatures dimensions drawn from the stream NewRng(seed): two Gaussian
// clouds of unit variance around ±1.5·u for a random unit vector u, so that
// the centres are three standard deviations apart and the best possible
// accuracy is Φ(1.5) ≈ 0.933. The recipe, in the order of the draws:
//
//	z = Normal(nFeatures);  u = z / ‖z‖₂
//	y[i] = p[i] mod 2 for p = Permutation(nSamples)   (⌊n/2⌋ ones, randomly placed)
//	X[i][j] = Normal(nSamples·nFeatures)[i·nFeatures+j] + ((2y[i] − 1)·1.5)·u[j]
//
// Labels are 0.0 and 1.0. It returns ErrInvalid if nSamples < 2 or
// nFeatures < 1.
func MakeClassification(nSamples, nFeatures int, seed uint64) (X Matrix, y []float64, err error) {
	if err := checkClassification(nSamples, nFeatures); err != nil {
		return Matrix{}, nil, err
	}
	X, y = NewMatrix(nSamples, nFeatures), make([]float64, nSamples)
	if err := MakeClassificationTo(X, y, nSamples, nFeatures, seed); err != nil {
		return Matrix{}, nil, err
	}
	return X, y, nil
}

// MakeClassificationTo writes the data set of MakeClassification into dstX
// (nSamples×nFeatures) and dstY (nSamples). It returns ErrInvalid for bad
// counts and ErrShape if dstX or dstY does not have their size.
func MakeClassificationTo(dstX Matrix, dstY []float64, nSamples, nFeatures int, seed uint64) error {
	const op = "make_classification"
	if err := checkClassification(nSamples, nFeatures); err != nil {
		return err
	}
	if err := dstX.want(op, "dst", nSamples, nFeatures); err != nil {
		return err
	}
	if len(dstY) != nSamples {
		return shapeErr(op, "dst y has length %d, want %d", len(dstY), nSamples)
	}
	rng := NewRng(seed)
	u := make([]float64, nFeatures)
	rng.NormalTo(u)
	nrm := norm2(u)
	for j := range u {
		u[j] /= nrm
	}
	p := make([]int, nSamples)
	rng.PermutationTo(p)
	for i, v := range p {
		dstY[i] = float64(v % 2)
	}
	rng.NormalTo(dstX.Data)
	for i := 0; i < nSamples; i++ {
		c := (2*dstY[i] - 1) * classSeparation
		row := dstX.Row(i)
		for j := range row {
			row[j] += float64(c * u[j])
		}
	}
	return nil
}

func checkClassification(nSamples, nFeatures int) error {
	const op = "make_classification"
	if nSamples < 2 {
		return invalidErr(op, "n_samples must be at least 2, got %d", nSamples)
	}
	if nFeatures < 1 {
		return invalidErr(op, "n_features must be at least 1, got %d", nFeatures)
	}
	if _, ok := mulLen(nSamples, nFeatures); !ok {
		return invalidErr(op, "n_samples·n_features must be at most %d, got %d and %d", MaxLen, nSamples, nFeatures)
	}
	return nil
}

// TrainTestSplit splits the rows of X and the entries of y at random into a
// training and a test part, as scikit-learn's train_test_split does:
//
//	nTest = ⌈testSize·n⌉ (the product rounded in float64)
//	p = NewRng(seed).Permutation(n)
//	test rows p[0:nTest], training rows p[nTest:n], in that order
//
// It returns ErrShape if len(y) != X.Rows, and ErrInvalid if testSize is not
// in (0, 1) or the training part would be empty.
func TrainTestSplit(X Matrix, y []float64, testSize float64, seed uint64) (xTrain, xTest Matrix, yTrain, yTest []float64, err error) {
	nTrain, nTest, err := splitSizes(X, y, testSize)
	if err != nil {
		return Matrix{}, Matrix{}, nil, nil, err
	}
	xTrain, xTest = NewMatrix(nTrain, X.Cols), NewMatrix(nTest, X.Cols)
	yTrain, yTest = make([]float64, nTrain), make([]float64, nTest)
	err = TrainTestSplitTo(xTrain, xTest, yTrain, yTest, X, y, testSize, seed)
	if err != nil {
		return Matrix{}, Matrix{}, nil, nil, err
	}
	return xTrain, xTest, yTrain, yTest, nil
}

// TrainTestSplitTo writes the parts of TrainTestSplit into caller-owned
// buffers of the right sizes. It returns the errors of TrainTestSplit, then
// ErrShape if a buffer has the wrong size.
func TrainTestSplitTo(xTrain, xTest Matrix, yTrain, yTest []float64, X Matrix, y []float64, testSize float64, seed uint64) error {
	outs := []span{spanOf(xTrain.Data), spanOf(xTest.Data), spanOf(yTrain), spanOf(yTest)}
	X, y = X.fresh(outs...), fresh(y, outs...)
	const op = "train_test_split"
	nTrain, nTest, err := splitSizes(X, y, testSize)
	if err != nil {
		return err
	}
	if err := xTrain.want(op, "dst X_train", nTrain, X.Cols); err != nil {
		return err
	}
	if err := xTest.want(op, "dst X_test", nTest, X.Cols); err != nil {
		return err
	}
	if len(yTrain) != nTrain || len(yTest) != nTest {
		return shapeErr(op, "dst y_train and y_test have lengths %d and %d, want %d and %d", len(yTrain), len(yTest), nTrain, nTest)
	}
	p := make([]int, X.Rows)
	NewRng(seed).PermutationTo(p)
	for k, i := range p {
		if k < nTest {
			copy(xTest.Row(k), X.Row(i))
			yTest[k] = y[i]
		} else {
			copy(xTrain.Row(k-nTest), X.Row(i))
			yTrain[k-nTest] = y[i]
		}
	}
	return nil
}

// splitSizes checks the arguments of TrainTestSplit and returns the sizes
// of its two parts.
func splitSizes(X Matrix, y []float64, testSize float64) (nTrain, nTest int, err error) {
	const op = "train_test_split"
	if err := X.check(op, "X"); err != nil {
		return 0, 0, err
	}
	if len(y) != X.Rows {
		return 0, 0, shapeErr(op, "X has %d rows but y has %d values", X.Rows, len(y))
	}
	if !(testSize > 0 && testSize < 1) {
		return 0, 0, invalidErr(op, "test_size must be in (0, 1), got %s", pyFloat(testSize))
	}
	n := X.Rows
	nTest = int(math.Ceil(testSize * float64(n)))
	if nTest >= n {
		return 0, 0, invalidErr(op, "%d samples are too few to split with test_size=%s", n, pyFloat(testSize))
	}
	return n - nTest, nTest, nil
}

// LogisticRegression fits a logistic-regression model to the rows of X and
// the labels y (0 or 1) by full-batch gradient descent on the cross-entropy,
// as the source material does, and returns the weights, the bias and the
// loss before each of the maxIter updates (learningRate, maxIter, l2, l1
// and seed below are the fields of opts, with the defaults LogisticOptions
// documents: the Python defaults).
//
//	w₀ = 0.01·NewRng(seed).Normal(d),  b₀ = 0
//	p = σ(X·w + b)                      (σ clips its input to ±500)
//	loss = −mean(y·log(p + 1e−15) + (1 − y)·log(1 − p + 1e−15)) + l2·‖w‖₂² + l1·‖w‖₁
//	∇w = (1/n)·Xᵀ(p − y) + 2·l2·w + l1·sign(w),  ∇b = (1/n)·Σ(p − y)
//	w ← w − learningRate·∇w,  b ← b − learningRate·∇b
//
// sign(0) is 0 (a subgradient of |w| at 0). The sums over the rows run in
// blocks of 256 rows, on several threads when the data are large, and the
// blocks are added in a fixed order: the result does not depend on
// GOMAXPROCS. Each loss agrees with the Python reference within rounding
// (docs/conventions.md). It returns ErrShape if
// len(y) != X.Rows, and ErrInvalid if X has no rows or holds NaN or Inf, a
// label is not 0 or 1, maxIter < 0 or > MaxLen, or learningRate, l2 or l1 is negative
// or not finite (checked in that order).
//
// The hyperparameters come in opts; see LogisticOptions for their defaults.
func LogisticRegression(X Matrix, y []float64, opts LogisticOptions) (w []float64, b float64, losses []float64, err error) {
	lr, maxIter := opts.resolve()
	return logisticRegression(nil, X, y, lr, maxIter, opts.L2, opts.L1, opts.Seed)
}

// The defaults of the training loops, as in the Python signatures: a zero
// LearningRate, MaxIter or Tol in LogisticOptions or GradientDescentOptions
// stands for these.
const (
	DefaultLearningRate = 0.01
	DefaultMaxIter      = 1000
	DefaultTol          = 1e-6
)

// LogisticOptions holds the hyperparameters of LogisticRegression. The zero
// value is the default training: LearningRate 0.01, MaxIter 1000, no
// penalty, seed 0.
type LogisticOptions struct {
	// LearningRate is the step size α; 0 means DefaultLearningRate (0.01).
	LearningRate float64
	// MaxIter is the number of iterations; 0 means DefaultMaxIter (1000).
	MaxIter int
	// L2 and L1 weight the penalties λ₂·‖w‖² and λ₁·‖w‖₁; 0 is none.
	L2, L1 float64
	// Seed seeds the Rng the weights start from.
	Seed uint64
	// Literal takes LearningRate and MaxIter as given, zero included: a
	// zero rate (the weights never move) or no iteration at all. It is how
	// the C library passes the Python API's arguments unchanged.
	Literal bool
}

// resolve returns the learning rate and iteration count opts stands for.
func (o LogisticOptions) resolve() (float64, int) {
	lr, n := o.LearningRate, o.MaxIter
	if !o.Literal {
		if lr == 0 {
			lr = DefaultLearningRate
		}
		if n == 0 {
			n = DefaultMaxIter
		}
	}
	return lr, n
}

func logisticRegression(cc *canceller, X Matrix, y []float64, learningRate float64, maxIter int, l2, l1 float64, seed uint64) (w []float64, b float64, losses []float64, err error) {
	if err := checkLogistic(X, y, learningRate, maxIter, l2, l1); err != nil {
		return nil, 0, nil, err
	}
	w, losses = make([]float64, X.Cols), make([]float64, maxIter)
	b, err = logisticRegressionTo(cc, w, losses, X, y, learningRate, maxIter, l2, l1, seed)
	if err != nil {
		return nil, 0, nil, err
	}
	return w, b, losses, nil
}

// LogisticRegressionTo fits the model of LogisticRegression, writes the
// weights into w (X.Cols values) and the losses into losses (one value per
// iteration: the MaxIter opts stands for), and returns the bias. It returns
// the errors of LogisticRegression, then ErrShape if w or losses has the
// wrong length.
func LogisticRegressionTo(w, losses []float64, X Matrix, y []float64, opts LogisticOptions) (float64, error) {
	lr, maxIter := opts.resolve()
	return logisticRegressionTo(nil, w, losses, X, y, lr, maxIter, opts.L2, opts.L1, opts.Seed)
}

func logisticRegressionTo(cc *canceller, w, losses []float64, X Matrix, y []float64, learningRate float64, maxIter int, l2, l1 float64, seed uint64) (float64, error) {
	X, y = X.fresh(spanOf(w), spanOf(losses)), fresh(y, spanOf(w), spanOf(losses))
	const op = "logistic_regression"
	if err := checkLogistic(X, y, learningRate, maxIter, l2, l1); err != nil {
		return 0, err
	}
	if len(w) != X.Cols || len(losses) != maxIter {
		return 0, shapeErr(op, "dst w and losses have lengths %d and %d, want %d and %d", len(w), len(losses), X.Cols, maxIter)
	}
	n, d := X.Rows, X.Cols
	NewRng(seed).NormalTo(w)
	for j := range w {
		w[j] *= 0.01
	}
	b := 0.0
	inv := 1 / float64(n)
	// Each block of rows sums its part of the loss, of the errors p − y and
	// of the gradient Xᵀ(p − y); the blocks are fixed by n alone and added in
	// order, so the result does not depend on how many threads run them.
	nb := (n + logisticBlock - 1) / logisticBlock
	parts := make([]float64, nb*(d+2))
	workers := min(MaxThreads(), nb)
	if n*(d+4) < 1<<14 {
		workers = 1 // too little work to share
	}
	for it := 0; it < maxIter; it++ {
		if err := cc.tick(n * (d + 4)); err != nil {
			return 0, err
		}
		forBlocks(nb, workers, func(k int) {
			logisticBlockSums(parts[k*(d+2):(k+1)*(d+2)], X, y, w, b, k*logisticBlock, min((k+1)*logisticBlock, n))
		})
		var ce, se, sq, ab float64
		g := parts[:d]
		for k := 0; k < nb; k++ {
			p := parts[k*(d+2) : (k+1)*(d+2)]
			ce += p[d]
			se += p[d+1]
			if k > 0 {
				for j := range g {
					g[j] += p[j]
				}
			}
		}
		for _, v := range w {
			sq += v * v
			ab += math.Abs(v)
		}
		losses[it] = -(ce / float64(n)) + float64(l2*sq) + float64(l1*ab)
		for j := range w {
			dw := float64(inv*g[j]) + float64(2*l2*w[j]) + float64(l1*sign(w[j]))
			w[j] -= float64(learningRate * dw)
		}
		b -= float64(learningRate * float64(inv*se))
	}
	return b, nil
}

// logisticBlock is the number of rows of one block of LogisticRegression.
const logisticBlock = 256

// logisticBlockSums writes, for rows lo to hi, the gradient sums
// Σ xᵢ·(pᵢ − yᵢ) into dst[:d], Σ of the log-likelihood terms into dst[d] and
// Σ (pᵢ − yᵢ) into dst[d+1].
func logisticBlockSums(dst []float64, X Matrix, y, w []float64, b float64, lo, hi int) {
	d := X.Cols
	clear(dst)
	g := dst[:d]
	var ce, se float64
	for i := lo; i < hi; i++ {
		row := X.Row(i)
		p := sigmoid(dot(row, w) + b)
		// The source's y·log(p + ε) + (1 − y)·log(1 − p + ε): with y 0 or 1
		// one product is a signed zero and the other the logarithm itself
		// (both logarithms are finite), so the sum is that logarithm to the
		// bit.
		if y[i] == 1 {
			ce += math.Log(p + lossEpsilon)
		} else {
			ce += math.Log(1 - p + lossEpsilon)
		}
		e := p - y[i]
		se += e
		axpyKernel(g, e, row)
	}
	dst[d], dst[d+1] = ce, se
}

// sign is numpy's sign: −1, 0 or 1, and NaN for NaN.
func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	case x == 0:
		return 0
	}
	return x
}

func checkLogistic(X Matrix, y []float64, learningRate float64, maxIter int, l2, l1 float64) error {
	const op = "logistic_regression"
	if err := X.check(op, "X"); err != nil {
		return err
	}
	if len(y) != X.Rows {
		return shapeErr(op, "X has %d rows but y has %d values", X.Rows, len(y))
	}
	if X.Rows == 0 {
		return invalidErr(op, "X has no rows")
	}
	if err := checkFinite(op, "X", X.Data); err != nil {
		return err
	}
	if err := checkLabels(op, "y", y); err != nil {
		return err
	}
	if err := checkRate(op, "learning_rate", learningRate); err != nil {
		return err
	}
	if maxIter < 0 {
		return invalidErr(op, "max_iter must be non-negative, got %d", maxIter)
	}
	if err := checkCount(op, "max_iter", maxIter); err != nil {
		return err
	}
	if err := checkRate(op, "l2", l2); err != nil {
		return err
	}
	return checkRate(op, "l1", l1)
}

// checkRate returns ErrInvalid unless v is a non-negative finite number.
func checkRate(op, name string, v float64) error {
	if !(v >= 0) || math.IsInf(v, 1) {
		return invalidErr(op, "%s must be a non-negative finite number, got %s", name, pyFloat(v))
	}
	return nil
}

// checkLabels returns ErrInvalid unless every y[i] is 0 or 1.
func checkLabels(op, name string, y []float64) error {
	for _, v := range y {
		if v != 0 && v != 1 {
			return invalidErr(op, "%s must hold only 0 and 1, got %s", name, pyFloat(v))
		}
	}
	return nil
}

// PredictProba returns the probability of class 1 for every row of X under
// the model (w, b).
//
//	p[i] = σ(X[i]·w + b)   (σ clips its input to ±500)
//
// It returns ErrShape if len(w) != X.Cols.
func PredictProba(X Matrix, w []float64, b float64) ([]float64, error) {
	if err := X.check("predict_proba", "X"); err != nil {
		return nil, err
	}
	return filledSlice(make([]float64, X.Rows), func(dst []float64) error { return predictTo("predict_proba", dst, X, w, b, false) })
}

// PredictProbaTo writes the probabilities of PredictProba into dst
// (X.Rows values).
func PredictProbaTo(dst []float64, X Matrix, w []float64, b float64) error {
	return predictTo("predict_proba", dst, X, w, b, false)
}

// Predict returns the predicted class, 1.0 or 0.0, of every row of X: 1
// where the probability of PredictProba is greater than 0.5, as the source
// material has it (a NaN probability gives 0). It returns ErrShape if
// len(w) != X.Cols.
func Predict(X Matrix, w []float64, b float64) ([]float64, error) {
	if err := X.check("predict", "X"); err != nil {
		return nil, err
	}
	return filledSlice(make([]float64, X.Rows), func(dst []float64) error { return predictTo("predict", dst, X, w, b, true) })
}

// PredictTo writes the classes of Predict into dst (X.Rows values).
func PredictTo(dst []float64, X Matrix, w []float64, b float64) error {
	return predictTo("predict", dst, X, w, b, true)
}

func predictTo(op string, dst []float64, X Matrix, w []float64, b float64, classes bool) error {
	X, w = X.fresh(spanOf(dst)), fresh(w, spanOf(dst))
	if err := X.check(op, "X"); err != nil {
		return err
	}
	if len(w) != X.Cols {
		return shapeErr(op, "X has %d columns but w has %d values", X.Cols, len(w))
	}
	if len(dst) != X.Rows {
		return shapeErr(op, "dst has length %d, want %d", len(dst), X.Rows)
	}
	for i := range dst {
		p := sigmoid(dot(X.Row(i), w) + b)
		if classes {
			p = boolFloat(p > 0.5)
		}
		dst[i] = p
	}
	return nil
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Accuracy returns the fraction of positions where yTrue and yPred hold the
// same value.
//
//	accuracy = #{i : yTrue[i] == yPred[i]} / n
//
// NaN equals nothing, as in numpy. It returns ErrShape if the lengths
// differ and ErrInvalid if they are empty.
func Accuracy(yTrue, yPred []float64) (float64, error) {
	const op = "accuracy"
	if len(yTrue) != len(yPred) {
		return 0, shapeErr(op, "lengths %d and %d differ", len(yTrue), len(yPred))
	}
	if len(yTrue) == 0 {
		return 0, invalidErr(op, "y_true is empty")
	}
	hits := 0
	for i, v := range yTrue {
		if v == yPred[i] {
			hits++
		}
	}
	return float64(hits) / float64(len(yTrue)), nil
}
