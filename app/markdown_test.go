package app

import (
	"strings"
	"testing"

	"quire/llm"
)

// TestChatMarkdownSaysScopeAndWeakPassages: an exported abstention kept to
// the documents the question named says so, as the window does, and its
// closest passages show their start though they quote nothing.
func TestChatMarkdownSaysScopeAndWeakPassages(t *testing.T) {
	weak := llm.Citation{N: 1, File: "NETFLIX_2017_10K.pdf", Page: 21, PageStart: 21, PageEnd: 21,
		Text: "The increase in consolidated revenues was primarily due to growth in paid memberships."}
	md := chatMarkdown("chat", []exportTurn{{
		Question: "What was the revenue per membership in Latin America in NETFLIX 2017 10K?",
		Answer: llm.Answer{Text: llm.NotFound, Abstained: true, Scoped: true,
			Searched: []string{"NETFLIX_2017_10K.pdf"}, Citations: []llm.Citation{weak}},
	}})
	for _, want := range []string{
		"*Searched only NETFLIX_2017_10K.pdf, named in the question.*",
		"[^1-1]: NETFLIX_2017_10K.pdf, p.21 — “The increase in consolidated revenues",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("export lacks %q:\n%s", want, md)
		}
	}
}
