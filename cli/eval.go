package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"quire/eval"
	"quire/library"
	"quire/search"
)

func cmdEval(ctx context.Context, args []string, out io.Writer) error {
	var db string
	fs := flags("eval", &db)
	qaPath := fs.String("qa", "", "questions in qa.jsonl form")
	docsDir := fs.String("docs", "", "folder of the PDFs the questions are about")
	jsonOut := fs.String("json", "", "also write the report as JSON to this file")
	k := fs.Int("k", 5, "citations per answer")
	quiet := fs.Bool("q", false, "print only the summary")
	var with multiFlag
	fs.Var(&with, "with", "also put this folder's PDFs in the library, as distractors searched with the set (repeatable): the cost of a large library")
	var so search.Options
	fs.Float64Var(&so.WeightDense, "dense-weight", 0, "weight of the dense list in fusion (default: the library's)")
	fs.Float64Var(&so.RRFK, "rrf-k", 0, "reciprocal rank fusion constant (default 60)")
	fs.StringVar(&so.Fusion, "fusion", "", "rrf or blend")
	fs.IntVar(&so.Candidates, "candidates", 0, "first-stage pool for the reranker (default 30)")
	generated := fs.String("generated-models", "", "use random-weight MiniLM-shaped models kept in this folder (plumbing and timing only)")
	beirDir := fs.String("beir", "", "a BEIR retrieval set (corpus.jsonl, queries.jsonl, qrels/)")
	split := fs.String("split", "test", "BEIR qrels split")
	mode := fs.String("mode", "", "BEIR retrieval mode: bm25, dense, hybrid, rerank or guaranteed (default: the best installed)")
	followups := fs.String("followups", "", "follow-up questions with their context (jsonl); hit@5 with and without the context")
	tune := fs.String("tune", "", "cross-validate an answer parameter: NAME=V1,V2,… (passage-words, candidate-share, min-known, min-coverage)")
	cvFolds := fs.Int("cv", 5, "folds for --tune")
	cvMetric := fs.String("cv-metric", "both", "what --tune maximises: found, abstain or both")
	modes := fs.String("modes", "", "comma-separated retrieval modes to compare on --qa (default: the best installed; \"all\" for every installed one)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *beirDir != "" {
		return evalBEIR(ctx, out, db, *beirDir, *split, *mode, *jsonOut, openOpts{search: so, generated: *generated})
	}
	if *followups != "" {
		return evalFollowUps(ctx, out, db, *docsDir, *followups, *k, *jsonOut, openOpts{search: so, generated: *generated})
	}
	if *qaPath == "" || *docsDir == "" {
		return errors.New("need --qa FILE.jsonl and --docs DIR, or --beir DIR")
	}
	var qs []eval.Question
	for _, p := range strings.Split(*qaPath, ",") {
		more, bad, err := eval.ReadQuestions(p)
		if err != nil {
			return err
		}
		for _, b := range bad {
			fmt.Fprintf(out, "skipped %s %v\n", filepath.Base(p), b)
		}
		qs = append(qs, more...)
	}
	if len(qs) == 0 {
		return fmt.Errorf("no questions in %s", *qaPath)
	}
	dir, lib, err := openEvalLibrary(db, *docsDir, openOpts{search: so, generated: *generated})
	if err != nil {
		return err
	}
	defer lib.Close()
	db = lib.Dir()

	paths := []string{dir}
	for _, w := range with {
		abs, err := filepath.Abs(w)
		if err != nil {
			return err
		}
		paths = append(paths, abs)
	}
	sum, err := lib.Ingest(ctx, paths, nil)
	if err != nil {
		return err
	}
	// A file that could not be read is tried again at every run; it is
	// not new.
	fmt.Fprintf(out, "library %s: %d files (%d new, %d already indexed, %d could not be read)\n", db, sum.Files, sum.Files-sum.Skipped-sum.Failed, sum.Skipped, sum.Failed)
	if err := reembed(ctx, out, lib); err != nil {
		return err
	}
	if err := runOCR(ctx, out, lib.Library); err != nil {
		return err
	}
	docs, err := docsUnder(lib.Library, dir)
	if err != nil {
		return err
	}
	if len(with) > 0 {
		// The questions are asked of the whole library, as a user with
		// all these folders in it would ask them.
		docs = nil
	}
	ms, err := parseModes(*modes, lib.Library)
	if err != nil {
		return err
	}
	if *tune != "" {
		return crossValidate(ctx, out, lib.Library, qs, *tune, eval.CVOptions{Folds: *cvFolds, Metric: *cvMetric, K: *k, Docs: docs, Mode: ms[0]}, *jsonOut)
	}
	rep, err := eval.Run(ctx, lib.Library, qs, eval.Options{K: *k, Modes: ms, Docs: docs}, func(r eval.Result) {
		if !*quiet {
			fmt.Fprintln(out, resultLine(r))
		}
	})
	if err != nil {
		return err
	}
	printEvalSummary(out, rep.Summary)
	if len(rep.Ablation) > 1 {
		printAblation(out, rep.Ablation)
	}
	if *jsonOut != "" {
		if err := writeReport(*jsonOut, rep); err != nil {
			return err
		}
	}
	return nil
}

