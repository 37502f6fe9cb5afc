package llm

import (
	"slices"
	"testing"

	"quire/search"
	"quire/store"
)

func TestWithoutBareLabels(t *testing.T) {
	texts := func(us []unit) []string {
		var out []string
		for _, u := range us {
			out = append(out, u.text)
		}
		return out
	}
	for _, c := range []struct {
		name string
		in   []unit
		want []string
	}{
		{"column headers broken over lines", []unit{
			{hit: 0, pos: 0, text: "Restricted stock units, 2012: 2,808"},
			{hit: 1, pos: 3, text: "The following table summarizes restricted stock unit activity:"},
			{hit: 1, pos: 4, text: "Number of Shares"},
			{hit: 1, pos: 6, text: "Weighted Average"},
			{hit: 1, pos: 9, text: "The weighted average grant-date fair value was $18.13 per share."},
		}, []string{"Restricted stock units, 2012: 2,808", "The following table summarizes restricted stock unit activity:", "The weighted average grant-date fair value was $18.13 per share."}},
		{"the next section's heading", []unit{
			{hit: 0, pos: 1, text: "When you use in-network providers, you’ll pay lower out-of-pocket costs."},
			{hit: 0, pos: 2, text: "HOW PROVIDERS AFFECT YOUR COSTS"},
		}, []string{"When you use in-network providers, you’ll pay lower out-of-pocket costs."}},
		{"a company's name", []unit{
			{hit: 0, pos: 5, text: "The $104.2 million increase was primarily due to the opening of 47 new stores."},
			{hit: 1, pos: 0, text: "Ulta Beauty, Inc."},
		}, []string{"The $104.2 million increase was primarily due to the opening of 47 new stores."}},
		{"a label that heads its rows stays", []unit{
			{hit: 0, pos: 1, text: "The proposal was defeated:"},
			{hit: 0, pos: 2, text: "Votes cast"},
			{hit: 0, pos: 3, text: "Against 977,228,788"},
		}, []string{"The proposal was defeated:", "Votes cast", "Against 977,228,788"}},
		{"a wrapped line stays", []unit{
			{hit: 0, pos: 1, text: "• An IPR&D charge of $0.8 billion related to bermekimab, for the treatment of Atopic Dermatitis"},
			{hit: 0, pos: 2, text: "(AD) and Hidradenitis Suppurativa (HS)"},
		}, []string{"• An IPR&D charge of $0.8 billion related to bermekimab, for the treatment of Atopic Dermatitis", "(AD) and Hidradenitis Suppurativa (HS)"}},
		{"the answer itself stays", []unit{
			{hit: 0, pos: 1, text: "CEO Iris Kallas"},
			{hit: 1, pos: 1, text: "Head of People Yuki Tanabe-Pereira"},
		}, []string{"CEO Iris Kallas"}},
	} {
		if got := texts(withoutBareLabels(c.in)); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// A label dropped takes its source's citation with it, and the markers
// stay contiguous.
func TestBareLabelLeavesNoCitationGap(t *testing.T) {
	res := search.Result{Hits: []search.Hit{
		{Chunk: store.Chunk{DocID: 1, PageStart: 3, PageEnd: 3, Text: "Tor Braham 67,500 178,317 245,817"}},
		{Chunk: store.Chunk{DocID: 1, PageStart: 9, PageEnd: 9, Text: "Board committees\nTor Braham"}},
		{Chunk: store.Chunk{DocID: 1, PageStart: 12, PageEnd: 12, Text: "Tor Braham joined the board in 2017."}},
	}}
	us := []unit{
		{hit: 0, pos: 0, text: "Tor Braham 67,500 178,317 245,817"},
		{hit: 1, pos: 1, text: "Tor Braham"},
		{hit: 2, pos: 0, text: "Tor Braham joined the board in 2017."},
	}
	text, _ := quote(us, 1, res, citations(res.Hits))
	if want := "Tor Braham 67,500 178,317 245,817 [1]\nTor Braham joined the board in 2017. [2]"; text != want {
		t.Errorf("quoted %q, want %q", text, want)
	}
}
