package library

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"quire/llm"
)

// A question's short form is searched and read as the long form the
// library defines it as. The Standard plan writes "the co-payment is
// $30 for primary care visits and $50 for specialist visits" and never
// "copay"; the Health Plus plan defines "Copayments (Copays)". Asked for
// the copay, Quire abstained.
func TestShortFormFindsTheLongForm(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests two plans")
	}
	dir := shared(t, "evaldata/northwind")
	lib := ingested(t, filepath.Join(dir, "Northwind_Standard_Benefits_Details.pdf"), filepath.Join(dir, "Northwind_Health_Plus_Benefits_Details.pdf"))
	ans, first := asked(t, lib, "What is the copay for a specialist visit under Northwind Standard?")
	c := firstCited(ans)
	if ans.Abstained || !strings.Contains(first, "$50 for specialist visits") || c == nil || c.File != "Northwind_Standard_Benefits_Details.pdf" || c.Page != 3 {
		t.Errorf("want the Standard plan's $50 specialist co-payment first, from p.3; got:\n%s\n%+v", ans.Text, c)
	}
}

// A definition made in one document serves a question about another:
// 3M's 10-K defines "Chief Executive Officer (CEO)"; Nike's and Netflix's
// never write "CEO". Asked who the CEO is, Quire abstained. The holder
// stands next to the post asked: Nike's "John J. Donahoe II, President
// and Chief Executive Officer" (a period inside the name no longer parts
// it from its post), Netflix's signature block "Reed Hastings" / "Chief
// Executive Officer" read as one line. Before, "our Chief Executive
// Officer and Chief Financial Officer concluded … this Annual Report"
// answered who the chief financial officer is; such a line, which names
// no holder, no longer follows the answer as an aside either.
func TestDefinitionFromAnotherDocument(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests four 10-Ks")
	}
	dir := shared(t, "evaldata/financebench")
	lib := ingested(t, filepath.Join(dir, "NIKE_2021_10K.pdf"), filepath.Join(dir, "NETFLIX_2017_10K.pdf"), filepath.Join(dir, "3M_2022_10K.pdf"), filepath.Join(dir, "PFIZER_2021_10K.pdf"))
	for q, want := range map[string]string{
		"Who is the CEO of Nike?":                        "John J. Donahoe II, President and Chief Executive Officer",
		"Who is the CEO of Netflix?":                     "Reed Hastings, Chief Executive Officer",
		"Who is the chief financial officer of Netflix?": "David Wells, Chief Financial Officer",
		// "Pfizer Policies on Business Conduct affecting our Chief
		// Executive Officer" named an organisation, not the holder.
		"Who is Pfizer's CEO?": "Albert Bourla, Chairman and Chief Executive Officer",
	} {
		ans, first := asked(t, lib, q)
		if ans.Abstained || !strings.HasPrefix(first, want) || strings.Contains(ans.Text, "disclosure controls") {
			t.Errorf("%q: want %q first, and no aside on disclosure controls; got:\n%s", q, want, ans.Text)
		}
	}
	// 3M's 10-K names its chief executive nowhere by the post; "the CEO
	// of a Singapore Subsidiary" is no answer.
	ans, err := lib.Ask(context.Background(), "Who is the CEO of 3M?", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Abstained {
		t.Errorf("who 3M's CEO is: want no answer; got:\n%s", ans.Text)
	}
}

// firstCited is the citation marked [1], the source of the answer's first
// line.
func firstCited(ans llm.Answer) *llm.Citation {
	for i, c := range ans.Citations {
		if c.Used && c.N == 1 {
			return &ans.Citations[i]
		}
	}
	return nil
}
