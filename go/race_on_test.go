//go:build race

package twinmath

// raceEnabled reports a build with the race detector, whose sync.Pool
// drops items at random: counts of allocations that rely on pooled scratch
// do not hold there.
const raceEnabled = true
