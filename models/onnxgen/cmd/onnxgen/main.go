// Command onnxgen writes BERT-shaped ONNX models with seeded random weights
// (encoder.onnx, cross_encoder.onnx, cross_encoder_int8.onnx) for testing
// and benchmarking Quire's neural runtime without downloading real models.
//
//	go run ./models/onnxgen/cmd/onnxgen -out DIR [-tiny | -l12] [-seed N]
package main

import (
	"flag"
	"fmt"
	"os"

	"quire/models/onnxgen"
)

func main() {
	out := flag.String("out", "", "directory to write the models to (required)")
	tiny := flag.Bool("tiny", false, "write the tiny 2-layer, 32-wide shape instead of MiniLM-L6")
	l12 := flag.Bool("l12", false, "write the MiniLM-L12 shape (12 layers) instead of MiniLM-L6")
	seed := flag.Uint64("seed", 1, "seed of the random weights")
	flag.Parse()
	if *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	c := onnxgen.MiniLML6(*seed)
	switch {
	case *tiny:
		c = onnxgen.Tiny(*seed)
	case *l12:
		c = onnxgen.MiniLML12(*seed)
	}
	paths, err := onnxgen.WriteModels(*out, c)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, p := range paths {
		fmt.Println(p)
	}
}
