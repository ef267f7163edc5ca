//go:build unix

package twinmath

import "syscall"

// cpuSeconds returns the process's user and system CPU time, or false where
// it cannot be read.
func cpuSeconds() (float64, bool) {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0, false
	}
	sec := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)*1e-6 }
	return sec(u.Utime) + sec(u.Stime), true
}
