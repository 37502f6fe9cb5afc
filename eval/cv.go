package eval

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"quire/lexicon"
	"sort"

	"quire/library"
	"quire/llm"
	"quire/search"
)

// A parameter chosen by looking at the shared sets' answers scores better
// on those sets whether or not it is better: it has learned the answers.
// CrossValidate reports what a choice is worth on questions it was not
// chosen on: the questions are split into k folds; for each fold the value
// that scores best on the other k−1 is chosen, and scored on that fold.

// Tunables are the answer parameters CrossValidate can sweep.
var Tunables = map[string]func(*llm.Extractive, float64){
	"passage-words":   func(e *llm.Extractive, v float64) { e.PassageWords = int(v) },
	"candidate-share": func(e *llm.Extractive, v float64) { e.CandidateShare = v },
	"min-known":       func(e *llm.Extractive, v float64) { e.MinKnown = v },
	"min-coverage":    func(e *llm.Extractive, v float64) { e.MinCoverage = v },
}

// Metrics score one answer: found (answerable questions with a reference
// answer: the reference is in the answer), abstain (every question: it
// abstained exactly when it should), or both (their mean).
var Metrics = []string{"found", "abstain", "both"}

// CVOptions says what to sweep and how to score it.
type CVOptions struct {
	Param  string    // a key of Tunables
	Values []float64 // the values tried
	Folds  int       // k (default 5)
	Metric string    // one of Metrics (default both)
	K      int       // citations per answer (default 5)
	Docs   []uint64  // the documents the questions are about
	Mode   search.Mode
}

// CVValue is one value's score on the whole set.
type CVValue struct {
	Value float64 `json:"value"`
	Score float64 `json:"score"`
}

// CVReport is the sweep's outcome.
type CVReport struct {
	Param  string    `json:"param"`
	Metric string    `json:"metric"`
	Folds  int       `json:"folds"`
	Values []CVValue `json:"values"` // fitted on the whole set: optimistic
	// HeldOut is the mean over folds of the held-out score of the value
	// chosen on the other folds: what the choice is worth.
	HeldOut float64   `json:"held_out"`
	Chosen  []float64 `json:"chosen"` // the value chosen for each fold
}

// ErrUnknownTunable is returned for a parameter CrossValidate cannot set.
var ErrUnknownTunable = errors.New("unknown tunable parameter")

// CrossValidate searches each question once, answers it with each value of
// the parameter, and reports the values' scores and the cross-validated one.
func CrossValidate(ctx context.Context, lib *library.Library, qs []Question, opts CVOptions) (CVReport, error) {
	set, ok := Tunables[opts.Param]
	if !ok {
		return CVReport{}, fmt.Errorf("%w %q", ErrUnknownTunable, opts.Param)
	}
	if len(opts.Values) == 0 {
		return CVReport{}, errors.New("cross-validate: no values to try")
	}
	opts = cvDefaults(opts)
	scores, err := cvScores(ctx, lib, qs, opts, set)
	if err != nil {
		return CVReport{}, err
	}
	rep := CVReport{Param: opts.Param, Metric: opts.Metric, Folds: opts.Folds}
	all := make([]bool, len(qs))
	for i := range all {
		all[i] = true
	}
	for v, val := range opts.Values {
		rep.Values = append(rep.Values, CVValue{Value: val, Score: foldScore(scores[v], all, opts.Metric)})
	}
	fold := folds(qs, opts.Folds)
	var held float64
	for f := 0; f < opts.Folds; f++ {
		train, test := make([]bool, len(qs)), make([]bool, len(qs))
		for i := range qs {
			train[i], test[i] = fold[i] != f, fold[i] == f
		}
		best := 0
		for v := range opts.Values {
			if foldScore(scores[v], train, opts.Metric) > foldScore(scores[best], train, opts.Metric) {
				best = v
			}
		}
		rep.Chosen = append(rep.Chosen, opts.Values[best])
		held += foldScore(scores[best], test, opts.Metric)
	}
	rep.HeldOut = held / float64(opts.Folds)
	return rep, nil
}

func cvDefaults(o CVOptions) CVOptions {
	if o.Folds < 2 {
		o.Folds = 5
	}
	if o.Metric == "" {
		o.Metric = "both"
	}
	if o.K <= 0 {
		o.K = 5
	}
	return o
}

// outcome is one question's under one value.
type outcome struct {
	found, abstainOK bool
	hasRef           bool // answerable, with a reference answer
}

// cvScores answers every question with every value: scores[value][question].
func cvScores(ctx context.Context, lib *library.Library, qs []Question, opts CVOptions, set func(*llm.Extractive, float64)) ([][]outcome, error) {
	m := Matcher{Analyze: lib.Analyze}
	out := make([][]outcome, len(opts.Values))
	for v := range out {
		out[v] = make([]outcome, len(qs))
	}
	english := lexicon.English()
	for i, q := range qs {
		res, err := lib.Search(ctx, q.Question, library.AskOptions{Docs: opts.Docs, TopK: opts.K, Mode: opts.Mode})
		if err != nil {
			return nil, fmt.Errorf("cross-validate %s: %w", q.ID, err)
		}
		for v, val := range opts.Values {
			e := llm.Extractive{Analyze: lib.Analyze, Chunk: lib.Chunk, English: english}
			set(&e, val)
			ans, err := e.Answer(ctx, q.Question, res)
			if err != nil {
				return nil, fmt.Errorf("cross-validate %s: %w", q.ID, err)
			}
			s := outcome{abstainOK: ans.Abstained == !q.Answerable, hasRef: q.Answerable && q.Answer != ""}
			s.found = s.hasRef && !ans.Abstained && m.Found(q.Answer, ans.Text)
			out[v][i] = s
		}
	}
	return out, nil
}

// foldScore is the metric's mean over the questions in.
func foldScore(ss []outcome, in []bool, metric string) float64 {
	var found, refs, ok, n float64
	for i, s := range ss {
		if !in[i] {
			continue
		}
		n++
		if s.abstainOK {
			ok++
		}
		if s.hasRef {
			refs++
			if s.found {
				found++
			}
		}
	}
	f, a := ratio(found, int(refs)), ratio(ok, int(n))
	switch metric {
	case "found":
		return f
	case "abstain":
		return a
	}
	return (f + a) / 2
}

// folds assigns each question a fold from a hash of its ID, so a question
// stays in its fold whatever the order of the file.
func folds(qs []Question, k int) []int {
	idx := make([]int, len(qs))
	for i := range idx {
		idx[i] = i
	}
	key := func(i int) uint64 {
		h := fnv.New64a()
		h.Write([]byte(qs[i].ID))
		return h.Sum64()
	}
	sort.Slice(idx, func(a, b int) bool { return key(idx[a]) < key(idx[b]) })
	out := make([]int, len(qs))
	for rank, i := range idx {
		out[i] = rank % k
	}
	return out
}
