package app

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"quire/library"
	"quire/llm"
	"quire/store"
)

func TestDocStatusLine(t *testing.T) {
	tests := []struct {
		doc  store.Document
		want string
	}{
		{store.Document{Status: store.StatusIndexed, Pages: 128, TextPages: 128}, "128 pp · indexed"},
		{store.Document{Status: store.StatusIndexed, Pages: 1, TextPages: 1}, "1 p · indexed"},
		{store.Document{Status: store.StatusIndexed, Pages: 3, TextPages: 3, Lang: "de"}, "3 pp · indexed · German"},
		{store.Document{Status: store.StatusIndexed, Pages: 10, TextPages: 7, OCRPages: []int{2, 3, 4, 9}}, "10 pp · indexed · pp. 2–4, 9 wait for OCR"},
		{store.Document{Status: store.StatusIndexed, Pages: 10, TextPages: 7, OCRPages: []int{2, 3, 4, 9}, OCRRead: []int{2, 3, 4}, OCRFailed: []int{9}, OCRReason: "took too long to read"},
			"10 pp · indexed · OCR pp. 2–4; p. 9 took too long to read"},
		{store.Document{Status: store.StatusIndexed, Pages: 10, TextPages: 9}, "10 pp · indexed"}, // a blank page needs nothing
		{store.Document{Status: store.StatusNoText, Pages: 2, OCRPages: []int{1, 2}}, "2 pp · no text layer · pp. 1–2 wait for OCR"},
		{store.Document{Status: store.StatusError, Error: "needs a password", NeedsPassword: true}, "needs a password — click to enter it"},
		{store.Document{Status: store.StatusError}, "could not be read"},
	}
	for _, tt := range tests {
		if got := docStatusLine(tt.doc, ocrState{true, true}); got != tt.want {
			t.Errorf("docStatusLine(%+v) = %q, want %q", tt.doc, got, tt.want)
		}
	}
}

func TestSearchingHeader(t *testing.T) {
	tests := []struct {
		chosen, of int
		want       string
	}{
		{2, 3, "Searching 2 of 3 documents"},
		{1, 1, "Searching 1 of 1 document"},
		{0, 0, "No documents to search yet"},
	}
	for _, tt := range tests {
		if got := searchingHeader(tt.chosen, tt.of); got != tt.want {
			t.Errorf("searchingHeader(%d, %d) = %q, want %q", tt.chosen, tt.of, got, tt.want)
		}
	}
}

func TestCitationLabel(t *testing.T) {
	tests := []struct {
		c    llm.Citation
		want string
	}{
		{llm.Citation{N: 1, File: "zentara.pdf", Page: 12}, "[1] zentara.pdf p.12"},
		{llm.Citation{N: 2, File: "a.pdf", Page: 4, PageStart: 3, PageEnd: 4, Used: true}, "[2] a.pdf p.4"},
		{llm.Citation{N: 3, File: "a.pdf", Page: 3, PageStart: 3, PageEnd: 4}, "[3] a.pdf pp.3–4"},
	}
	for _, tt := range tests {
		if got := citationLabel(tt.c); got != tt.want {
			t.Errorf("citationLabel = %q, want %q", got, tt.want)
		}
	}
	if got := sourcePageLine(llm.Citation{Page: 1, PageStart: 1, PageEnd: 1}, 5); got != "page 1 of 5" {
		t.Errorf("sourcePageLine = %q", got)
	}
	if got := sourcePageLine(llm.Citation{Page: 2, PageStart: 1, PageEnd: 2}, 0); got != "page 2 · passage spans pp.1–2" {
		t.Errorf("sourcePageLine = %q", got)
	}
}

func TestSplitAnswer(t *testing.T) {
	cited := map[int]bool{1: true, 2: true}
	got := splitAnswer("Zentara has 287 employees [1]. Its CEO is Iris Kallas [2][9].", cited)
	want := []answerPart{
		{Text: "Zentara has 287 employees "},
		{Text: "[1]", Cite: 1},
		{Text: ". Its CEO is Iris Kallas "},
		{Text: "[2]", Cite: 2},
		{Text: "[9]."},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("splitAnswer:\n got %#v\nwant %#v", got, want)
	}
	if got := splitAnswer("", cited); len(got) != 0 {
		t.Errorf("splitAnswer(\"\") = %#v", got)
	}
}

func TestHighlight(t *testing.T) {
	b, m, a := highlight("Company snapshot CEO Iris Kallas Employees 287", "…CEO Iris Kallas…")
	if b != "Company snapshot " || m != "CEO Iris Kallas" || a != " Employees 287" {
		t.Errorf("highlight = %q %q %q", b, m, a)
	}
	b, m, a = highlight("text", "absent")
	if b != "text" || m != "" || a != "" {
		t.Errorf("highlight absent = %q %q %q", b, m, a)
	}
}

