package twinmath_test

import (
	"fmt"

	"github.com/twinmath/twinmath/go"
)

// The values match the Examples of the Python class twinmath.Rng.

func ExampleRng() {
	rng := twinmath.NewRng(42)
	u, _ := rng.Random(3)
	fmt.Printf("%.8f\n", u)
	k, _ := rng.Integers(0, 10, 5)
	fmt.Println(k)
	p, _ := rng.Permutation(5)
	fmt.Println(p)
	// Output:
	// [0.08386297 0.37898025 0.68004341]
	// [9 9 7 7 8]
	// [1 0 4 2 3]
}

func ExampleRng_Normal() {
	z, _ := twinmath.NewRng(42).Normal(3)
	fmt.Printf("%.6f\n", z)
	// Output: [-0.726219 -0.211197 0.221623]
}

func ExampleRng_Integers() {
	dice, _ := twinmath.NewRng(7).Integers(1, 7, 6)
	fmt.Println(dice)
	// Output: [5 2 6 6 6 6]
}
