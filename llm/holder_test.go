package llm

import (
	"slices"
	"testing"
)

// Lines of the shared set's filings: the holder of the post asked stands
// next to it; a name elsewhere on the line, or a post's own capitalised
// words, answer no "who".
func TestHoldsHolder(t *testing.T) {
	cases := []struct {
		q, units string
		want     bool
	}{
		// NETFLIX_2017_10K.pdf p.34: "Annual Report" is twenty words on.
		{"Who is the CEO of Netflix?", "Based on that evaluation, our Chief Executive Officer and Chief Financial Officer concluded that our disclosure controls and procedures as of the end of the period covered by this Annual Report on Form 10-K were effective.", false},
		// Its signature block, read as one unit.
		{"Who is the CEO of Netflix?", "Reed Hastings, Chief Executive Officer", true},
		{"Who is the chief financial officer of Netflix?", "David Wells, Chief Financial Officer", true},
		// The CFO asked, the CEO named.
		{"Who is the CFO of Netflix?", "Reed Hastings, Chief Executive Officer", false},
		// PFIZER_2021_10K.pdf p.116: "Principal Accounting" begins a post.
		{"Who is Pfizer's CFO?", "affecting our Chief Executive Officer, Chief Financial Officer and Principal Accounting Officer on our website", false},
		// NIKE_2021_10K.pdf p.10, and the Zentara handbook's table row.
		{"Who is the CEO of Nike?", "John J. Donahoe II, President and Chief Executive Officer — Mr. Donahoe, 61, was appointed President and Chief Executive Officer in January 2020.", true},
		{"Who is the CEO of Zentara Robotics?", "CEO Iris Kallas", true},
		// The question's own words and the words that join a post to
		// its holder stand between them.
		{"Who is the CEO of Zentara Robotics?", "The CEO of Zentara Robotics is Iris Kallas. The company has 287 employees.", true},
		// An organisation by the post is no holder: PFIZER_2021_10K.pdf
		// p.116, and a plan of 3M_2022_10K.pdf.
		{"Who is Pfizer's CEO?", "We will disclose any future amendments to, or waivers from, provisions of the Pfizer Policies on Business Conduct affecting our Chief Executive Officer, Chief Financial Officer and Principal Accounting Officer on our website.", false},
		{"Who is the CEO of 3M?", "the above notification requirements are determined to apply to the CEO of a Singapore Subsidiary", false},
		// BOEING_2022_10K.pdf: the post's organisation, named after it.
		{"Who is the CEO of Boeing?", "Executive Vice President, President and Chief Executive Officer, Boeing Commercial Airplanes since October 2019.", false},
		// The Zentara handbook's support contacts: the words that date
		// the post stand between too.
		{"Who is the escalation manager?", "The escalation manager on call for Q1 2026 is Petra Lindqvist.", true},
		// A head's post is the head's and its field's: the holder
		// follows "People", which names no company.
		{"Who is the Head of People?", "Head of People Yuki Tanabe-Pereira", true},
		{"Who is the Head of People at Zentara?", "Head of People Yuki Tanabe-Pereira", true},
		{"Who is the Head of Sales?", "Head of People Yuki Tanabe-Pereira", false},
		// A "who" that asks no post is answered by a name.
		{"Who administers the plan?", "The plan is administered by Northwind Health, which processes claims.", true},
	}
	for _, c := range cases {
		if got := holdsHolder(c.q, c.units); got != c.want {
			t.Errorf("holdsHolder(%q, %q) = %v, want %v", c.q, c.units, got, c.want)
		}
	}
}

// A name on a line of its own and the post on the next are one unit; a
// heading and a post, or a name and a sentence, are not.
func TestSignedUnits(t *testing.T) {
	lines := []string{
		"Dated: January 29, 2018 By: / S / R EED H ASTINGS",
		"Reed Hastings",
		"Chief Executive Officer",
		"EXHIBIT 32.1 CERTIFICATIONS",
		"Chief Financial Officer",
		"David Wells",
		"joined the Company in 2004.",
	}
	var us []unit
	for i, l := range lines {
		us = append(us, unit{pos: i, text: l, terms: map[string]bool{}})
	}
	var got []string
	for _, u := range signedUnits(us) {
		got = append(got, u.text)
	}
	if want := []string{"Reed Hastings, Chief Executive Officer"}; !slices.Equal(got, want) {
		t.Errorf("signedUnits = %q, want %q", got, want)
	}
}

// The asides to a "who" question that names a post are those that name a
// holder of it, to one that names none those that name someone; other
// questions keep theirs.
func TestHoldersOnly(t *testing.T) {
	asides := []unit{
		{text: "Based on that evaluation, our Chief Executive Officer and Chief Financial Officer concluded that our disclosure controls and procedures were effective."},
		{text: "Mark G. Parker, Chairman, President and Chief Executive Officer — Mr. Parker, 63, was appointed President and Chief Executive Officer in January 2006."},
	}
	if got := holdersOnly("Who is the CEO of Nike?", asides); len(got) != 1 || got[0].text != asides[1].text {
		t.Errorf("who the CEO is: kept %v", got)
	}
	noPost := []unit{{text: "NEVER return from here. ’break’ can be"}, {text: "The escalation manager on call for Q1 2026 is Petra Lindqvist."}}
	if got := holdersOnly("Who do I call if the robot breaks?", noPost); len(got) != 1 || got[0].text != noPost[1].text {
		t.Errorf("a who that asks no post: kept %v", got)
	}
	if got := holdersOnly("What did the CEO conclude about disclosure controls?", asides); len(got) != 2 {
		t.Errorf("a question that asks no holder: kept %v", got)
	}
}
