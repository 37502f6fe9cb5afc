package runhead

import (
	"fmt"
	"reflect"
	"testing"
)

func reportPages(n int) []string {
	topics := []string{"revenue", "costs", "staff", "risks", "plans", "taxes", "debt", "leases", "cash", "audit"}
	var pages []string
	for i := 1; i <= n; i++ {
		t := topics[(i-1)%len(topics)]
		body := fmt.Sprintf("This section discusses %s of %d million.\nMore on %s follows.", t, 100+i, t)
		pages = append(pages, "ACME Corp Annual Report 2023\n"+body+fmt.Sprintf("\n\nPage %d of %d", i, n))
	}
	return pages
}

func TestFind(t *testing.T) {
	lines, heading := Find(reportPages(10))
	if want := []string{"ACME Corp Annual Report 2023", "Page 1 of 10"}; !reflect.DeepEqual(lines, want) {
		t.Errorf("running lines %q, want %q", lines, want)
	}
	// The year is the same on every page and stays; "Page n of 10" says
	// nothing about the document.
	if heading != "ACME Corp Annual Report 2023" {
		t.Errorf("heading %q", heading)
	}
	if lines, _ := Find(reportPages(2)); lines != nil {
		t.Errorf("two pages cannot show a running line: %q", lines)
	}
}

func TestSetStrip(t *testing.T) {
	lines, _ := Find(reportPages(10))
	set := NewSet(lines)
	// A chunk across a page break carries the foot of one page and the
	// head of the next in its middle.
	text := "More on staff follows.\n\nPage 3 of 10\nACME Corp Annual Report 2023\nThis section discusses"
	if got, want := set.Strip(text), "More on staff follows.\n\nThis section discusses"; got != want {
		t.Errorf("Strip = %q, want %q", got, want)
	}
	if got := NewSet(nil).Strip(text); got != text {
		t.Errorf("an empty set changed the text: %q", got)
	}
}

// A passage that is nothing but a running line (a one-line page) is not
// stripped to nothing: its source would show as "".
func TestStripKeepsOneLinePage(t *testing.T) {
	set := NewSet([]string{"ACME Corp Annual Report"})
	if got := set.Strip("ACME Corp Annual Report"); got != "ACME Corp Annual Report" {
		t.Fatalf("one-line page stripped to %q", got)
	}
	if got := set.Strip("ACME Corp Annual Report\nRevenue grew 4%."); got != "Revenue grew 4%." {
		t.Fatalf("running head beside text: %q", got)
	}
}

// An exhibit's running head, over pages in the middle of a long
// document, is stripped like any running line but is not the document's
// heading; a line that runs on to the end is, as is one from a short
// document's third page on.
func TestPartHeadIsNoHeading(t *testing.T) {
	pages := reportPages(60)
	for i := 30; i < 50; i++ {
		pages[i] = "Pension Plan Exhibit\n" + pages[i]
	}
	lines, heading := Find(pages)
	if heading != "ACME Corp Annual Report 2023" {
		t.Errorf("heading %q, want the report's alone", heading)
	}
	if set := NewSet(lines); !set[lineKey("Pension Plan Exhibit")] {
		t.Errorf("running lines %q, want the exhibit's head among them", lines)
	}
	for i := 50; i < 60; i++ {
		pages[i] = "Pension Plan Exhibit\n" + pages[i]
	}
	if _, heading := Find(pages); heading != "ACME Corp Annual Report 2023 · Pension Plan Exhibit" {
		t.Errorf("heading %q of a line that runs to the end, want it in", heading)
	}
	short := reportPages(10)
	for i := 2; i < 10; i++ {
		short[i] = "ACME Corp and Subsidiaries\n" + short[i]
	}
	if _, heading := Find(short); heading != "ACME Corp Annual Report 2023 · ACME Corp and Subsidiaries" {
		t.Errorf("short document's heading %q, want both lines", heading)
	}
}
