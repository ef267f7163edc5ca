// Command benchratio reads the output of this module's BenchmarkVsGonum
// (`go test -bench VsGonum`, any -count) on standard input and prints one
// line per row: the median time per operation of twinmath and of gonum, and
// their ratio (twinmath/gonum; below 1 means twinmath is faster).
//
// Usage:
//
//	go test -run '^$' -bench VsGonum -count 3 . | go run ./cmd/benchratio
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// line matches "BenchmarkVsGonum/<row>/<library>-<procs>  <N>  <t> ns/op".
var line = regexp.MustCompile(`^BenchmarkVsGonum/(.+)/(twinmath|gonum)(?:-\d+)?\s+\d+\s+([0-9.e+]+) ns/op`)

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchratio:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer) error {
	times := map[string]map[string][]float64{}
	var rows []string
	sc := bufio.NewScanner(in)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		// go test writes the spaces of a sub-benchmark name as underscores.
		row, lib := strings.ReplaceAll(m[1], "_", " "), m[2]
		t, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			return err
		}
		if times[row] == nil {
			times[row] = map[string][]float64{}
			rows = append(rows, row)
		}
		times[row][lib] = append(times[row][lib], t)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(rows) == 0 {
		return fmt.Errorf("no BenchmarkVsGonum lines in the input")
	}
	fmt.Fprintf(out, "%-14s %12s %12s %8s\n", "row (Go only)", "twinmath", "gonum", "tm/gonum")
	for _, row := range rows {
		tm, gn := median(times[row]["twinmath"]), median(times[row]["gonum"])
		ratio := "-"
		if tm > 0 && gn > 0 {
			ratio = fmt.Sprintf("%.2f", tm/gn)
		}
		fmt.Fprintf(out, "%-14s %12s %12s %8s\n", row, duration(tm), duration(gn), ratio)
	}
	return nil
}

// median returns the median of ts, or 0 for none.
func median(ts []float64) float64 {
	if len(ts) == 0 {
		return 0
	}
	s := append([]float64(nil), ts...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// duration formats nanoseconds with a unit that keeps three or four digits.
func duration(ns float64) string {
	switch {
	case ns <= 0:
		return "-"
	case ns < 1e3:
		return fmt.Sprintf("%.0f ns", ns)
	case ns < 1e6:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	case ns < 1e9:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	}
	return fmt.Sprintf("%.2f s", ns/1e9)
}
