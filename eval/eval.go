// Package eval measures Quire's answers against question sets with known
// evidence pages (the qa.jsonl schema of shared/evaldata): page hit@k, MRR
// and abstention accuracy.
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"quire/library"
	"quire/llm"
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

// ReadQuestions reads a qa.jsonl file.
func ReadQuestions(path string) ([]Question, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read questions: %w", err)
	}
	defer f.Close()
	var qs []Question
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var q Question
		if err := json.Unmarshal([]byte(text), &q); err != nil {
			return nil, fmt.Errorf("read questions: %s line %d: %w", path, line, err)
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read questions: %w", err)
	}
	return qs, nil
}

// Summary holds the totals of a run; rates are fractions from 0 to 1.
type Summary struct {
	Questions             int     `json:"questions"`
	Answerable            int     `json:"answerable"`
	WithPages             int     `json:"with_pages"` // answerable questions with an evidence page
	Hit1                  float64 `json:"hit@1"`
	Hit5                  float64 `json:"hit@5"`
	MRR                   float64 `json:"mrr"`
	FileHit5              float64 `json:"file_hit@5"`
	AbstainAccuracy       float64 `json:"abstain_accuracy"`
	AbstainedUnanswerable int     `json:"abstained_unanswerable"`
	AbstainedAnswerable   int     `json:"abstained_answerable"`
	K                     int     `json:"k"`
}

// Result is one question's outcome.
type Result struct {
	ID         string     `json:"id"`
	Question   string     `json:"question"`
	Answerable bool       `json:"answerable"`
	HitRank    int        `json:"hit_rank"` // 1-based rank of the first cited chunk on an evidence page; 0 if none
	FileRank   int        `json:"file_rank"`
	Abstained  bool       `json:"abstained"`
	Confidence float64    `json:"confidence"`
	Answer     string     `json:"answer"`
	Citations  []PageCite `json:"citations"`
}

// PageCite is a citation reduced to what the metrics look at.
type PageCite struct {
	File    string `json:"file"`
	Page    int    `json:"page"`
	PageEnd int    `json:"page_end"`
}

// Report is a whole run.
type Report struct {
	Summary   Summary  `json:"summary"`
	Questions []Result `json:"questions"`
	// Sweep gives abstention accuracy at other thresholds, from each
	// answer's confidence, to choose the threshold from data.
	Sweep []SweepPoint `json:"abstain_sweep"`
}

// SweepPoint is abstention accuracy at one threshold.
type SweepPoint struct {
	Threshold float64 `json:"threshold"`
	Accuracy  float64 `json:"abstain_accuracy"`
}

// Run asks every question of the library, searching only docs, and scores
// the answers with the top k citations.
func Run(ctx context.Context, lib *library.Library, qs []Question, docs []uint64, k int, progress func(Result)) (Report, error) {
	var rep Report
	for _, q := range qs {
		ans, err := lib.Ask(ctx, q.Question, library.AskOptions{Docs: docs, TopK: k})
		if err != nil {
			return rep, fmt.Errorf("eval %s: %w", q.ID, err)
		}
		r := score(q, ans)
		rep.Questions = append(rep.Questions, r)
		if progress != nil {
			progress(r)
		}
	}
	rep.Summary = summarise(qs, rep.Questions, k)
	rep.Sweep = sweep(rep.Questions)
	return rep, nil
}

func score(q Question, ans llm.Answer) Result {
	r := Result{ID: q.ID, Question: q.Question, Answerable: q.Answerable, Abstained: ans.Abstained,
		Confidence: ans.Confidence, Answer: ans.Text}
	for i, c := range ans.Citations {
		r.Citations = append(r.Citations, PageCite{File: c.File, Page: c.Page, PageEnd: c.PageEnd})
		for _, e := range q.Evidence {
			if !sameFile(e.File, c.File) {
				continue
			}
			if r.FileRank == 0 {
				r.FileRank = i + 1
			}
			if r.HitRank == 0 && e.Page != nil && *e.Page >= c.Page && *e.Page <= max(c.PageEnd, c.Page) {
				r.HitRank = i + 1
			}
		}
	}
	return r
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
	var hit1, hit5, rr, file5, abstainOK float64
	for i, q := range qs {
		r := rs[i]
		if r.Abstained == !q.Answerable {
			abstainOK++
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
	}
	s.Hit1, s.Hit5, s.MRR = ratio(hit1, s.WithPages), ratio(hit5, s.WithPages), ratio(rr, s.WithPages)
	s.FileHit5 = ratio(file5, s.Answerable)
	s.AbstainAccuracy = ratio(abstainOK, s.Questions)
	return s
}

func ratio(a float64, n int) float64 {
	if n == 0 {
		return 0
	}
	return a / float64(n)
}

func sweep(rs []Result) []SweepPoint {
	var pts []SweepPoint
	for t := 0.30; t <= 0.901; t += 0.05 {
		ok := 0
		for _, r := range rs {
			if (r.Confidence < t) == !r.Answerable {
				ok++
			}
		}
		pts = append(pts, SweepPoint{Threshold: float64(int(t*100+0.5)) / 100, Accuracy: ratio(float64(ok), len(rs))})
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].Threshold < pts[j].Threshold })
	return pts
}
