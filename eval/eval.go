// Package eval measures Quire's answers against question sets with known
// evidence pages (the qa.jsonl schema of shared/evaldata) and retrieval
// against BEIR sets: page hit@k, MRR, chunk nDCG@10, recall@k and
// abstention, for each retrieval mode side by side.
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"quire/internal/stats"
	"quire/library"
	"quire/llm"
	"quire/search"
	"quire/store"
)

// Question is one line of a qa.jsonl file. Unknown fields are ignored.
type Question struct {
	ID         string     `json:"id"`
	Question   string     `json:"question"`
	Answer     string     `json:"answer"`
	Answerable bool       `json:"answerable"`
	Evidence   []Evidence `json:"evidence"`
}

// Evidence names a file and, when known, a 1-based page that answers.
type Evidence struct {
	File string `json:"file"`
	Page *int   `json:"page"`
	Text string `json:"text"`
}

// ReadQuestions reads a qa.jsonl file. A line that holds no question
// (not JSON, no question text, a question over llm.MaxQuestionBytes) is
// skipped and listed in bad, so that one broken line does not lose the
// set; a UTF-8 byte-order mark, as some editors write, is ignored. err
// is for a file that cannot be read at all.
func ReadQuestions(path string) (qs []Question, bad []BadLine, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read questions: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	for n := 1; ; n++ {
		raw, long, rerr := readLine(r, maxQALine)
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return nil, nil, fmt.Errorf("read questions: %s line %d: %w", path, n, rerr)
		}
		text := strings.TrimSpace(strings.TrimPrefix(string(raw), "\ufeff"))
		switch {
		case long:
			bad = append(bad, BadLine{Line: n, Err: &llm.TooLongError{What: "the line", Size: maxQALine + 1, Limit: maxQALine}})
		case text != "":
			if q, err := parseQuestion(text); err != nil {
				bad = append(bad, BadLine{Line: n, Err: err})
			} else {
				qs = append(qs, q)
			}
		}
		if rerr != nil {
			return qs, bad, nil
		}
	}
}

// maxQALine bounds one line of a qa.jsonl file: a question at its limit,
// its answer and evidence quotes.
const maxQALine = 1 << 20

// BadLine is a line of a qa.jsonl file that was skipped, and why.
type BadLine struct {
	Line int
	Err  error
}

func (b BadLine) Error() string { return fmt.Sprintf("line %d: %v", b.Line, b.Err) }

func parseQuestion(text string) (Question, error) {
	var q Question
	if err := json.Unmarshal([]byte(text), &q); err != nil {
		return q, fmt.Errorf("not a JSON question: %w", err)
	}
	if strings.TrimSpace(q.Question) == "" {
		return q, errors.New(`no "question" text`)
	}
	return q, llm.CheckQuestion(q.Question)
}

