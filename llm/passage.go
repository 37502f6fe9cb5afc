package llm

import "strings"

// A sentence that matches the question best is seldom all of the answer:
// "Northwind Standard covers a range of rehabilitation therapy services,
// including physical, occupational, and speech therapy." goes on with what
// the coverage includes. The answer quotes the best sentence first and then
// the prose that follows it in the same passage, so the reader gets the
// paragraph that answers, not a sentence torn out of it.

// DefaultPassageWords bounds the words quoted after the best sentence.
const DefaultPassageWords = 60

// passage extends the primary units with the prose sentences that follow
// them in the same chunk, up to limit words (DefaultPassageWords if 0),
// stopping at a heading, a question or a list. A heading that answers
// ("Refund policy" for "What is the refund policy?") is followed by its
// section's first sentences: alone it says nothing.
func passage(primary []unit, at places, limit int) []unit {
	if limit <= 0 {
		limit = DefaultPassageWords
	}
	if len(primary) == 0 {
		return primary
	}
	last := primary[len(primary)-1]
	if !endsSentenceMark(last.text) && headingOf(last.text) == notHeading {
		return primary
	}
	out := primary
	words := 0
	for i := 1; words < limit; i++ {
		v, ok := at[[2]int{last.hit, last.pos + i}]
		if !ok || !isProse(v.text) {
			break
		}
		out = append(out, v)
		words += len(strings.Fields(v.text))
	}
	return out
}

// isProse: a sentence of running text, not a heading, a question, a list
// item or a table row.
func isProse(text string) bool {
	return endsSentenceMark(text) && !strings.HasSuffix(text, "?") &&
		len(strings.Fields(text)) >= 6 && !isListItem(text)
}
