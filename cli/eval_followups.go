package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"quire/eval"
)

// evalFollowUps runs `quire eval --followups FILE --docs DIR`: each
// follow-up searched alone and rewritten from its context.
func evalFollowUps(ctx context.Context, out io.Writer, db, docsDir, path string, k int, jsonOut string, oo openOpts) error {
	if docsDir == "" {
		return errors.New("need --docs DIR with --followups")
	}
	fs, err := eval.ReadFollowUps(path)
	if err != nil {
		return err
	}
	dir, lib, err := openEvalLibrary(db, docsDir, oo)
	if err != nil {
		return err
	}
	defer lib.Close()
	if _, err := lib.Ingest(ctx, []string{dir}, nil); err != nil {
		return err
	}
	if err := reembed(ctx, out, lib); err != nil {
		return err
	}
	docs, err := docsUnder(lib.Library, dir)
	if err != nil {
		return err
	}
	rep, err := eval.RunFollowUps(ctx, lib.Library, fs, eval.Options{K: k, Docs: docs})
	if err != nil {
		return err
	}
	for i, f := range fs {
		r := rep.Questions[i]
		fmt.Fprintf(out, "%-16s %q → %q  %s\n", f.ID, f.Question.Question, rep.Rewritten[i], resultLine(r)[19:])
	}
	fmt.Fprintf(out, "\n%d follow-ups: page hit@5 %.3f without context, %.3f with it (hit@1 %.3f → %.3f, MRR %.3f → %.3f)\n",
		len(fs), rep.Without.Hit5, rep.With.Hit5, rep.Without.Hit1, rep.With.Hit1, rep.Without.MRR, rep.With.MRR)
	if jsonOut == "" {
		return nil
	}
	return writeReport(jsonOut, rep)
}
