package onnxgen

import "testing"

func TestEfficiency(t *testing.T) {
	if got := Efficiency(50, MatMulBench{BestGFLOPS: 200}); got != 0.25 {
		t.Errorf("Efficiency = %v", got)
	}
	if got := Efficiency(50, MatMulBench{}); got != 0 {
		t.Errorf("Efficiency without a limit = %v", got)
	}
}
