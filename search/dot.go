package search

// dotInt8Go is the portable int8 dot product; dotInt8 uses SIMD where
// the CPU has it (dot_amd64.go) and falls back to this.
func dotInt8Go(a, b []int8) int32 {
	b = b[:len(a)]
	var s int32
	for i := range a {
		s += int32(a[i]) * int32(b[i])
	}
	return s
}
