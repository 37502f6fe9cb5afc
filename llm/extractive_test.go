package llm

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"quire/search"
	"quire/store"
)

// newSearcher builds a real store with the given pages, one chunk each.
func newSearcher(t *testing.T, pages ...string) *search.Searcher {
	t.Helper()
	return newNamedSearcher(t, "handbook.pdf", pages...)
}

// newNamedSearcher is newSearcher with the document's file name.
func newNamedSearcher(t *testing.T, name string, pages ...string) *search.Searcher {
	t.Helper()
	chunks := make([]store.Chunk, len(pages))
	for i, p := range pages {
		chunks[i] = store.Chunk{PageStart: i + 1, PageEnd: i + 1, Text: p}
	}
	return newChunkSearcher(t, name, chunks)
}

// newChunkSearcher builds a real store of one document with the given
// chunks, such as two that overlap as the chunker's do.
func newChunkSearcher(t *testing.T, name string, chunks []store.Chunk) *search.Searcher {
	t.Helper()
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.AddDocument(store.Document{Name: name, Hash: "h", Status: store.StatusIndexed}, chunks); err != nil {
		t.Fatal(err)
	}
	return search.New(st, search.Models{}, search.Options{})
}

func ask(t *testing.T, s *search.Searcher, q string) Answer {
	t.Helper()
	res, err := s.Search(context.Background(), search.Query{Text: q})
	if err != nil {
		t.Fatal(err)
	}
	ans, err := Extractive{Analyze: s.Analyze}.Answer(context.Background(), q, res)
	if err != nil {
		t.Fatal(err)
	}
	return ans
}

var handbook = []string{
	"Company overview\nFounded 2017 in Tallinn\nCEO Iris Kallas\nEmployees 287 (as of 1 March 2026)",
	"The Magpie-7 picks up to 1,400 items per hour. Its battery charges from 0 to 80% in 42 minutes.\nMaximum payload 22 kg per arm, 40 kg total",
	"Support tiers\nStarter €1,200 Next business day 200,000\nEnterprise €4,800 1 hour, 24/7 Unlimited\nEarly termination incurs a fee equal to two months of the contracted rate.",
	"The voice interface supports English, German and Estonian. Spanish and French are scheduled for firmware 3.6.",
	// As in a real handbook, the product name is on most pages.
	"Every Magpie-7 must be inspected every 500 operating hours.",
	"The Magpie-7 firmware ships with the Pick SDK 3.4.",
	"Magpie-7 units returned within 30 days get a full refund.",
	"The Magpie-7 is rated IP54 and must not be used outdoors.",
}

func TestExtractiveCitesTheSupportingSentence(t *testing.T) {
	s := newSearcher(t, handbook...)
	tests := []struct {
		q, want string
		page    int
	}{
		{"Who is the CEO?", "CEO Iris Kallas", 1},
		{"How many employees are there?", "Employees 287", 1},
		{"What does the Enterprise tier cost?", "Enterprise €4,800", 3},
		{"How long does charging from 0 to 80% take?", "42 minutes", 2},
	}
	for _, tt := range tests {
		ans := ask(t, s, tt.q)
		if ans.Abstained {
			t.Errorf("%q: abstained (confidence %.2f)", tt.q, ans.Confidence)
			continue
		}
		if !strings.Contains(ans.Text, tt.want) {
			t.Errorf("%q: answer %q lacks %q", tt.q, ans.Text, tt.want)
		}
		// Every line of the answer ends with a citation of a used source.
		for _, line := range strings.Split(ans.Text, "\n") {
			n := 0
			if i := strings.LastIndex(line, " ["); i < 0 || !strings.HasSuffix(line, "]") {
				t.Errorf("%q: line %q has no citation", tt.q, line)
				continue
			} else if _, err := fmt.Sscan(line[i+2:len(line)-1], &n); err != nil || n < 1 || n > len(ans.Citations) || !ans.Citations[n-1].Used {
				t.Errorf("%q: bad citation in %q", tt.q, line)
			}
		}
		if c := firstUsed(ans); c == nil || c.Page != tt.page {
			t.Errorf("%q: first used citation %+v, want page %d", tt.q, c, tt.page)
		}
	}
}

func TestExtractiveAbstains(t *testing.T) {
	s := newSearcher(t, handbook...)
	for _, q := range []string{
		"Does the Magpie-7 support Mandarin?",
		"What is the stock ticker?",
		"Who is the chief financial officer?",
	} {
		ans := ask(t, s, q)
		if !ans.Abstained || ans.Text != NotFound {
			t.Errorf("%q: answered %q (confidence %.2f)", q, ans.Text, ans.Confidence)
		}
		for _, c := range ans.Citations {
			if c.Used {
				t.Errorf("%q: abstained answer marks source %d used", q, c.N)
			}
		}
	}
}

