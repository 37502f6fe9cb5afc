package window

import (
	"math"
	"slices"
	"testing"
)

func TestWindows(t *testing.T) {
	for _, c := range []struct {
		n, size, overlap int
		want             []Span
	}{
		{0, 8, 1, []Span{{0, 0}}},
		{8, 8, 1, []Span{{0, 8}}},
		{9, 8, 1, []Span{{0, 8}, {1, 9}}},
		{20, 8, 2, []Span{{0, 8}, {6, 14}, {12, 20}}},
		{21, 8, 2, []Span{{0, 8}, {6, 14}, {12, 20}, {13, 21}}},
		{20, 8, 100, []Span{{0, 8}, {4, 12}, {8, 16}, {12, 20}}}, // overlap clamped to half
	} {
		if got := Windows(c.n, c.size, c.overlap); !slices.Equal(got, c.want) {
			t.Errorf("Windows(%d, %d, %d) = %v, want %v", c.n, c.size, c.overlap, got, c.want)
		}
	}
	// Every token is covered, every window is full, neighbours overlap.
	for n := 1; n < 600; n++ {
		ws := Windows(n, 64, 8)
		covered := 0
		for i, w := range ws {
			if w.Start > covered || w.End-w.Start != min(n, 64) {
				t.Fatalf("n %d: window %d %v after %d covered", n, i, w, covered)
			}
			if i > 0 && ws[i-1].End-w.Start < min(8, n-64) {
				t.Fatalf("n %d: windows %v and %v overlap too little", n, ws[i-1], w)
			}
			covered = w.End
		}
		if covered != n {
			t.Fatalf("n %d: covered %d", n, covered)
		}
	}
}

func TestMean(t *testing.T) {
	vecs := [][]float32{{1, 0}, {0, 1}, {0.6, 0.8}, {0, 0}}
	got := Mean(vecs, []int{3, 1, 5, 0}, []int{0, 0, 1, 2}, 3)
	// Text 0: (3·(1,0) + 1·(0,1)) / |…| = (3, 1)/√10.
	want := [][]float32{{float32(3 / math.Sqrt(10)), float32(1 / math.Sqrt(10))}, {0.6, 0.8}, {0, 0}}
	for i := range want {
		for j := range want[i] {
			if math.Abs(float64(got[i][j]-want[i][j])) > 1e-6 {
				t.Fatalf("Mean = %v, want %v", got, want)
			}
		}
	}
	if &got[1][0] != &vecs[2][0] {
		t.Error("a text of one window does not keep its vector as is")
	}
}
