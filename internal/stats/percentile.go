// Package stats holds the summary statistics the benchmarks and the
// evaluation report, computed one way everywhere.
package stats

import (
	"math"
	"slices"
)

// Percentile is the nearest-rank p-th percentile (0 < p ≤ 1) of xs, which
// it does not change; 0 for no values.
func Percentile(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	i := int(math.Ceil(p*float64(len(s)))) - 1
	return s[max(0, min(i, len(s)-1))]
}
