package search

import (
	"math/rand/v2"
	"testing"

	"quire/store"
)

// The SIMD kernel agrees with the plain loop at every length, extremes
// included.
func TestDotInt8(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 31, 32, 33, 64, 100, 384, 1024} {
		a, b := make([]int8, n), make([]int8, n)
		for i := range a {
			a[i], b[i] = int8(rng.IntN(255)-127), int8(rng.IntN(255)-127)
		}
		if got, want := dotInt8(a, b), dotInt8Go(a, b); got != want {
			t.Errorf("n=%d: %d, want %d", n, got, want)
		}
		for i := range a {
			a[i], b[i] = -127, -127
		}
		if got, want := dotInt8(a, b), int32(n*127*127); got != want {
			t.Errorf("n=%d extremes: %d, want %d", n, got, want)
		}
	}
}

// Splitting the rows between cores covers each row once, with the
// chunk ordinal of its document.
func TestSplitSpans(t *testing.T) {
	spans := []store.VectorSpan{{Doc: 1, Row: 0, Count: 5}, {Doc: 2, Row: 7, Count: 3}, {Doc: 3, Row: 10, Count: 9}}
	for k := 1; k <= 5; k++ {
		seen := map[rowRef]int{}
		parts := splitSpans(spans, 17, k)
		if len(parts) > k {
			t.Errorf("k=%d: %d parts", k, len(parts))
		}
		for _, p := range parts {
			for _, sp := range p {
				for r := sp.lo; r < sp.hi; r++ {
					seen[rowRef{doc: sp.doc, ord: r - sp.first}]++
				}
			}
		}
		for _, sp := range spans {
			for ord := range sp.Count {
				if seen[rowRef{doc: sp.Doc, ord: ord}] != 1 {
					t.Errorf("k=%d: doc %d chunk %d scanned %d times", k, sp.Doc, ord, seen[rowRef{doc: sp.Doc, ord: ord}])
				}
			}
		}
		if len(seen) != 17 {
			t.Errorf("k=%d: %d rows", k, len(seen))
		}
	}
}
