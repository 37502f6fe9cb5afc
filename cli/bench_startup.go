package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"quire/app"
	"quire/bench"
)

// benchStartup times the window's start-up over generated libraries of
// 100 and 10,000 documents.
func benchStartup(ctx context.Context, out io.Writer) ([]bench.StartupRun, error) {
	runs, err := bench.Startup(ctx, []int{100, 10000}, 3, func(dir string) (float64, float64, float64, int, error) {
		st, err := app.MeasureStartup(dir)
		return st.OpenMs, st.WindowMs, st.ListMs, st.Documents, err
	})
	for _, r := range runs {
		fmt.Fprintf(out, "  %d documents: library open %.0f ms, window %.0f ms, first frame → list %.0f ms\n", r.Documents, r.OpenMs, r.WindowMs, r.ListMs)
	}
	return runs, err
}

// windowShow is the window's start-up over the library in dir: library
// open, window built, first frame → document list filled.
func windowShow(_ context.Context, dir string) (time.Duration, error) {
	st, err := app.MeasureStartup(dir)
	return time.Duration((st.OpenMs + st.WindowMs + st.ListMs) * float64(time.Millisecond)), err
}