func TestClock(t *testing.T) {
	for d, want := range map[time.Duration]string{
		12 * time.Second:                "0:12",
		62 * time.Second:                "1:02",
		time.Hour + 2*time.Minute + 3e9: "1:02:03",
		-time.Second:                    "0:00",
		1400 * time.Millisecond:         "0:01",
	} {
		if got := clock(d); got != want {
			t.Errorf("clock(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestSummaryLine(t *testing.T) {
	tests := []struct {
		s    library.Summary
		err  error
		want string
	}{
		{library.Summary{Indexed: 1, Pages: 5}, nil, "Added 1 file (5 pp)."},
		{library.Summary{Indexed: 2, NoText: 1, Failed: 1, Skipped: 3, Pages: 40}, nil,
			"Added 3 files (40 pp) · 1 need OCR · 1 could not be read · 3 already in the library."},
		{library.Summary{Indexed: 1, Pages: 1}, fmt.Errorf("ingest: %w", context.Canceled), "Added 1 file (1 p) · indexing cancelled."},
		{library.Summary{}, errors.New("stat /x: no such file or directory"), "Could not add: stat /x: no such file or directory."},
		{library.Summary{}, nil, "No PDFs found there."},
		{library.Summary{Skipped: 3, Removed: 1}, nil, "3 already in the library · 1 removed: its file was deleted."},
	}
	for _, tt := range tests {
		if got := summaryLine(tt.s, tt.err); got != tt.want {
			t.Errorf("summaryLine(%+v, %v) =\n %q, want\n %q", tt.s, tt.err, got, tt.want)
		}
	}
}

func TestPlainError(t *testing.T) {
	if got := plainError(errors.New("first line\ngoroutine 1 [running]:\nmain.main()")); got != "first line" {
		t.Errorf("plainError kept more than the first line: %q", got)
	}
	if got := plainError(fmt.Errorf("ask: %w", context.Canceled)); got != "stopped" {
		t.Errorf("plainError(canceled) = %q", got)
	}
	full := fmt.Errorf("ingest: %w: add a.pdf: file resize error: no space left on device", library.ErrDiskFull)
	if got := plainError(full); !strings.HasPrefix(got, "the disk is full. Free some space") {
		t.Errorf("plainError(disk full) = %q", got)
	}
}

func TestReflow(t *testing.T) {
	in := "Zentara Robotics is a fictional company. The facts are\ndistinctive enough\n\n  Company snapshot\nCEO Iris Kallas\n"
	want := "Zentara Robotics is a fictional company. The facts are distinctive enough\n\nCompany snapshot CEO Iris Kallas"
	if got := reflow(in); got != want {
		t.Errorf("reflow = %q, want %q", got, want)
	}
}

func TestLibrarySortIgnoresCase(t *testing.T) {
	test.NewTempApp(t)
	p := newLibraryPane(container.NewVBox(), nil)
	p.setDocs([]store.Document{{ID: 1, Name: "Zeta.pdf"}, {ID: 2, Name: "beta.pdf"}, {ID: 3, Name: "Alpha.pdf"}, {ID: 4, Name: "alpha2.pdf"}})
	var names []string
	for _, d := range p.docs {
		names = append(names, d.Name)
	}
	if got := strings.Join(names, " "); got != "Alpha.pdf alpha2.pdf beta.pdf Zeta.pdf" {
		t.Errorf("sorted %s", got)
	}
}

func TestScopedLine(t *testing.T) {
	named := scopedLine([]string{"GENERALMILLS_2019_10K.pdf"}, nil, nil)
	if named != "Searched only GENERALMILLS_2019_10K.pdf, named in the question" {
		t.Errorf("named scope: %q", named)
	}
	about := scopedLine([]string{"Benefit_Options.pdf", "Northwind_Standard_Benefits_Details.pdf"}, []string{"Northwind"}, nil)
	if about != "Searched only the documents about Northwind: Benefit_Options.pdf, Northwind_Standard_Benefits_Details.pdf" {
		t.Errorf("subject scope: %q", about)
	}
	latest := scopedLine([]string{"NIKE_2021_10K.pdf"}, nil, []string{"NIKE_2018_10K.pdf", "NIKE_2019_10K.pdf"})
	if latest != "Searched only NIKE_2021_10K.pdf, named in the question, not the earlier NIKE_2018_10K.pdf, NIKE_2019_10K.pdf: a year in the question searches that year's" {
		t.Errorf("latest filing: %q", latest)
	}
}

func TestScopedLineCountsManyDocuments(t *testing.T) {
	var names []string
	for i := range maxListedNames + 2 {
		names = append(names, fmt.Sprintf("report_%d.pdf", i))
	}
	if got := scopedLine(names, []string{"Northwind"}, nil); got != "Searched only the 12 documents about Northwind" {
		t.Errorf("subject scope of 12: %q", got)
	}
	if got := scopedLine(names, nil, nil); got != "Searched only the 12 documents named in the question" {
		t.Errorf("named scope of 12: %q", got)
	}
	if got := scopedLine(names[:maxListedNames], nil, nil); !strings.HasPrefix(got, "Searched only report_0.pdf, ") {
		t.Errorf("named scope of %d: %q", maxListedNames, got)
	}
}

func TestCitationExcerpt(t *testing.T) {
	quoted := llm.Citation{Snippet: "Employees:\n287", Text: "Founded 2011. Employees: 287 (as of 2025)."}
	if got := citationExcerpt(quoted); got != "Employees: 287" {
		t.Errorf("quoted: %q", got)
	}
	// A weak match quotes nothing: the start of its passage, cut short.
	long := strings.Repeat("word ", 100)
	got := citationExcerpt(llm.Citation{Text: "  Comparison of Plans\n" + long})
	if !strings.HasPrefix(got, "Comparison of Plans word") || !strings.HasSuffix(got, "…") || len([]rune(got)) != excerptRunes+1 {
		t.Errorf("weak: %q", got)
	}
	if got := citationExcerpt(llm.Citation{}); got != "" {
		t.Errorf("empty: %q", got)
	}
}

func TestElideMiddle(t *testing.T) {
	name := []rune("Northwind_Health_Plus_Benefits_Details.pdf")
	for keep, want := range map[int]string{
		len(name): "Northwind_Health_Plus_Benefits_Details.pdf",
		30:        "Northwind_Health_Plu…etails.pdf",
		0:         "…",
	} {
		if got := elideMiddle(name, keep); got != want {
			t.Errorf("keep %d: %q, want %q", keep, got, want)
		}
	}
}
