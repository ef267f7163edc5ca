package twinmath_test

import (
	"fmt"

	"github.com/twinmath/twinmath/go"
)

// The values match the Examples of the Python docstrings and docs/pipeline.md.

func ExampleMakeClassification() {
	X, y, _ := twinmath.MakeClassification(6, 2, 0)
	fmt.Println(X.Rows, X.Cols, y)
	// Output: 6 2 [1 1 1 0 0 0]
}

func ExampleTrainTestSplit() {
	X, _ := twinmath.MatrixOf([][]float64{{0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}})
	_, _, yTrain, yTest, _ := twinmath.TrainTestSplit(X, []float64{0, 1, 2, 3, 4}, 0.4, 1)
	fmt.Println(yTrain, yTest)
	// Output: [1 2 3] [4 0]
}

func ExampleLogisticRegression() {
	X := twinmath.Matrix{Rows: 4, Cols: 1, Data: []float64{-2, -1, 1, 2}}
	y := []float64{0, 0, 1, 1}
	w, b, losses, _ := twinmath.LogisticRegression(X, y, twinmath.LogisticOptions{LearningRate: 0.5, MaxIter: 100})
	pred, _ := twinmath.Predict(X, w, b)
	fmt.Printf("%.6f %.4f %v\n", losses[0], losses[len(losses)-1], pred)
	// Output: 0.688673 0.0175 [0 0 1 1]
}

func ExamplePredictProba() {
	X, _ := twinmath.MatrixOf([][]float64{{0, 0}, {1, 2}})
	p, _ := twinmath.PredictProba(X, []float64{1, -1}, 0)
	fmt.Printf("%.8f\n", p)
	// Output: [0.50000000 0.26894142]
}

func ExampleAccuracy() {
	a, _ := twinmath.Accuracy([]float64{0, 1, 1, 0}, []float64{0, 1, 0, 0})
	fmt.Println(a)
	// Output: 0.75
}

// The source material's pipeline, from one seed: data, a split, z-scores
// (the test part standardised with the training part's mean and std),
// gradient descent on the training part, accuracy on the test part. Python's
// twinmath.ref and twinmath.go give the same numbers (python -m twinmath demo).
func Example_pipeline() {
	const seed = 42
	X, y, _ := twinmath.MakeClassification(1000, 2, seed)
	rawTrain, xTest, yTrain, yTest, _ := twinmath.TrainTestSplit(X, y, 0.2, seed)
	xTrain, mean, std, _ := twinmath.Zscore(rawTrain)
	for i := 0; i < xTest.Rows; i++ {
		row := xTest.Row(i)
		for j := range row {
			row[j] = (row[j] - mean[j]) / std[j]
		}
	}
	w, b, losses, _ := twinmath.LogisticRegression(xTrain, yTrain, twinmath.LogisticOptions{Seed: seed}) // rate 0.01, 1000 iterations
	for it := 0; it < len(losses); it += 250 {
		fmt.Printf("iteration %d, loss %.4f\n", it, losses[it])
	}
	pred, _ := twinmath.Predict(xTest, w, b)
	acc, _ := twinmath.Accuracy(yTest, pred)
	fmt.Printf("final loss %.4f, test accuracy %.3f\n", losses[len(losses)-1], acc)
	// Output:
	// iteration 0, loss 0.6898
	// iteration 250, loss 0.4219
	// iteration 500, loss 0.3316
	// iteration 750, loss 0.2867
	// final loss 0.2598, test accuracy 0.935
}
