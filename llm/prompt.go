package llm

import (
	"fmt"
	"strings"

	"quire/runhead"
	"quire/search"
)

// systemPrompt holds the rules; the sources and the question follow in
// the user's message. Small local models follow short, concrete rules
// with an example best.
const systemPrompt = `You answer questions about the user's documents using ONLY the numbered sources you are given.
Rules:
- After every sentence that states a fact, cite the source it comes from as [n], for example: "The fee is €1,200 per month [2]."
- Cite only the numbers of the sources given. Never cite a source that does not say what the sentence says.
- Do not use outside knowledge. Do not guess.
- If the sources do not contain the answer, reply exactly: ` + NotFound + `
- Be brief: one to four sentences. Answer in the language of the question.`

// maxSourceChars bounds the text of one source in the prompt, so a long
// chunk cannot crowd the others out of a small context window.
const maxSourceChars = 4000

// Prompt is the chat that asks a model to answer question from hits,
// numbered [1]..[k] in rank order with file and pages, as the answer's
// citations are.
func Prompt(question string, hits []search.Hit) []Message {
	var b strings.Builder
	b.WriteString("Sources:\n\n")
	for i, h := range hits {
		text := strings.TrimSpace(runhead.NewSet(h.Doc.Running).Strip(h.Chunk.Text))
		if r := []rune(text); len(r) > maxSourceChars {
			text = string(r[:maxSourceChars]) + "…"
		}
		fmt.Fprintf(&b, "[%d] %s, %s\n%s\n\n", i+1, h.Doc.Name, pageSpan(h.Chunk.PageStart, h.Chunk.PageEnd), text)
	}
	fmt.Fprintf(&b, "Question: %s\n\nAnswer from the sources above only, citing each claim as [n].", strings.TrimSpace(question))
	return []Message{{Role: "system", Content: systemPrompt}, {Role: "user", Content: b.String()}}
}

func pageSpan(from, to int) string {
	if to > from {
		return fmt.Sprintf("pages %d–%d", from, to)
	}
	return fmt.Sprintf("page %d", from)
}

// contextWindow is the context an Ollama model needs for messages and a
// reply of maxTokens: 4096 tokens when that suffices (the size most
// models load with; changing it reloads the model), else up to 16384.
// A token is taken as 3 characters, which overestimates for English.
func contextWindow(msgs []Message, maxTokens int) int {
	n := 0
	for _, m := range msgs {
		n += len(m.Content)/3 + 8
	}
	need := n + maxTokens
	for _, w := range []int{4096, 8192} {
		if need <= w {
			return w
		}
	}
	return 16384
}
