package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"quire/library"
)

// StartupRun is the window's start-up over one generated library.
type StartupRun struct {
	Documents int     `json:"documents"`
	OpenMs    float64 `json:"open_ms"`
	WindowMs  float64 `json:"window_ms"`
	ListMs    float64 `json:"list_ms"` // first frame to the document list filled
	Runs      int     `json:"runs"`    // the best of these is reported
}

// Startup generates a library of each size (documents of two short pages)
// and reports the best of runs window start-ups over it, as measure (the
// app's MeasureStartup) times them.
func Startup(ctx context.Context, sizes []int, runs int, measure func(dir string) (open, window, list float64, docs int, err error)) ([]StartupRun, error) {
	var out []StartupRun
	for _, n := range sizes {
		dir, err := os.MkdirTemp("", "quire-bench-startup-")
		if err != nil {
			return out, err
		}
		r, err := startupSize(ctx, filepath.Join(dir, "lib"), n, runs, measure)
		os.RemoveAll(dir)
		if err != nil {
			return out, fmt.Errorf("startup with %d documents: %w", n, err)
		}
		out = append(out, r)
	}
	return out, nil
}

func startupSize(ctx context.Context, dir string, n, runs int, measure func(string) (float64, float64, float64, int, error)) (StartupRun, error) {
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		return StartupRun{}, err
	}
	docs := make([]library.TextDocument, n)
	for i := range docs {
		docs[i] = library.TextDocument{
			Name: fmt.Sprintf("report-%05d.pdf", i),
			Path: fmt.Sprintf("/bench/report-%05d.pdf", i),
			Pages: []string{
				fmt.Sprintf("Report %d. Quarterly figures for unit %d: revenue rose %d%% on the year.", i, i%97, i%31),
				fmt.Sprintf("Unit %d employs %d people; its manager signs off each quarter.", i%97, 10+i%400),
			},
		}
	}
	err = lib.AddTexts(ctx, docs)
	if cerr := lib.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return StartupRun{}, err
	}
	best := StartupRun{Runs: runs}
	for i := 0; i < runs; i++ {
		open, window, list, got, err := measure(dir)
		if err != nil {
			return best, err
		}
		if got != n {
			return best, fmt.Errorf("listed %d documents of %d", got, n)
		}
		if i == 0 || open+window+list < best.OpenMs+best.WindowMs+best.ListMs {
			best.OpenMs, best.WindowMs, best.ListMs = open, window, list
		}
		best.Documents = got
	}
	return best, nil
}
