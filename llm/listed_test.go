package llm

import "testing"

// An answer lists the passages it quotes; an abstention, or an answer that
// marks none, lists them all.
func TestListed(t *testing.T) {
	cs := []Citation{{N: 1, Used: true}, {N: 2}, {N: 3, Used: true}}
	if got := (Answer{Citations: cs}).Listed(); len(got) != 2 || got[0].N != 1 || got[1].N != 3 {
		t.Errorf("answer lists %v", got)
	}
	if got := (Answer{Citations: cs, Abstained: true}).Listed(); len(got) != 3 {
		t.Errorf("abstention lists %v", got)
	}
	none := []Citation{{N: 1}, {N: 2}}
	if got := (Answer{Citations: none}).Listed(); len(got) != 2 {
		t.Errorf("answer citing none lists %v", got)
	}
}
