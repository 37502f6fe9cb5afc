package stats

// ShareIn is the share of items that set holds; 0 for no items.
func ShareIn(items []string, set map[string]bool) float64 {
	if len(items) == 0 {
		return 0
	}
	n := 0
	for _, x := range items {
		if set[x] {
			n++
		}
	}
	return float64(n) / float64(len(items))
}
