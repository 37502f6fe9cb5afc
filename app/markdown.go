package app

import (
	"fmt"
	"strings"

	"quire/llm"
)

// answerMarkdown is an answer as Markdown, as Ctrl+C and the Copy button
// put it on the clipboard: its text with each [n] turned into the
// footnote [^n], then the footnotes naming file, page and the quoted
// passage.
func answerMarkdown(a llm.Answer) string {
	var b strings.Builder
	writeAnswerMarkdown(&b, a, "")
	return b.String()
}

// writeAnswerMarkdown writes a's text and footnotes; prefix keeps
// footnote labels of several answers apart in one file ("2-" gives
// [^2-1]).
func writeAnswerMarkdown(b *strings.Builder, a llm.Answer, prefix string) {
	cited := map[int]bool{}
	for _, c := range a.Citations {
		cited[c.N] = true
	}
	for _, p := range splitAnswer(a.Text, cited) {
		if p.Cite > 0 {
			fmt.Fprintf(b, "[^%s%d]", prefix, p.Cite)
			continue
		}
		b.WriteString(p.Text)
	}
	b.WriteString("\n")
	notes := a.Listed()
	if len(notes) > 0 {
		b.WriteString("\n")
	}
	for _, c := range notes {
		fmt.Fprintf(b, "[^%s%d]: %s, %s", prefix, c.N, c.File, pageRef(c))
		if q := citationExcerpt(c); q != "" {
			fmt.Fprintf(b, " — “%s”", q)
		}
		b.WriteString("\n")
	}
}

// exportTurn is one question and its answer, as the chat export needs it.
type exportTurn struct {
	Question   string
	Standalone string // the question as searched, when rewritten
	Answer     llm.Answer
	Failed     string // why there is no answer, if there is none
}

// chatMarkdown is a whole conversation as Markdown: each question as a
// heading, the answer under it, citations as footnotes.
func chatMarkdown(title string, turns []exportTurn) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", title)
	for i, t := range turns {
		fmt.Fprintf(&b, "\n## %s\n\n", oneLine(t.Question))
		if t.Standalone != "" && t.Standalone != t.Question {
			fmt.Fprintf(&b, "*Searched as: %s*\n\n", oneLine(t.Standalone))
		}
		if t.Answer.Corrected != "" {
			fmt.Fprintf(&b, "*%s*\n\n", correctedLine(t.Answer.Corrected))
		}
		if t.Failed != "" {
			b.WriteString(t.Failed + "\n")
			continue
		}
		writeAnswerMarkdown(&b, t.Answer, fmt.Sprintf("%d-", i+1))
		if t.Answer.Scoped {
			fmt.Fprintf(&b, "\n*%s.*\n", scopedLine(t.Answer.Searched, t.Answer.About, t.Answer.Earlier))
		}
	}
	return b.String()
}
