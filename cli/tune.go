package cli

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"quire/eval"
	"quire/library"
)

// crossValidate runs quire eval --tune NAME=V1,V2,…: each value's score on
// the whole set, and the k-fold cross-validated score of choosing among
// them.
func crossValidate(ctx context.Context, out io.Writer, lib *library.Library, qs []eval.Question, spec string, opts eval.CVOptions, jsonOut string) error {
	name, list, ok := strings.Cut(spec, "=")
	if !ok {
		return fmt.Errorf("--tune %q: want NAME=V1,V2,…", spec)
	}
	if !slices.Contains(eval.Metrics, opts.Metric) {
		return fmt.Errorf("--cv-metric %q: want one of %s", opts.Metric, strings.Join(eval.Metrics, ", "))
	}
	opts.Param = name
	for _, f := range strings.Split(list, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil {
			return fmt.Errorf("--tune %s: %q is not a number", name, f)
		}
		opts.Values = append(opts.Values, v)
	}
	rep, err := eval.CrossValidate(ctx, lib, qs, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s, metric %s, %d questions\n", rep.Param, rep.Metric, len(qs))
	for _, v := range rep.Values {
		fmt.Fprintf(out, "  %-8g %.3f  (fitted on all: optimistic)\n", v.Value, v.Score)
	}
	fmt.Fprintf(out, "%d-fold cross-validated: %.3f (chosen per fold: %v)\n", rep.Folds, rep.HeldOut, rep.Chosen)
	if jsonOut == "" {
		return nil
	}
	return writeReport(jsonOut, rep)
}
