package bench

import (
	"context"
	"fmt"
	"math"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"quire/ingest"
	"quire/ocr"
)

// The OCR self-check needs no hand-made truth: pages with a good text
// layer are drawn, read by OCR, and OCR's words are scored against the
// text layer. A text layer is good when two extractors agree on it: ours
// and poppler's pdftotext (word recall ≥ 0.9 either way).

// OCRSample is a page with a good text layer.
type OCRSample struct {
	File string `json:"file"`
	Page int    `json:"page"`
	Ref  string `json:"-"` // its text layer, as our extractor reads it
	// Kind is told by PageKind from what the first run read on the page
	// and kept, so every resolution is scored over the same kinds.
	Kind string `json:"kind,omitempty"`
}

// OCRSamples picks up to perFile pages of each file, spread through the
// file, whose text layer is good and holds at least minWords words;
// at most max in all.
func OCRSamples(ctx context.Context, files []string, perFile, max int) ([]OCRSample, error) {
	var out []OCRSample
	for _, f := range files {
		if len(out) >= max {
			break
		}
		res, err := ingest.Extract(ctx, f, ingest.Options{})
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			continue
		}
		var good []ingest.Page
		for _, p := range res.Pages {
			if len(ocr.Words(p.Text)) >= minWords {
				good = append(good, p)
			}
		}
		step := math.Max(1, float64(len(good))/float64(perFile))
		taken := 0
		for i := 0.0; int(i) < len(good) && taken < perFile && len(out) < max; i += step {
			p := good[int(i)]
			poppler, err := exec.CommandContext(ctx, "pdftotext", "-f", strconv.Itoa(p.Number), "-l", strconv.Itoa(p.Number), "-enc", "UTF-8", f, "-").Output()
			if err != nil {
				continue
			}
			r1, r2 := ocr.Score(p.Text, string(poppler))
			if r1 < 0.9 || r2 < 0.9 {
				continue
			}
			out = append(out, OCRSample{File: f, Page: p.Number, Ref: p.Text})
			taken++
		}
	}
	return out, nil
}

// minWords is the fewest words a sampled page holds.
const minWords = 40

// OCRCheckOptions say how OCRCheck reads the samples.
type OCRCheckOptions struct {
	DPI       float64
	Workers   int  // pages read at once, one Tesseract thread each
	DrawScans bool // ocr.Options.DrawScans
}

// OCRRun is the self-check at one resolution.
type OCRRun struct {
	DPI       float64 `json:"dpi"`
	Workers   int     `json:"workers"` // pages read at once, one Tesseract thread each
	DrawScans bool    `json:"draw_scans,omitempty"`
	Pages     int     `json:"pages"`
	Failed    int     `json:"failed"`
	// Embedded counts pages read from their own image (scans), Retried
	// pages read again at a lower resolution after taking too long.
	Embedded int `json:"embedded"`
	Retried  int `json:"retried"`
	// PagesPerSec is pages read per second of wall time, drawing
	// included; SecPerPage the mean time one page took.
	PagesPerSec float64 `json:"pages_per_s"`
	SecPerPage  float64 `json:"s_per_page"`
	// PeakRSS: Quire's own process (PDFium drawing) and the largest
	// Tesseract process seen (sampled every 50 ms), in MiB.
	PeakRSSMiB          float64               `json:"peak_rss_mib"`
	TesseractPeakRSSMiB float64               `json:"tesseract_peak_rss_mib"`
	All                 OCRScores             `json:"all"`
	ByKind              map[string]*OCRScores `json:"by_kind"`
	Worst               []OCRPageScore        `json:"worst"`
	LoadAvg             string                `json:"loadavg"` // the machine's load when the run ended
	// GoalMet: word recall median ≥ OCRGoalMedianRecall and mean ≥
	// OCRGoalMeanRecall over all pages, failed ones counting 0.
	GoalMet bool `json:"goal_met"`
}

// The self-check's goal (issue 14).
const (
	OCRGoalMedianRecall = 0.97
	OCRGoalMeanRecall   = 0.93
)

// OCRScores summarise word recall and precision over pages.
type OCRScores struct {
	Pages           int     `json:"pages"`
	MedianRecall    float64 `json:"median_recall"`
	MeanRecall      float64 `json:"mean_recall"`
	MedianPrecision float64 `json:"median_precision"`
	MeanPrecision   float64 `json:"mean_precision"`
	recall, prec    []float64
}

