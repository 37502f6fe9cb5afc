package search

import "golang.org/x/sys/cpu"

// hasAVX2 selects the AVX2 kernel: 16 products per instruction instead
// of one, which makes the scan of a million 384-dimensional rows a matter
// of memory bandwidth rather than of arithmetic.
var hasAVX2 = cpu.X86.HasAVX2

// dotInt8AVX2 is the dot product of n int8s at a and b, n a multiple of 32.
//
//go:noescape
func dotInt8AVX2(a, b *int8, n int) int32

func dotInt8(a, b []int8) int32 {
	n := len(a) &^ 31
	if !hasAVX2 || n == 0 {
		return dotInt8Go(a, b)
	}
	b = b[:len(a)]
	s := dotInt8AVX2(&a[0], &b[0], n)
	if n < len(a) {
		s += dotInt8Go(a[n:], b[n:])
	}
	return s
}