func TestSentences(t *testing.T) {
	got := Sentences("Support tiers\nStarter €1,200 Next business day\nThe fee is due on\nsigning. Later terms apply. Ask us.")
	want := []string{"Support tiers", "Starter €1,200 Next business day", "The fee is due on signing.", "Later terms apply.", "Ask us."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("Sentences:\n got %q\nwant %q", got, want)
	}
	// A parenthesis left open goes on in the next line, whatever its case.
	// A line of prose that wraps inside a name goes on in the next line
	// (Northwind_Health_Plus_Benefits_Details.pdf p.73); a heading or a
	// list item before a capitalised line does not.
	got = Sentences("That’s why we offer a Chronic Condition\nManagement Program (CCMP) as part of our plan.\nChronic Condition Management\nCARE MANAGEMENT: Chronic Condition Management\nComprehensive care assessments and care plans\nRegular follow-up visits")
	want = []string{"That’s why we offer a Chronic Condition Management Program (CCMP) as part of our plan.", "Chronic Condition Management", "CARE MANAGEMENT: Chronic Condition Management", "Comprehensive care assessments and care plans", "Regular follow-up visits"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("Sentences:\n got %q\nwant %q", got, want)
	}
	got = Sentences("the R&D centre in Kraków (opened\nMay 2024, 38 engineers).\nOffices")
	want = []string{"the R&D centre in Kraków (opened May 2024, 38 engineers).", "Offices"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("Sentences:\n got %q\nwant %q", got, want)
	}
}

func firstUsed(a Answer) *Citation {
	for i := range a.Citations {
		if a.Citations[i].Used {
			return &a.Citations[i]
		}
	}
	return nil
}

// A running head that happens to hold the question's words is not what
// the answer quotes: the passage is.
func TestExtractiveSkipsRunningHeads(t *testing.T) {
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	head := "Northwind Health Plus Deductible Guide 2024"
	var chunks []store.Chunk
	for i, body := range []string{
		"Deductibles reset every January.",
		"The annual deductible is $2,000 per person.",
		"Claims are filed online.",
	} {
		chunks = append(chunks, store.Chunk{PageStart: i + 1, PageEnd: i + 1, Text: head + "\n" + body + fmt.Sprintf("\n%d", i+1)})
	}
	doc := store.Document{Name: "plan.pdf", Hash: "p", Status: store.StatusIndexed, Running: []string{head, "1"}}
	if _, err := st.AddDocument(doc, chunks); err != nil {
		t.Fatal(err)
	}
	s := search.New(st, search.Models{}, search.Options{})
	ans := ask(t, s, "What is the Northwind Health Plus deductible?")
	if ans.Abstained || !strings.Contains(ans.Text, "$2,000") {
		t.Fatalf("answer %q", ans.Text)
	}
	if strings.Contains(ans.Text, "Deductible Guide") {
		t.Errorf("quoted the running head: %q", ans.Text)
	}
	for _, c := range ans.Citations {
		if strings.Contains(c.Text, "Deductible Guide") || !strings.Contains(c.Text, "deductible") && !strings.Contains(c.Text, "Deductibles") && !strings.Contains(c.Text, "Claims") {
			t.Errorf("passage of [%d] shows the running head or lost its text: %q", c.N, c.Text)
		}
	}
}

// A table question names a column and a row: the answer quotes the row
// under its header, not the header alone.
func TestExtractiveQuotesTheTableRow(t *testing.T) {
	s := newSearcher(t,
		"2. Pricing tiers and support\n\nZentara offers three commercial tiers.\n\nTier Monthly fee Response SLA Included picks / month\n\n"+
			"Starter €1,200 Next business day 200,000\n\nStandard €2,150 4 hours 750,000\n\nEnterprise €4,800 1 hour, 24/7 Unlimited\n\n"+
			"Support contacts\n\nUrgent incidents on the Enterprise tier are escalated via the 24/7 hotline at +372 600 4499.",
		"Every Magpie-7 must be inspected every 500 operating hours.")
	ans := ask(t, s, "What is the response time of the Enterprise tier?")
	if !strings.Contains(ans.Text, "Response SLA Included picks / month: Enterprise €4,800 1 hour") {
		t.Fatalf("answer %q does not quote the Enterprise row with its header", ans.Text)
	}
	ans = ask(t, s, "What is the monthly fee of the Standard tier?")
	if !strings.Contains(ans.Text, "Standard €2,150") || strings.Contains(ans.Text, "Starter €1,200") {
		t.Fatalf("answer %q", ans.Text)
	}
}

// A period inside a name ends no sentence: NIKE_2021_10K.pdf p.10 names
// its chief executive "John J. Donahoe II … Mr. Donahoe"; a lettered
// label ("Note A.") still may.
func TestSentencesKeepNames(t *testing.T) {
	got := Sentences("John J. Donahoe II, President and Chief Executive Officer — Mr. Donahoe, 61, was appointed President and Chief Executive Officer\nin January 2020 and has been a director since 2014. He brings expertise in digital commerce, technology and global strategy. See Note A. The plan")
	want := []string{
		"John J. Donahoe II, President and Chief Executive Officer — Mr. Donahoe, 61, was appointed President and Chief Executive Officer in January 2020 and has been a director since 2014.",
		"He brings expertise in digital commerce, technology and global strategy.",
		"See Note A.", "The plan",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("Sentences:\n got %q\nwant %q", got, want)
	}
}

// A company's name and the short name it is given in parentheses are one
// sentence (AMAZON_2019_10K.pdf p.54); a sentence may still end with the
// name.
func TestSentencesKeepACompanyWithItsShortName(t *testing.T) {
	got := Sentences("On September 11, 2018, we acquired PillPack, Inc. (“PillPack”) for cash consideration of approximately $753 million, net of cash acquired, to expand our product and service offerings. The seller was PillPack, Inc. The deal closed in 2018.")
	want := []string{
		"On September 11, 2018, we acquired PillPack, Inc. (“PillPack”) for cash consideration of approximately $753 million, net of cash acquired, to expand our product and service offerings.",
		"The seller was PillPack, Inc.", "The deal closed in 2018.",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("Sentences:\n got %q\nwant %q", got, want)
	}
}
