package search

import (
	"context"
	"testing"
)

func TestQuestionParts(t *testing.T) {
	for q, want := range map[string][2]string{
		"How does the clinical review process ensure timely care, and what are the documentation requirements for filing a claim as outlined in the same document?": {
			"How does the clinical review process ensure timely care", "what are the documentation requirements for filing a claim"},
		"How does the Northwind Health Plus plan address TMJ symptoms and what are the covered services for TMJ treatment?": {
			"How does the Northwind Health Plus plan address TMJ symptoms", "what are the covered services for TMJ treatment?"},
		// One question, one thing asked.
		"What are the deductible and the out-of-pocket maximum?": {},
		"What is the copay for specialists and primary care?":    {},
	} {
		first, second, ok := QuestionParts(q)
		if ok != (want[0] != "") || first != want[0] || second != want[1] {
			t.Errorf("QuestionParts(%q) = %q, %q, %v; want %q", q, first, second, ok, want)
		}
	}
}

// The first part of a question that asks two things outweighs its
// second: the hits are all on clinical review, and the chunk on what a
// claim needs is found for the second part alone. When the hits hold
// it, nothing is added.
func TestSecondPartFound(t *testing.T) {
	f := newFixture(t, map[string][]string{
		"plan.pdf": {
			"The clinical review process ensures that medical care is timely and cost-effective.",
			"The clinical review process of a medical treatment is timely and ensures cost-effective care.",
			"A clinical review process may ask for test results to ensure timely, cost-effective medical care.",
			"The timely clinical review process keeps medical care cost-effective and ensures quality.",
			"The clinical review process is run by nurses who ensure medical care is timely and cost-effective.",
			"Our clinical review process ensures timely, cost-effective medical care for every member.",
			"Claims are paid within 30 days of filing.",
			"You may file a claim online or by mail.",
			"A claim filed late may be denied.",
			"Members file claims for care received abroad.",
			"Keep copies of documents you send with a claim.",
			"Claims for a newborn are filed by a parent.",
			"Your provider may file the claim for you.",
			"Some claims are required to be filed within a year.",
			"To file a claim, send itemized bills and a completed claim form; these documents are required.",
		},
	})
	s := f.searcher(Models{}, Options{})
	q := "How does the clinical review process ensure timely and cost-effective medical care, and what documents are required to file a claim?"
	res, err := s.Search(context.Background(), Query{Text: q, TopK: 5})
	if err != nil {
		t.Fatal(err)
	}
	want := "To file a claim, send itemized bills and a completed claim form; these documents are required."
	for _, h := range res.Hits {
		if h.Chunk.Text == want {
			t.Fatalf("the claim chunk is among the hits already; the test needs it outside: %q", texts(res))
		}
	}
	if len(res.Second) == 0 || res.Second[0].Chunk.Text != want {
		t.Fatalf("want the claim chunk for the second part; got %v", res.Second)
	}
	res, err = s.Search(context.Background(), Query{Text: "What documents are required to file a claim, and how does the clinical review process ensure timely care?", TopK: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Second) != 0 {
		t.Errorf("the claim chunk is first; want no second part's hit, got %q", res.Second[0].Chunk.Text)
	}
}