// openEvalLibrary opens db, or the library kept for the evaluation data
// in dir when db is empty; it returns dir made absolute.
func openEvalLibrary(db, dir string, oo openOpts) (string, *session, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", nil, err
	}
	if db == "" {
		if db, err = evalCacheDir(dir); err != nil {
			return "", nil, err
		}
	}
	lib, err := openLibraryWith(db, oo)
	if err == nil {
		// Evaluation measures retrieval and the built-in answerer: it is
		// reproducible and sends nothing to an LLM server saved in --db.
		err = lib.SetLLM(nil)
	}
	return dir, lib, err
}

// evalCacheDir is a library reserved for one folder of evaluation PDFs, so
// repeated runs reuse its index and never touch the user's own library.
func evalCacheDir(docsDir string) (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("eval library location: %w", err)
	}
	sum := sha256.Sum256([]byte(docsDir))
	return filepath.Join(base, "quire", "eval", filepath.Base(docsDir)+"-"+hex.EncodeToString(sum[:4])), nil
}

// docsUnder lists the documents whose files are inside dir.
func docsUnder(lib *library.Library, dir string) ([]uint64, error) {
	all, err := lib.Documents()
	if err != nil {
		return nil, err
	}
	var ids []uint64
	for _, d := range all {
		if strings.HasPrefix(d.Path, dir+string(filepath.Separator)) {
			ids = append(ids, d.ID)
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("no documents from %s in the library", dir)
	}
	return ids, nil
}

func resultLine(r eval.Result) string {
	verdict := "miss"
	switch {
	case !r.Answerable && r.Abstained:
		verdict = "abstained (correct)"
	case !r.Answerable:
		verdict = "ANSWERED an unanswerable question"
	case r.HitRank > 0:
		verdict = fmt.Sprintf("hit@%d", r.HitRank)
	}
	if r.Answerable && r.Abstained {
		verdict += ", ABSTAINED"
	}
	return fmt.Sprintf("%-18s %-10s conf %.2f  %s", r.ID, r.Mode, r.Confidence, verdict)
}

func printEvalSummary(out io.Writer, s eval.Summary) {
	fmt.Fprintf(out, "\n%d questions (%d answerable, %d with pages)\n", s.Questions, s.Answerable, s.WithPages)
	fmt.Fprintf(out, "page hit@1 %.3f   hit@5 %.3f   MRR@%d %.3f   file hit@5 %.3f\n", s.Hit1, s.Hit5, s.K, s.MRR, s.FileHit5)
	fmt.Fprintf(out, "abstention accuracy %.3f (unanswerable abstained %d of %d; answerable abstained %d)\n",
		s.AbstainAccuracy, s.AbstainedUnanswerable, s.Questions-s.Answerable, s.AbstainedAnswerable)
	fmt.Fprintf(out, "answer found %.3f   in first line %.3f   in sources %.3f   (%d with a reference answer)\n",
		s.AnswerFound, s.AnswerFirstLine, s.AnswerInSources, s.WithAnswers)
	fmt.Fprintf(out, "latency p50 %.1f ms   p95 %.1f ms\n", s.LatencyP50Ms, s.LatencyP95Ms)
}

// multiFlag collects a repeated flag's values.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func evalBEIR(ctx context.Context, out io.Writer, db, dir, split, mode, jsonOut string, oo openOpts) error {
	dir, lib, err := openEvalLibrary(db, dir, oo)
	if err != nil {
		return err
	}
	defer lib.Close()
	b, err := eval.LoadBEIR(dir, split)
	if err != nil {
		return err
	}
	docs, err := b.Index(ctx, lib.Library)
	if err != nil {
		return err
	}
	if err := reembed(ctx, out, lib); err != nil {
		return err
	}
	if mode == "" {
		mode = string(lib.SearchModes()[0])
	}
	rep, err := eval.RunBEIR(ctx, lib.Library, b, docs, search.Mode(mode))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%s (%s, %d documents): %d queries, mode %s: nDCG@10 %.4f, recall@100 %.4f\n",
		filepath.Base(dir), split, len(docs), rep.Queries, rep.Mode, rep.NDCG10, rep.Recall100)
	if jsonOut == "" {
		return nil
	}
	return writeReport(jsonOut, rep)
}

func parseModes(s string, lib *library.Library) ([]search.Mode, error) {
	switch s {
	case "":
		return lib.SearchModes()[:1], nil
	case "all":
		return lib.SearchModes(), nil
	}
	var ms []search.Mode
	for _, m := range strings.Split(s, ",") {
		ms = append(ms, search.Mode(strings.TrimSpace(m)))
	}
	return ms, nil
}

func printAblation(out io.Writer, rows []eval.Summary) {
	fmt.Fprintf(out, "\n%-11s %7s %7s %7s %8s %7s %7s %7s %7s %8s %8s\n",
		"mode", "hit@1", "hit@5", "MRR", "nDCG@10", "R@5", "R@10", "R@20", "R@50", "abstain", "p50 ms")
	for _, s := range rows {
		fmt.Fprintf(out, "%-11s %7.3f %7.3f %7.3f %8.3f %7.3f %7.3f %7.3f %7.3f %8.3f %8.1f\n",
			s.Mode, s.Hit1, s.Hit5, s.MRR, s.NDCG10, s.Recall.At5, s.Recall.At10, s.Recall.At20, s.Recall.At50,
			s.AbstainAccuracy, s.LatencyP50Ms)
	}
}
