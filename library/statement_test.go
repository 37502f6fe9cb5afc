package library

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"quire/llm"
	"quire/store"
)

// An analyst's question that says which statement holds its answer finds
// that statement's page first in the real filings, ahead of the notes and
// the auditor's report that repeat its words (the pages ranked outside
// the top 5 before).
func TestNamedStatementFirst(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests two 10-Ks")
	}
	var paths []string
	for _, f := range []string{"MGMRESORTS_2018_10K.pdf", "CORNING_2021_10K.pdf", "MICROSOFT_2016_10K.pdf"} {
		paths = append(paths, filepath.Join(shared(t, "evaldata/financebench"), f))
	}
	lib := ingested(t, paths...)
	// The statements are found once, when a filing is indexed, and kept
	// in its record: MGM's balance sheet is the chunk titled so.
	docs, err := lib.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Statements == nil || d.Statements.Chunks != d.Chunks || len(d.Statements.Ords) != 3 || len(d.Statements.Ords[0]) == 0 {
			t.Fatalf("%s: statements %+v for %d chunks", d.Name, d.Statements, d.Chunks)
		}
		if d.Name != "MGMRESORTS_2018_10K.pdf" {
			continue
		}
		c, err := lib.Chunk(store.ChunkID(d.ID, d.Statements.Ords[0][0]))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.ToUpper(c.Text), "CONSOLIDATED BALANCE SHEETS") {
			t.Errorf("MGM's first balance sheet chunk is %q", c.Text)
		}
	}
	for _, c := range []struct {
		q, file string
		page    int
	}{
		{"Basing your judgments off of the balance sheet, what is the year end FY2018 amount of accounts payable for MGM Resorts? Answer in USD millions.", "MGMRESORTS_2018_10K.pdf", 57},
		{"Taking into account the information outlined in the income statement, what is the FY2019 - FY2021 3 year average unadjusted operating income % margin for Corning? Answer in units of percents and round to one decimal place.", "CORNING_2021_10K.pdf", 65},
		// The statement is looked up: a hundred notes on cost of revenue
		// outrank it, and it was in no candidate place.
		{"What is the FY2016 COGS for Microsoft? Please state answer in USD millions. Provide a response to the question by primarily using the statement of income.", "MICROSOFT_2016_10K.pdf", 52},
		// A measure worked from a statement's lines brings the statement,
		// though the question does not name it.
		{"Does Corning have positive working capital based on FY2021 data? If working capital is not a useful or relevant metric for this company, then please state that and explain why.", "CORNING_2021_10K.pdf", 67},
		{"Does Corning have an improving operating margin profile as of FY2021?", "CORNING_2021_10K.pdf", 65},
	} {
		res, err := lib.Search(context.Background(), c.q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if rank := pageRank(res.Hits, c.file, []int{c.page}); rank != 1 {
			t.Errorf("%q: %s p.%d at rank %d, want 1", c.q, c.file, c.page, rank)
		}
	}
	// The statement's chunk ends at "Current liabilities"; its rows are in
	// the next chunk, which did not rank, and the answer reads them there.
	q := "Basing your judgments off of the balance sheet, what is the year end FY2018 amount of accounts payable for MGM Resorts? Answer in USD millions."
	ans, err := lib.Ask(context.Background(), q, AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(ans.Text, "\n"); !strings.Contains(first, "Accounts payable") || !strings.Contains(first, "302,578") {
		t.Errorf("%q is answered:\n%s", q, ans.Text)
	}
}

// A question that names a statement is answered from the statement's row,
// not from a note's table that covers more of its words, and not from a
// row whose columns lack the year asked.
func TestAnsweredFromTheNamedStatement(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a 10-K")
	}
	dir := shared(t, "evaldata/financebench")
	lib := ingested(t, filepath.Join(dir, "BESTBUY_2019_10K.pdf"), filepath.Join(dir, "AMAZON_2019_10K.pdf"), filepath.Join(dir, "MICROSOFT_2016_10K.pdf"), filepath.Join(dir, "BLOCK_2020_10K.pdf"))
	ask := func(q string) string {
		ans, err := lib.Ask(context.Background(), q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return ans.Text
	}
	q := "What is the year end FY2019 total amount of inventories for Best Buy? Answer in USD millions. Base your judgments on the information provided primarily in the balance sheet."
	if first, _, _ := strings.Cut(ask(q), "\n"); !strings.HasPrefix(first, "Merchandise inventories") || !strings.Contains(first, "5,409") {
		t.Errorf("%q is answered:\n%s", q, first)
	}
	// The row whose label is most wholly what is asked goes first, among
	// the statement's rows and those of the chunks that continue it.
	q = "By drawing conclusions from the information stated only in the income statement, what is Amazon's FY2019 net income attributable to shareholders (in USD millions)?"
	if first, _, _ := strings.Cut(ask(q), "\n"); !strings.HasPrefix(first, "Net income, 2019: $11,588") {
		t.Errorf("%q is answered:\n%s", q, first)
	}
	// The analyst's word for a line is read as the filing labels it.
	q = "What is the FY2016 COGS for Microsoft? Please state answer in USD millions. Provide a response to the question by primarily using the statement of income."
	if first, _, _ := strings.Cut(ask(q), "\n"); !strings.HasPrefix(first, "Total cost of revenue, 2016: 32,780") {
		t.Errorf("%q is answered:\n%s", q, first)
	}
	// A line five chunks below the statement's title, where the search
	// does not reach, is read in the statement with its years and unit.
	q = "Using the cash flow statement, answer the following question to the best of your abilities: how much did Block (formerly known as Square) generate in cash flow from operating activities in FY2020? Answer in USD millions."
	if first, _, _ := strings.Cut(ask(q), "\n"); !strings.HasPrefix(first, "Net cash provided by operating activities, 2020: 381,603 (in thousands; 2019: 465,699") {
		t.Errorf("%q is answered:\n%s", q, first)
	}
	q = "What is Best Buy's FY2020 net earnings (in USD millions)? Answer using the statement of earnings."
	if a := ask(q); strings.Contains(a, "Net earnings") {
		t.Errorf("%q is answered from a statement without FY2020:\n%s", q, a)
	}
}

// "The largest liability" is the largest row of the balance sheet's
// liabilities in the year asked, named and worked from the rows it is
// compared with; a year the statement does not state is not answered.
func TestLargestLineOfAStatement(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests a 10-K")
	}
	lib := ingested(t, filepath.Join(shared(t, "evaldata/financebench"), "AMERICANEXPRESS_2022_10K.pdf"))
	ask := func(q string) llm.Answer {
		ans, err := lib.Ask(context.Background(), q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return ans
	}
	for _, c := range []struct{ q, first string }{
		{"What was the largest liability in American Express's Balance Sheet in 2022?", `Computed: Customer deposits is the largest of the 5 lines under "Liabilities" in 2022 (110,239, in millions).`},
		{"What was the smallest liability in American Express's Balance Sheet in 2021?", `Computed: Short-term borrowings is the smallest of the 5 lines under "Liabilities" in 2021 (2,243, in millions).`},
		// "Marketing 5,458 …" is a row, not a heading after "March 5".
		{"What was the largest expense in American Express's income statement in 2022?", `Computed: Card Member rewards is the largest of the 6 lines under "Expenses" in 2022 (14,002, in millions).`},
	} {
		a := ask(c.q)
		if first, _, _ := strings.Cut(a.Text, "\n"); !strings.HasPrefix(first, c.first) {
			t.Errorf("%q is answered:\n%s", c.q, a.Text)
		}
		if n := strings.Count(a.Text, "\n"); n < 5 {
			t.Errorf("%q quotes %d lines, not the five rows compared:\n%s", c.q, n, a.Text)
		}
	}
	q := "What was the largest liability in American Express's Balance Sheet in 2019?"
	if a := ask(q); strings.HasPrefix(a.Text, "Computed") {
		t.Errorf("%q is answered from a balance sheet of 2022 and 2021:\n%s", q, a.Text)
	}
}
