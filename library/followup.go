package library

import (
	"context"
	"log/slog"
	"strings"
	"unicode"

	"quire/llm"
)

// Exchange is an earlier question of a conversation: as the user asked
// it, as it was searched (Standalone, when rewritten) and the answer's
// text, which an LLM server reads to resolve what a follow-up refers to.
type Exchange struct {
	Question   string
	Standalone string
	Answer     string
}

// searched is the question as it was searched.
func (e Exchange) searched() string {
	if e.Standalone != "" {
		return e.Standalone
	}
	return e.Question
}

// Standalone rewrites a follow-up question so that it can be searched on
// its own: "And how many employees does it have?" after "Who is the CEO
// of Zentara?" becomes "How many employees does Zentara have?". A
// question that needs nothing from the conversation comes back as it is.
//
// With an LLM server in use the server is asked to rewrite it; when it
// fails or answers with something that is not a question, the built-in
// rewrite (StandaloneQuestion) is used.
func (l *Library) Standalone(ctx context.Context, history []Exchange, question string) string {
	question = strings.TrimSpace(question)
	if len(history) == 0 || question == "" {
		return question
	}
	if ep := l.server.Load(); ep != nil && isFollowUp(question) {
		q, err := rewriteByServer(ctx, ep, history, question)
		if err == nil {
			return q
		}
		slog.Warn("follow-up not rewritten by the LLM server; using the built-in rewrite", "err", err)
	}
	return StandaloneQuestion(history, question)
}

// rewriteByServer asks the LLM server for the standalone question.
func rewriteByServer(ctx context.Context, ep *llm.Endpoint, history []Exchange, question string) (string, error) {
	msgs := []llm.Message{{Role: "system", Content: "You rewrite the user's last question so it can be understood without the conversation: name what its pronouns and omissions refer to, keep its meaning and language, add nothing else. Reply with the rewritten question only, on one line."}}
	for _, h := range history[max(0, len(history)-3):] {
		msgs = append(msgs, llm.Message{Role: "user", Content: h.searched()})
		if a := clipWords(h.Answer, 60); a != "" {
			msgs = append(msgs, llm.Message{Role: "assistant", Content: a})
		}
	}
	msgs = append(msgs, llm.Message{Role: "user", Content: "Rewrite this question: " + question})
	res, err := ep.Chat(ctx, llm.ChatRequest{Messages: msgs, Temperature: 0, MaxTokens: 80}, nil)
	if err != nil {
		return "", err
	}
	q := strings.Trim(strings.TrimSpace(res.Text), "\"“”'")
	if i := strings.IndexByte(q, '\n'); i >= 0 {
		q = strings.TrimSpace(q[:i])
	}
	if q == "" || len(q) > 4*len(question)+200 {
		return "", errNotAQuestion
	}
	return q, nil
}

type rewriteError string

func (e rewriteError) Error() string { return string(e) }

const errNotAQuestion = rewriteError("the server's rewrite is not a question")

func clipWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = append(f[:n], "…")
	}
	return strings.Join(f, " ")
}

// referring words that point back into the conversation, and how the
// subject replaces each ("%s" is the subject).
var referring = map[string]string{
	"it": "%s", "they": "%s", "them": "%s", "he": "%s", "she": "%s", "him": "%s",
	"its": "%s's", "their": "%s's", "his": "%s's", "theirs": "%s's",
	"there": "at %s",
}

// StandaloneQuestion is the built-in rewrite of a follow-up: when the
// question refers back (a pronoun such as "it" or "its", a leading "and",
// "what about…", or no subject of its own) the subject of the last
// question searched — its last run of capitalised words, e.g. "Zentara
// Robotics", "Northwind Health Plus", "Magpie-7" — takes the pronoun's
// place, or is added. Otherwise the question is returned as it is.
func StandaloneQuestion(history []Exchange, question string) string {
	question = strings.TrimSpace(question)
	if len(history) == 0 || !isFollowUp(question) {
		return question
	}
	subject := ""
	for i := len(history) - 1; i >= 0 && subject == ""; i-- {
		subject = subjectOf(history[i].searched())
	}
	if subject == "" || strings.Contains(strings.ToLower(question), strings.ToLower(subject)) {
		return question
	}
	words := strings.Fields(dropLeadingAnd(question))
	for i, w := range words {
		core := strings.TrimRightFunc(w, unicode.IsPunct)
		if form, ok := referring[strings.ToLower(core)]; ok {
			words[i] = strings.Replace(form, "%s", subject, 1) + w[len(core):]
			return capitalise(strings.Join(words, " "))
		}
	}
	q := strings.TrimRight(strings.Join(words, " "), "?")
	return capitalise(q) + " (" + subject + ")?"
}

