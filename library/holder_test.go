package library

import (
	"strings"
	"testing"
)

// "Who is the Head of People?" abstained on the Zentara handbook, whose
// table says "Head of People Yuki Tanabe-Pereira": "People" was read as
// a company's name, and a name right after the company asked (as
// "Boeing Commercial Airplanes") is no holder.
func TestHeadOfAFieldIsAPost(t *testing.T) {
	lib := ingested(t, shared(t, "evaldata/zentara"))
	for _, q := range []string{"Who is the Head of People?", "Who is the head of people at Zentara?"} {
		ans, _ := asked(t, lib, q)
		if first, _, _ := strings.Cut(ans.Text, "\n"); ans.Abstained || first != "Head of People Yuki Tanabe-Pereira [1]" {
			t.Errorf("%q answered:\n%s\nwant the Head of People, Yuki Tanabe-Pereira", q, ans.Text)
		}
	}
}