// readLine reads one line without its end, never holding more than max
// bytes of it: long reports a longer line, read to its end and dropped.
// err is io.EOF after the last line.
func readLine(r *bufio.Reader, max int) (line []byte, long bool, err error) {
	for {
		frag, err := r.ReadSlice('\n')
		if !long {
			line = append(line, frag...)
			if len(line) > max+1 {
				line, long = nil, true
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err == nil {
			return line, long, nil
		}
		if len(line) > 0 || long {
			return line, long, nil // the last line, without an end: EOF comes next
		}
		return nil, false, err
	}
}

// Summary holds the totals of one mode; rates are fractions from 0 to 1.
type Summary struct {
	Mode                  search.Mode `json:"mode"`
	Questions             int         `json:"questions"`
	Answerable            int         `json:"answerable"`
	WithPages             int         `json:"with_pages"` // answerable questions with an evidence page
	Hit1                  float64     `json:"hit@1"`
	Hit5                  float64     `json:"hit@5"`
	MRR                   float64     `json:"mrr"` // over the cited top k
	FileHit5              float64     `json:"file_hit@5"`
	NDCG10                float64     `json:"ndcg@10"` // chunk level: a chunk is relevant if it covers an evidence page
	Recall                Recalls     `json:"recall"`  // of evidence pages
	AbstainAccuracy       float64     `json:"abstain_accuracy"`
	AbstainPrecision      float64     `json:"abstain_precision"`
	AbstainRecall         float64     `json:"abstain_recall"`
	AbstainedUnanswerable int         `json:"abstained_unanswerable"`
	AbstainedAnswerable   int         `json:"abstained_answerable"`
	// Answer metrics, means over answerable questions with a reference
	// answer (WithAnswers): the reference is stated in the answer text,
	// in its first line, or in the text of any cited chunk.
	// AnswerInSources − AnswerFound is what answer selection loses;
	// 1 − AnswerInSources is what retrieval loses.
	WithAnswers     int     `json:"with_answers"`
	AnswerFound     float64 `json:"answer_found"`
	AnswerFirstLine float64 `json:"answer_first_line"`
	AnswerInSources float64 `json:"answer_in_sources"`
	LatencyP50Ms    float64 `json:"latency_p50_ms"`
	LatencyP95Ms    float64 `json:"latency_p95_ms"`
	K               int     `json:"k"`
}

// Recalls is recall of evidence pages at several depths; @50 is the first
// stage's, the ceiling of what a reranker can reach.
type Recalls struct {
	At5  float64 `json:"@5"`
	At10 float64 `json:"@10"`
	At20 float64 `json:"@20"`
	At50 float64 `json:"@50"`
}

// Result is one question's outcome in one mode.
type Result struct {
	ID         string      `json:"id"`
	Mode       search.Mode `json:"mode"`
	Question   string      `json:"question"`
	Answerable bool        `json:"answerable"`
	HitRank    int         `json:"hit_rank"` // 1-based rank of the first cited chunk on an evidence page; 0 if none
	FileRank   int         `json:"file_rank"`
	Abstained  bool        `json:"abstained"`
	Confidence float64     `json:"confidence"`
	Answer     string      `json:"answer"`
	Citations  []PageCite  `json:"citations"`
	// Reference is the set's answer; the three flags say where Quire's
	// answer states it (see Matcher.Found).
	Reference       string `json:"reference,omitempty"`
	AnswerFound     bool   `json:"answer_found"`
	AnswerFirstLine bool   `json:"answer_first_line"`
	AnswerInSources bool   `json:"answer_in_sources"`

	ndcg10  float64
	recall  Recalls
	latency time.Duration
}

// PageCite is a citation reduced to what the metrics look at.
type PageCite struct {
	File    string `json:"file"`
	Page    int    `json:"page"`
	PageEnd int    `json:"page_end"`
}

// Report is a whole run. Summary and Questions are the first mode's (the
// product's default); Ablation has every mode's summary.
type Report struct {
	Summary   Summary   `json:"summary"`
	Questions []Result  `json:"questions"`
	Ablation  []Summary `json:"ablation"`
	// Sweep gives abstention accuracy at other thresholds of the
	// answers' confidence, to choose the threshold from data.
	Sweep []SweepPoint `json:"abstain_sweep"`
}

// SweepPoint is abstention accuracy at one threshold.
type SweepPoint struct {
	Threshold float64 `json:"threshold"`
	Accuracy  float64 `json:"abstain_accuracy"`
}

// Options shape a run.
type Options struct {
	K     int           // citations per answer (default 5)
	Modes []search.Mode // modes to compare (default: the library's default)
	Docs  []uint64      // the documents the questions are about
}

// Run asks every question in every mode and scores the answers and the
// rankings behind them.
func Run(ctx context.Context, lib *library.Library, qs []Question, opts Options, progress func(Result)) (Report, error) {
	if opts.K <= 0 {
		opts.K = 5
	}
	if len(opts.Modes) == 0 {
		opts.Modes = lib.SearchModes()[:1]
	}
	rel, err := relevantChunks(lib, qs, opts.Docs)
	if err != nil {
		return Report{}, err
	}
	var rep Report
	for mi, mode := range opts.Modes {
		var rs []Result
		for _, q := range qs {
			r, err := runOne(ctx, lib, q, mode, opts, rel[q.ID])
			if err != nil {
				return rep, fmt.Errorf("eval %s (%s): %w", q.ID, mode, err)
			}
			rs = append(rs, r)
			if progress != nil {
				progress(r)
			}
		}
		sum := summarise(qs, rs, opts.K)
		sum.Mode = mode
		rep.Ablation = append(rep.Ablation, sum)
		if mi == 0 {
			rep.Summary, rep.Questions, rep.Sweep = sum, rs, sweep(rs)
		}
	}
	return rep, nil
}

// firstStageOf is the retrieval a mode's candidates come from.
func firstStageOf(m search.Mode, modes []search.Mode) search.Mode {
	if m != search.ModeRerank && m != search.ModeGuaranteed && m != search.ModeCascade {
		return m
	}
	for _, x := range modes {
		if x == search.ModeHybrid {
			return x
		}
	}
	return search.ModeBM25
}

func runOne(ctx context.Context, lib *library.Library, q Question, mode search.Mode, opts Options, relevant int) (Result, error) {
	// The question is searched and answered as the window and quire ask
	// do, k sources deep: a deeper search gives the answer other
	// companions (search.Hit.Companions) than the user's would. The user
	// waits for that; the deeper searches and the scoring below are the
	// evaluation's.
	start := time.Now()
	ask := library.AskOptions{Docs: opts.Docs, TopK: opts.K, Mode: mode}
	res, err := lib.Search(ctx, q.Question, ask)
	if err != nil {
		return Result{}, err
	}
	ans, err := lib.Answer(ctx, q.Question, res, ask)
	if err != nil {
		return Result{}, err
	}
	latency := time.Since(start)
	r := score(q, ans, res.Hits[:min(opts.K, len(res.Hits))])
	r.Mode = mode
	scoreAnswer(&r, q, ans, Matcher{Analyze: lib.Analyze})
	r.latency = latency
	if !q.Answerable || !hasPage(q) {
		return r, nil
	}
	ranks := library.AskOptions{Docs: opts.Docs, TopK: 20, Mode: mode}
	if res, err = lib.Search(ctx, q.Question, ranks); err != nil {
		return Result{}, err
	}
	r.ndcg10 = chunkNDCG(q, res.Hits, relevant)
	r.recall.At5, r.recall.At10, r.recall.At20 = pageRecall(q, res.Hits, 5), pageRecall(q, res.Hits, 10), pageRecall(q, res.Hits, 20)
	first := library.AskOptions{Docs: opts.Docs, TopK: 50, Mode: firstStageOf(mode, lib.SearchModes())}
	deep, err := lib.Search(ctx, q.Question, first)
	if err != nil {
		return Result{}, err
	}
	r.recall.At50 = pageRecall(q, deep.Hits, 50)
	return r, nil
}

// covers reports whether a chunk of file spanning pages [ps, pe] holds an
// evidence page of q.
func covers(q Question, file string, ps, pe int) bool {
	for _, e := range q.Evidence {
		if e.Page != nil && sameFile(e.File, file) && *e.Page >= ps && *e.Page <= max(pe, ps) {
			return true
		}
	}
	return false
}

func chunkNDCG(q Question, hits []search.Hit, relevant int) float64 {
	var dcg, idcg float64
	for i, h := range hits[:min(10, len(hits))] {
		if covers(q, h.Doc.Name, h.Chunk.PageStart, h.Chunk.PageEnd) {
			dcg += 1 / math.Log2(float64(i+2))
		}
	}
	for i := range min(10, relevant) {
		idcg += 1 / math.Log2(float64(i+2))
	}
	if idcg == 0 {
		return 0
	}
	return dcg / idcg
}

// pageRecall is the share of q's evidence pages covered by the top k hits.
func pageRecall(q Question, hits []search.Hit, k int) float64 {
	type page struct {
		file string
		n    int
	}
	want := map[page]bool{}
	for _, e := range q.Evidence {
		if e.Page != nil {
			want[page{strings.ToLower(filepath.Base(e.File)), *e.Page}] = false
		}
	}
	for _, h := range hits[:min(k, len(hits))] {
		for p := range want {
			if sameFile(p.file, h.Doc.Name) && p.n >= h.Chunk.PageStart && p.n <= max(h.Chunk.PageEnd, h.Chunk.PageStart) {
				want[p] = true
			}
		}
	}
	found := 0
	for _, ok := range want {
		if ok {
			found++
		}
	}
	return ratio(float64(found), len(want))
}

// relevantChunks counts, per question, the chunks in the library that
// cover an evidence page: the ideal ranking's length for nDCG.
func relevantChunks(lib *library.Library, qs []Question, docs []uint64) (map[string]int, error) {
	all, err := lib.Documents()
	if err != nil {
		return nil, err
	}
	in := map[uint64]bool{}
	for _, id := range docs {
		in[id] = true
	}
	spans := map[string][]store.PageSpan{}
	for _, d := range all {
		if len(docs) > 0 && !in[d.ID] {
			continue
		}
		if spans[strings.ToLower(d.Name)], err = lib.ChunkPages(d.ID); err != nil {
			return nil, err
		}
	}
	out := map[string]int{}
	for _, q := range qs {
		for name, ss := range spans {
			for _, sp := range ss {
				if covers(q, name, sp.Start, sp.End) {
					out[q.ID]++
				}
			}
		}
	}
	return out, nil
}

// score ranks the cited sources in the order search ranked them (the
// answer numbers them in the order it quotes them).
func score(q Question, ans llm.Answer, ranked []search.Hit) Result {
	r := Result{ID: q.ID, Question: q.Question, Answerable: q.Answerable, Abstained: ans.Abstained,
		Confidence: ans.Confidence, Answer: ans.Text}
	for _, c := range ans.Citations {
		r.Citations = append(r.Citations, PageCite{File: c.File, Page: c.PageStart, PageEnd: c.PageEnd})
	}
	for i, h := range ranked {
		file := h.Doc.Name
		if r.FileRank == 0 && slices.ContainsFunc(q.Evidence, func(e Evidence) bool { return sameFile(e.File, file) }) {
			r.FileRank = i + 1
		}
		if r.HitRank == 0 && covers(q, file, h.Chunk.PageStart, h.Chunk.PageEnd) {
			r.HitRank = i + 1
		}
	}
	return r
}

// scoreAnswer sets where the reference answer is found.
func scoreAnswer(r *Result, q Question, ans llm.Answer, m Matcher) {
	if !q.Answerable || strings.TrimSpace(q.Answer) == "" {
		return
	}
	r.Reference = q.Answer
	if !ans.Abstained {
		r.AnswerFound = m.Found(q.Answer, ans.Text)
		r.AnswerFirstLine = m.Found(q.Answer, firstLine(ans.Text))
	}
	var src strings.Builder
	for _, c := range ans.Citations {
		src.WriteString(c.Text)
		src.WriteString("\n")
	}
	r.AnswerInSources = m.Found(q.Answer, src.String())
}

func sameFile(a, b string) bool { return strings.EqualFold(filepath.Base(a), filepath.Base(b)) }

func hasPage(q Question) bool {
	for _, e := range q.Evidence {
		if e.Page != nil {
			return true
		}
	}
	return false
}

func summarise(qs []Question, rs []Result, k int) Summary {
	s := Summary{Questions: len(qs), K: k}
	var hit1, hit5, rr, file5, abstainOK, ndcg, found, first, inSrc float64
	var rec Recalls
	var abstained int
	lat := make([]float64, 0, len(rs))
	for i, q := range qs {
		r := rs[i]
		lat = append(lat, float64(r.latency.Microseconds())/1000)
		if r.Abstained == !q.Answerable {
			abstainOK++
		}
		if r.Abstained {
			abstained++
		}
		if !q.Answerable {
			if r.Abstained {
				s.AbstainedUnanswerable++
			}
			continue
		}
		s.Answerable++
		if r.Abstained {
			s.AbstainedAnswerable++
		}
		if r.FileRank >= 1 && r.FileRank <= 5 {
			file5++
		}
		if r.Reference != "" {
			s.WithAnswers++
			found += b2f(r.AnswerFound)
			first += b2f(r.AnswerFirstLine)
			inSrc += b2f(r.AnswerInSources)
		}
		if !hasPage(q) {
			continue
		}
		s.WithPages++
		if r.HitRank == 1 {
			hit1++
		}
		if r.HitRank >= 1 && r.HitRank <= 5 {
			hit5++
		}
		if r.HitRank > 0 {
			rr += 1 / float64(r.HitRank)
		}
		ndcg += r.ndcg10
		rec.At5 += r.recall.At5
		rec.At10 += r.recall.At10
		rec.At20 += r.recall.At20
		rec.At50 += r.recall.At50
	}
	n := s.WithPages
	s.Hit1, s.Hit5, s.MRR, s.NDCG10 = ratio(hit1, n), ratio(hit5, n), ratio(rr, n), ratio(ndcg, n)
	s.Recall = Recalls{ratio(rec.At5, n), ratio(rec.At10, n), ratio(rec.At20, n), ratio(rec.At50, n)}
	s.FileHit5 = ratio(file5, s.Answerable)
	s.AnswerFound, s.AnswerFirstLine, s.AnswerInSources = ratio(found, s.WithAnswers), ratio(first, s.WithAnswers), ratio(inSrc, s.WithAnswers)
	s.AbstainAccuracy = ratio(abstainOK, s.Questions)
	s.AbstainPrecision = ratio(float64(s.AbstainedUnanswerable), abstained)
	s.AbstainRecall = ratio(float64(s.AbstainedUnanswerable), s.Questions-s.Answerable)
	s.LatencyP50Ms, s.LatencyP95Ms = stats.Percentile(lat, 0.50), stats.Percentile(lat, 0.95)
	return s
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func ratio(a float64, n int) float64 {
	if n == 0 {
		return 0
	}
	return a / float64(n)
}

func sweep(rs []Result) []SweepPoint {
	var pts []SweepPoint
	for i := 0; i <= 18; i++ {
		t := 0.05 * float64(i)
		ok := 0
		for _, r := range rs {
			if (r.Confidence < t) == !r.Answerable {
				ok++
			}
		}
		pts = append(pts, SweepPoint{Threshold: math.Round(t*100) / 100, Accuracy: ratio(float64(ok), len(rs))})
	}
	return pts
}