// OCRPageScore is one page's outcome.
type OCRPageScore struct {
	File      string  `json:"file"`
	Page      int     `json:"page"`
	Kind      string  `json:"kind"`
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
	Conf      float64 `json:"conf"`
	Err       string  `json:"err,omitempty"`
}

func (s *OCRScores) add(recall, precision float64) {
	s.recall = append(s.recall, recall)
	s.prec = append(s.prec, precision)
}

func (s *OCRScores) finish() {
	s.Pages = len(s.recall)
	s.MedianRecall, s.MeanRecall = medianMean(s.recall)
	s.MedianPrecision, s.MeanPrecision = medianMean(s.prec)
}

func medianMean(v []float64) (median, mean float64) {
	if len(v) == 0 {
		return 0, 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	sum := 0.0
	for _, x := range s {
		sum += x
	}
	return round3(s[len(s)/2]), round3(sum / float64(len(s)))
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// OCRCheck draws and reads the samples at dpi with workers pages at once
// and scores them; onPage, if set, sees each page's score as it comes.
// It sets the Kind of samples that have none.
func OCRCheck(ctx context.Context, samples []OCRSample, o OCRCheckOptions, onPage func(OCRPageScore)) (OCRRun, error) {
	run := OCRRun{DPI: o.DPI, Workers: o.Workers, DrawScans: o.DrawScans, ByKind: map[string]*OCRScores{}}
	byFile := map[string][]int{} // indices into samples
	var files []string
	for i, s := range samples {
		if byFile[s.File] == nil {
			files = append(files, s.File)
		}
		byFile[s.File] = append(byFile[s.File], i)
	}
	resetPeakRSS()
	jobs := make(chan string)
	var mu sync.Mutex
	var scores []OCRPageScore
	var busy time.Duration
	var peakTess int64
	var firstErr error
	t0 := time.Now()
	var wg sync.WaitGroup
	for range max(o.Workers, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := ocr.New(ocr.Options{DPI: o.DPI, Threads: 1, DrawScans: o.DrawScans})
			if err != nil {
				mu.Lock()
				firstErr = err
				mu.Unlock()
				for range jobs {
				}
				return
			}
			defer r.Close()
			for f := range jobs {
				idx := byFile[f]
				pages := make([]int, len(idx))
				at := map[int]int{} // page → index into samples
				for i, j := range idx {
					pages[i], at[samples[j].Page] = samples[j].Page, j
				}
				_ = r.Pages(ctx, f, pages, func(res ocr.Result) bool {
					sc := OCRPageScore{File: f, Page: res.Number, Conf: round3(res.Conf)}
					smp := &samples[at[res.Number]]
					mu.Lock()
					if res.Err != nil {
						sc.Err = res.Err.Error()
					} else {
						sc.Recall, sc.Precision = ocr.Score(res.Text, smp.Ref)
						if smp.Kind == "" {
							smp.Kind = PageKind(res.Page)
						}
						sc.Kind = smp.Kind
					}
					if onPage != nil {
						onPage(sc)
					}
					scores = append(scores, sc)
					busy += res.Duration
					if res.Embedded {
						run.Embedded++
					}
					if res.Retried {
						run.Retried++
					}
					peakTess = max(peakTess, res.TesseractRSS)
					mu.Unlock()
					return true
				})
			}
		}()
	}
	for _, f := range files {
		if ctx.Err() != nil {
			break
		}
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return run, firstErr
	}
	wall := time.Since(t0)
	all := &run.All
	for _, sc := range scores {
		if sc.Err != "" {
			run.Failed++
			sc.Kind = "failed"
		}
		all.add(sc.Recall, sc.Precision)
		k := run.ByKind[sc.Kind]
		if k == nil {
			k = &OCRScores{}
			run.ByKind[sc.Kind] = k
		}
		k.add(sc.Recall, sc.Precision)
	}
	all.finish()
	run.GoalMet = all.Pages > 0 && all.MedianRecall >= OCRGoalMedianRecall && all.MeanRecall >= OCRGoalMeanRecall
	for _, k := range run.ByKind {
		k.finish()
	}
	run.Pages = len(scores)
	run.PagesPerSec = round3(float64(len(scores)) / wall.Seconds())
	run.SecPerPage = round3(busy.Seconds() / float64(max(len(scores), 1)))
	run.PeakRSSMiB = peakRSSMiB()
	run.TesseractPeakRSSMiB = float64(peakTess >> 20)
	slices.SortFunc(scores, func(a, b OCRPageScore) int {
		if a.Recall < b.Recall {
			return -1
		}
		if a.Recall > b.Recall {
			return 1
		}
		return 0
	})
	run.Worst = scores[:min(10, len(scores))]
	run.LoadAvg = loadAvg()
	return run, ctx.Err()
}

// PageKind sorts a page read by OCR into the kinds the self-check
// reports, from what OCR found on it: "table" when a quarter of its
// words are numbers, "two columns" when its words sit in two halves with
// a gutter between, "small print" when its median word is under 7 pt
// tall (on a US Letter page height), else "prose".
func PageKind(p ocr.Page) string {
	if len(p.Words) == 0 {
		return "empty"
	}
	nums, left, right, cross := 0, 0, 0, 0
	var heights []float64
	for _, w := range p.Words {
		if strings.IndexFunc(w.Text, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
			nums++
		}
		switch {
		case w.X1 < 0.5:
			left++
		case w.X0 > 0.5:
			right++
		default:
			cross++
		}
		heights = append(heights, float64(w.Y1-w.Y0)*792)
	}
	n := float64(len(p.Words))
	slices.Sort(heights)
	switch {
	case float64(nums) >= 0.25*n:
		return "table"
	case float64(left) >= 0.3*n && float64(right) >= 0.3*n && float64(cross) < 0.05*n:
		return "two columns"
	case heights[len(heights)/2] < 7:
		return "small print"
	}
	return "prose"
}

// OCRCorpus is what OCR made of the files a corpus expects no text from
// that paint an image on a page.
type OCRCorpus struct {
	Checked int `json:"checked"` // files the corpus expects no text from
	// NoImage counts those with no page that paints an image (blank,
	// vector drawings, annotations only): not for OCR.
	NoImage int              `json:"no_image"`
	Files   int              `json:"files"`  // files with a page image
	Text    int              `json:"text"`   // OCR read words on at least one page
	Reason  int              `json:"reason"` // no words, with a reason
	PerFile []OCRCorpusEntry `json:"per_file"`
}

// OCRCorpusEntry is one file's outcome.
type OCRCorpusEntry struct {
	File   string `json:"file"`
	Words  int    `json:"words"`
	Reason string `json:"reason,omitempty"`
}

// maxCorpusPages bounds the pages read of one corpus file.
const maxCorpusPages = 20

// OCRScanned runs ingest then OCR on each file and reports whether it
// yields text or a reason.
func OCRScanned(ctx context.Context, files []string) (OCRCorpus, error) {
	rep := OCRCorpus{Checked: len(files)}
	r, err := ocr.New(ocr.Options{})
	if err != nil {
		return rep, err
	}
	defer r.Close()
	for _, f := range files {
		e := OCRCorpusEntry{File: f}
		res, err := ingest.Extract(ctx, f, ingest.Options{})
		switch {
		case err != nil:
			e.Reason = "ingest: " + ingest.Reason(err)
			rep.Files++
			rep.Reason++
		case len(res.NeedsOCR) == 0:
			rep.NoImage++
			continue
		default:
			rep.Files++
			var reasons []string
			pages := res.NeedsOCR[:min(len(res.NeedsOCR), maxCorpusPages)]
			_ = r.Pages(ctx, f, pages, func(x ocr.Result) bool {
				if x.Err != nil {
					reasons = append(reasons, fmt.Sprintf("p. %d %s", x.Number, ocr.Reason(x.Err)))
				} else if n := len(ocr.Words(x.Text)); n > 0 {
					e.Words += n
				} else {
					reasons = append(reasons, fmt.Sprintf("p. %d: no words found", x.Number))
				}
				return true
			})
			if e.Words > 0 {
				rep.Text++
			} else {
				e.Reason = strings.Join(reasons, "; ")
				rep.Reason++
			}
		}
		rep.PerFile = append(rep.PerFile, e)
		if ctx.Err() != nil {
			return rep, ctx.Err()
		}
	}
	return rep, nil
}
