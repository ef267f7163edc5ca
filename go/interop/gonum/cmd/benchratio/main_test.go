package main

import (
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	in := `goos: linux
BenchmarkVsGonum/det_n=300/twinmath-2   5   4000000 ns/op
BenchmarkVsGonum/det_n=300/gonum-2      5   5000000 ns/op
BenchmarkVsGonum/det_n=300/twinmath-2   5   2000000 ns/op
BenchmarkVsGonum/det_n=300/gonum-2      5   1000000 ns/op
BenchmarkVsGonum/det_n=300/twinmath-2   5   3000000 ns/op
BenchmarkVsGonum/det_n=300/gonum-2      5   6000000 ns/op
BenchmarkVsGonum/dot_n=1e6/twinmath     9   800 ns/op
PASS
`
	var out strings.Builder
	if err := run(strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	// Medians 3 ms and 5 ms; the dot row has no gonum time, so no ratio.
	for _, want := range []string{"det n=300", "3.00 ms", "5.00 ms", "0.60", "800 ns"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if err := run(strings.NewReader("PASS\n"), &out); err == nil {
		t.Error("no benchmark lines: want an error")
	}
}
