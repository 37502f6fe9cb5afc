package llm

import (
	"strings"
	"testing"

	"quire/store"
)

// Two overlapping chunks of Northwind Health Plus p.67, cut as the
// chunker cuts them: the second begins inside the sentence the first ends
// with. The answer quotes that sentence once.
func TestAnswerQuotesAnOverlappedSentenceOnce(t *testing.T) {
	first := "Here are some tips for members to help ensure that prior-authorization requests are\nprocessed in a timely manner:\n\n" +
		"• Contact the insurance company if you have not received a response after a reasonable\namount of time.\n\n" +
		"Prior-authorization is an important part of the Northwind Health Plus care management\nsystem. By understanding prior-authorization\n" +
		"and following the tips outlined above, members can help ensure that their prior-authorization\nrequests are processed in a timely manner."
	second := "and following the tips outlined above, members can help ensure that their prior-authorization\nrequests are processed in a timely manner.\n\n" +
		"Exceptions To Prior Authorization For Benefit Coverage\nAt Northwind Health Plus, we understand that medical care can be complex."
	chunks := []store.Chunk{
		{PageStart: 67, PageEnd: 67, Text: first},
		{PageStart: 67, PageEnd: 67, Text: second},
	}
	s := newChunkSearcher(t, "Northwind_Health_Plus_Benefits_Details.pdf", chunks)
	q := "How can members ensure prior-authorization requests are processed in a timely manner?"
	ans := ask(t, s, q)
	if ans.Abstained {
		t.Fatalf("abstained: %q", ans.Text)
	}
	if n := strings.Count(ans.Text, "requests are processed in a timely manner."); n != 1 {
		t.Errorf("the sentence is quoted %d times:\n%s", n, ans.Text)
	}
}

func TestSameSeesAPieceOfALine(t *testing.T) {
	whole := unit{hit: 0, pos: 3, text: "By understanding prior-authorization and following the tips outlined above, members can help ensure that their prior-authorization requests are processed in a timely manner."}
	tail := unit{hit: 1, pos: 0, text: "and following the tips outlined above, members can help ensure that their prior-authorization requests are processed in a timely manner."}
	if !whole.same(tail) || !tail.same(whole) {
		t.Error("the overlap's tail is not seen as the sentence it ends")
	}
	heading := unit{hit: 1, pos: 0, text: "Deductible"}
	row := unit{hit: 0, pos: 2, text: "Deductible $1,500 for individuals and $3,000 for families"}
	if heading.same(row) || row.same(heading) {
		t.Error("a one-word heading is taken for the row it begins")
	}
}

// A sentence that ends inside a closing quote ends there.
func TestSentencesEndAtAClosingQuote(t *testing.T) {
	got := Sentences("Gains or losses resulting from hedge ineffectiveness are included in “Interest expense.” When a derivative is no longer designated as a hedge, any remaining difference is amortized to interest expense.")
	if len(got) != 2 || !strings.HasSuffix(got[0], "“Interest expense.”") {
		t.Errorf("Sentences = %q", got)
	}
}
