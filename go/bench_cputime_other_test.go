//go:build !unix

package twinmath

// cpuSeconds reports that CPU time cannot be read here.
func cpuSeconds() (float64, bool) { return 0, false }
