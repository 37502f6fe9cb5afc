package llm

import "testing"

func TestAsksOf(t *testing.T) {
	for _, c := range []struct {
		q, measure string
		want       asks
	}{
		{"does adobe have an improving operating margin profile as of fy2022?", "operating margin", askUp},
		{"has microsoft increased its debt to equity ratio between fy2023 and fy2022?", "debt to equity ratio", askUp},
		{"did the quick ratio decline in fy2023?", "quick ratio", askDown},
		{"does corning have positive working capital based on fy2022 data?", "working capital", askPositive},
		// Either way, or a judgment the figures do not settle.
		{"has amcor's quick ratio improved or declined between fy2023 and fy2022?", "quick ratio", askNone},
		{"is 3m a capital-intensive business based on fy2022 data?", "capital-intensive", askNone},
		{"does verizon have a reasonably healthy liquidity profile based on its quick ratio for fy 2022?", "quick ratio", askNone},
		// Improving a debt ratio could mean it fell.
		{"does boeing have an improving debt to equity ratio as of fy2022?", "debt to equity ratio", askNone},
	} {
		if got := asksOf(c.q, c.measure); got != c.want {
			t.Errorf("%q: %d, want %d", c.q, got, c.want)
		}
	}
}

// The verdict compares the figures as shown: 0.71 after 0.71 has not
// improved.
func TestVerdict(t *testing.T) {
	ratio := askedFormula{root: &node{op: '/'}, round: -1}
	for _, c := range []struct {
		asks   asks
		values []float64
		want   string
		ok     bool
	}{
		{askUp, []float64{0.7069, 0.7140}, "No.", true},
		{askUp, []float64{0.69, 0.67}, "Yes.", true},
		{askDown, []float64{0.69, 0.67}, "No.", true},
		{askPositive, []float64{2278, 2853}, "Yes.", true},
		{askNegative, []float64{2278, 2853}, "No.", true},
		{askUp, []float64{0.69}, "", false}, // no earlier year
		{askNone, []float64{0.69, 0.67}, "", false},
	} {
		ratio.asks = c.asks
		if got, ok := ratio.verdict(c.values, nil, nil); got != c.want || ok != c.ok {
			t.Errorf("%d on %v: %q %v, want %q %v", c.asks, c.values, got, ok, c.want, c.ok)
		}
	}
}
