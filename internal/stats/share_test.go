package stats

import "testing"

func TestShareIn(t *testing.T) {
	set := map[string]bool{"net": true, "income": true}
	for _, c := range []struct {
		items []string
		want  float64
	}{{[]string{"net", "income"}, 1}, {[]string{"other", "net", "income", "loss"}, 0.5}, {nil, 0}, {[]string{"cash"}, 0}} {
		if got := ShareIn(c.items, set); got != c.want {
			t.Errorf("ShareIn(%v) = %v, want %v", c.items, got, c.want)
		}
	}
}