// isFollowUp reports whether a question refers back to the conversation.
func isFollowUp(q string) bool {
	lower := strings.ToLower(strings.TrimSpace(q))
	for _, p := range []string{"and ", "and,", "what about", "how about", "also ", "same for"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	for _, w := range strings.Fields(lower) {
		if _, ok := referring[strings.TrimRightFunc(w, unicode.IsPunct)]; ok {
			return true
		}
	}
	return subjectOf(q) == "" && len(contentWords(q)) <= 2
}

func dropLeadingAnd(q string) string {
	for _, p := range []string{"and, ", "and ", "also, ", "also "} {
		if len(q) > len(p) && strings.EqualFold(q[:len(p)], p) {
			return strings.TrimSpace(q[len(p):])
		}
	}
	return q
}

func capitalise(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// questionWords are capitalised at the start of a question without
// naming anything.
var questionWords = map[string]bool{
	"who": true, "what": true, "when": true, "where": true, "which": true, "why": true, "how": true,
	"is": true, "are": true, "does": true, "do": true, "did": true, "can": true, "could": true,
	"and": true, "the": true, "a": true, "an": true, "tell": true, "list": true, "name": true,
	"was": true, "were": true, "will": true, "should": true, "in": true, "on": true, "for": true,
}

// subjectOf is the last run of capitalised words (or words with digits,
// like "Magpie-7") of a question, less question words and acronyms such
// as "CEO" when a proper name follows; "" when there is none.
func subjectOf(q string) string {
	var runs [][]string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			runs = append(runs, cur)
			cur = nil
		}
	}
	for i, w := range strings.Fields(q) {
		core := strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) && r != '-' })
		core = strings.TrimSuffix(strings.TrimSuffix(core, "'s"), "’s")
		switch {
		case core == "" || i == 0 && questionWords[strings.ToLower(core)]:
			flush()
		case isName(core):
			cur = append(cur, core)
		default:
			flush()
		}
		if strings.ContainsAny(w[len(w)-1:], ",;:?!.") {
			flush()
		}
	}
	flush()
	for i := len(runs) - 1; i >= 0; i-- {
		if len(runs[i]) == 1 && isAcronym(runs[i][0]) {
			continue // "CEO of Zentara": the name, not the title
		}
		return strings.Join(runs[i], " ")
	}
	if len(runs) > 0 {
		return strings.Join(runs[len(runs)-1], " ")
	}
	return ""
}

// isName reports whether a word reads as (part of) a name: capitalised,
// or holding a digit.
func isName(w string) bool {
	r := []rune(w)
	if len(r) == 0 {
		return false
	}
	if unicode.IsUpper(r[0]) {
		return true
	}
	for _, c := range r {
		if unicode.IsDigit(c) {
			return unicode.IsLetter(r[0])
		}
	}
	return false
}

func isAcronym(w string) bool {
	return len(w) >= 2 && strings.ToUpper(w) == w && strings.IndexFunc(w, unicode.IsDigit) < 0
}

// contentWords are a question's words less the common ones.
func contentWords(q string) []string {
	var out []string
	for _, w := range strings.Fields(strings.ToLower(q)) {
		w = strings.TrimFunc(w, unicode.IsPunct)
		if w != "" && !questionWords[w] && !smallWords[w] {
			out = append(out, w)
		}
	}
	return out
}

var smallWords = map[string]bool{
	"of": true, "to": true, "it": true, "its": true, "this": true, "that": true, "about": true,
	"many": true, "much": true, "have": true, "has": true, "there": true, "they": true, "be": true,
	"with": true, "at": true, "by": true, "from": true, "or": true, "than": true, "me": true, "i": true,
}
