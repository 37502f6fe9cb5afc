package llm

import (
	"context"
	"strings"
	"testing"

	"quire/search"
	"quire/store"
)

func TestAskedList(t *testing.T) {
	cases := []struct {
		q    string
		want listAsk
	}{
		{"List all company history milestones from 2020 onwards", listAsk{all: true, from: 2020}},
		{"What are all the services covered since 2019?", listAsk{all: true, from: 2019}},
		{"Which milestones came after 2020?", listAsk{from: 2021}},
		{"What happened before 2020?", listAsk{to: 2019}},
		{"What is the deductible in 2024?", listAsk{}},
		{"How many employees does Zentara have?", listAsk{}},
	}
	for _, c := range cases {
		if got := askedList(c.q); got != c.want {
			t.Errorf("askedList(%q) = %+v, want %+v", c.q, got, c.want)
		}
	}
}

// The milestones of the Zentara handbook (p.5), cut between two chunks
// that overlap as the chunker's do. Asked for all of them from 2020 on,
// the answer quotes the five of those years, from both chunks, and none
// before.
func TestAnswerListsEveryItemOfTheYearsAsked(t *testing.T) {
	first := "5. Company history (selected milestones)\n" +
		"2017 Zentara Robotics founded in Tallinn by Iris Kallas and Mart Õun.\n" +
		"2018 First prototype, Magpie-1, demonstrated at Hannover Messe.\n" +
		"2020 Series A funding of €8.4 million led by Northern Horizon Capital.\n" +
		"2022 Magpie-4 enters commercial deployment with retailer Voorhuis BV in the Netherlands."
	second := "2020 Series A funding of €8.4 million led by Northern Horizon Capital.\n" +
		"2022 Magpie-4 enters commercial deployment with retailer Voorhuis BV in the Netherlands.\n" +
		"2024 Series B funding of €31 million; opens R&D office in Kraków, Poland.\n" +
		"2025 Magpie-7 launches on 14 September; passes 1 million cumulative picks in pilot.\n" +
		"2026 Announced expansion into the DACH region with a sales office in Munich.\n" +
		"Office locations\n" +
		"Zentara operates from three offices: the headquarters in Tallinn, the R&D centre in Kraków."
	chunks := []store.Chunk{
		{Ord: 0, PageStart: 5, PageEnd: 5, Text: first},
		{Ord: 1, PageStart: 5, PageEnd: 5, Text: second},
	}
	s := newChunkSearcher(t, "zentara_robotics_handbook.pdf", chunks)
	q := "List all company history milestones from 2020 onwards"
	ans := ask(t, s, q)
	for _, y := range []string{"2020 Series A", "2022 Magpie-4", "2024 Series B", "2025 Magpie-7", "2026 Announced"} {
		if n := strings.Count(ans.Text, y); n != 1 {
			t.Errorf("%q quoted %d times", y, n)
		}
	}
	for _, no := range []string{"2017", "2018", "Office locations"} {
		if strings.Contains(ans.Text, no) {
			t.Errorf("the answer quotes %q", no)
		}
	}
	if t.Failed() {
		t.Logf("answer:\n%s", ans.Text)
	}
}

// In a library of many documents the chunk that ends the milestones may
// not rank: the answer reads it from the library, as the chunk after the
// one that did, and quotes the list whole.
func TestListReadsTheChunkThatDidNotRank(t *testing.T) {
	first := "5. Company history (selected milestones)\n" +
		"2020 Series A funding of €8.4 million led by Northern Horizon Capital.\n" +
		"2022 Magpie-4 enters commercial deployment with retailer Voorhuis BV in the Netherlands."
	second := "2024 Series B funding of €31 million; opens R&D office in Kraków, Poland.\n" +
		"2025 Magpie-7 launches on 14 September; passes 1 million cumulative picks in pilot.\n" +
		"Office locations\n" +
		"Zentara operates from three offices: the headquarters in Tallinn, the R&D centre in Kraków."
	st, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	chunks := []store.Chunk{{Ord: 0, PageStart: 5, PageEnd: 5, Text: first}, {Ord: 1, PageStart: 5, PageEnd: 6, Text: second}}
	if _, err := st.AddDocument(store.Document{Name: "zentara_robotics_handbook.pdf", Hash: "h", Status: store.StatusIndexed}, chunks); err != nil {
		t.Fatal(err)
	}
	s := search.New(st, search.Models{}, search.Options{})
	q := "List all company history milestones from 2020 onwards"
	res, err := s.Search(context.Background(), search.Query{Text: q})
	if err != nil {
		t.Fatal(err)
	}
	var ranked []search.Hit
	for _, h := range res.Hits {
		if h.Chunk.Ord == 0 {
			h.Companions = nil
			ranked = append(ranked, h)
		}
	}
	if len(ranked) != 1 {
		t.Fatalf("the first chunk did not rank: %d hits", len(res.Hits))
	}
	res.Hits = ranked
	for _, e := range []Extractive{{Analyze: s.Analyze}, {Analyze: s.Analyze, Chunk: st.Chunk}} {
		ans, err := e.Answer(context.Background(), q, res)
		if err != nil {
			t.Fatal(err)
		}
		whole := strings.Contains(ans.Text, "2024 Series B") && strings.Contains(ans.Text, "2025 Magpie-7")
		if whole != (e.Chunk != nil) || strings.Contains(ans.Text, "Office locations") {
			t.Errorf("reading the next chunk %v, the answer is:\n%s", e.Chunk != nil, ans.Text)
		}
	}
}
