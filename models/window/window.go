// Package window cuts a token sequence longer than a model's input into
// overlapping windows and merges the windows' vectors, so that a long
// chunk reaches an embedder or a reranker whole instead of losing its
// tail to truncation.
package window

import "math"

// Span is the window [Start, End) of a token sequence.
type Span struct{ Start, End int }

// Windows cuts a sequence of n tokens into windows of size tokens that
// cover every token: n ≤ size is one window; otherwise windows start
// every size−overlap tokens and the last one is the final size tokens, so
// every window is full and neighbours share at least overlap tokens (a
// sentence cut at one window's end is whole in the next). The first
// window is what truncation would keep. size must be positive; overlap is
// clamped to [0, size/2].
func Windows(n, size, overlap int) []Span {
	if n <= size {
		return []Span{{0, n}}
	}
	overlap = min(max(overlap, 0), size/2)
	var out []Span
	for start := 0; start+size < n; start += size - overlap {
		out = append(out, Span{start, start + size})
	}
	return append(out, Span{n - size, n})
}

// Overlap is the overlap Quire's models use for windows of size tokens:
// an eighth (32 tokens of MiniLM's 256, 16 pieces of use-lite's 128),
// about a sentence.
func Overlap(size int) int { return size / 8 }

// Mean returns, for each of n texts, the mean of its windows' unit vectors
// (vecs[k] is window k, of text owner[k], tokens[k] long) weighted by
// their token counts and normalised; a text of one window keeps that
// window's vector as it is.
func Mean(vecs [][]float32, tokens, owner []int, n int) [][]float32 {
	count := make([]int, n)
	for _, i := range owner {
		count[i]++
	}
	out := make([][]float32, n)
	sums := make([][]float64, n)
	for k, v := range vecs {
		i := owner[k]
		if count[i] == 1 {
			out[i] = v
			continue
		}
		if sums[i] == nil {
			sums[i] = make([]float64, len(v))
		}
		for j, x := range v {
			sums[i][j] += float64(tokens[k]) * float64(x)
		}
	}
	for i, s := range sums {
		if s != nil {
			out[i] = unit(s)
		}
	}
	return out
}

// unit returns s scaled to unit L2 norm as float32; a zero vector stays
// zero.
func unit(s []float64) []float32 {
	var ss float64
	for _, x := range s {
		ss += x * x
	}
	v := make([]float32, len(s))
	if ss > 0 {
		inv := 1 / math.Sqrt(ss)
		for j, x := range s {
			v[j] = float32(x * inv)
		}
	}
	return v
}
