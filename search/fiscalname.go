package search

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"quire/store"
)

// A retailer's fiscal year ends in late January or early February, and
// companies name it differently: Best Buy calls the year ended January
// 28, 2023 "fiscal 2023", Ulta Beauty calls it "fiscal 2022". A reader
// asking Ulta's report about "FY2023" means the year that ended in 2023,
// which the report never calls that: every passage about it says fiscal
// 2022, and the answer was refused or quoted the outlook for the year to
// come. When the question names one such report and asks a fiscal year
// by the calendar year it ended in, it is searched and answered in the
// report's own words ("Showing results for: … fiscal 2022 …"), and the
// user can search the words as typed instead.

var (
	// fiscalEnded: the report's opening says when its fiscal year ended
	// ("fifty-two-week period (“fiscal year”) ended January 28, 2023",
	// "For the fiscal year ended January 28, 2023").
	fiscalEnded = regexp.MustCompile(`(?i)\bfiscal year[”"’]?\)?\s+ended\s+(?:january|february)\s+\d{1,2},\s*((?:19|20)\d\d)\b`)
	// fiscalNamed: a fiscal year named by a year ("fiscal 2022").
	fiscalNamed = regexp.MustCompile(`(?i)\bfiscal (?:year )?((?:19|20)\d\d)\b`)
	// fiscalAsked: a fiscal year as a question asks it ("FY2023", "FY
	// 2023", "fiscal year 2023").
	fiscalAsked = regexp.MustCompile(`(?i)\b(?:fy\s?|fiscal (?:year )?)((?:19|20)\d\d)\b`)
)

// openingChunks is how many chunks of a report are read for its naming:
// a cover page or a release's first paragraph says it.
const openingChunks = 2

// startYearNamed reports, from a report's opening text, the calendar year
// its fiscal year ended in when that was January or February and the
// report names the year by the one before (it says "fiscal 2022" more
// often than "fiscal 2023" of the year ended January 28, 2023).
func startYearNamed(text string) (ended int, ok bool) {
	m := fiscalEnded.FindStringSubmatch(text)
	if m == nil {
		return 0, false
	}
	ended, _ = strconv.Atoi(m[1])
	counts := map[int]int{}
	for _, n := range fiscalNamed.FindAllStringSubmatch(text, -1) {
		y, _ := strconv.Atoi(n[1])
		counts[y]++
	}
	return ended, counts[ended-1] > counts[ended]
}

// inReportYears rewrites the fiscal years question asks as the report
// names them, when the report names its fiscal years by the calendar
// year they begin in and the question asks the one that ended in the
// year the report's ended. It returns the rewritten question and the
// words replaced; ok is false when nothing was.
func inReportYears(question string, ended int) (string, []Correction, bool) {
	var fixes []Correction
	out := fiscalAsked.ReplaceAllStringFunc(question, func(m string) string {
		y, _ := strconv.Atoi(fiscalAsked.FindStringSubmatch(m)[1])
		if y != ended {
			return m
		}
		to := "fiscal " + strconv.Itoa(y-1)
		fixes = append(fixes, Correction{From: m, To: to})
		return to
	})
	return out, fixes, fixes != nil
}

// reportNaming reads how the document names its fiscal years (see
// startYearNamed) from its opening chunks.
func (s *Searcher) reportNaming(doc uint64) (ended int, ok bool, err error) {
	ids := make([]string, openingChunks)
	for i := range ids {
		ids[i] = store.ChunkID(doc, i)
	}
	chunks, err := s.store.Chunks(ids)
	if err != nil {
		return 0, false, err
	}
	var b strings.Builder
	for _, c := range chunks {
		b.WriteString(c.Text)
		b.WriteString("\n")
	}
	ended, ok = startYearNamed(b.String())
	return ended, ok, nil
}

// inReportNaming searches the question again in the words of the one
// report it names, when that report names its fiscal years by the year
// they begin in and the question asks one by the year it ended in. The
// search stays in that report: asked by its own year, the name would
// choose another year's report. ok is false when the question is left
// as it is.
func (s *Searcher) inReportNaming(ctx context.Context, q Query, res Result) (Result, bool, error) {
	if len(res.Scope) != 1 || res.About != nil || q.Exact || !fiscalAsked.MatchString(q.Text) {
		return res, false, nil
	}
	ended, ok, err := s.reportNaming(res.Scope[0])
	if err != nil || !ok {
		return res, false, err
	}
	text, fixes, ok := inReportYears(q.Text, ended)
	if !ok {
		return res, false, nil
	}
	q.Text, q.Exact, q.Docs = text, true, res.Scope
	again, err := s.search(ctx, q)
	if err != nil {
		return res, false, err
	}
	again.Scope, again.Earlier = res.Scope, res.Earlier
	again.Corrected, again.Corrections = text, append(slices.Clip(res.Corrections), fixes...)
	return again, true, nil
}
