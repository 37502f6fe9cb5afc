package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"quire/library"
)

// zentaraTexts is a small two-document library: a company handbook and
// another company's page that a follow-up without context would confuse.
func zentaraTexts() []library.TextDocument {
	return []library.TextDocument{
		{Name: "zentara.pdf", Path: "/docs/zentara.pdf", Pages: []string{
			"Company overview. Zentara Robotics was founded in 2017 in Tallinn. CEO Iris Kallas. Zentara Robotics has 287 employees.",
			"Support tiers and monthly fees. Starter €1,200 per month. Enterprise €4,800 per month."}},
		{Name: "harbor.pdf", Path: "/docs/harbor.pdf", Pages: []string{
			"Harbor Logistics overview. Harbor Logistics has 9,100 employees across four ports. Its CEO is Tom Reyes."}},
	}
}

// TestChatKeptAndFollowUps asks a question and a follow-up in the window
// over a real library, then opens the library again in a new window: the
// conversation is shown as it was, the follow-up with the question it was
// searched as; removing a document marks its citations as gone; New chat
// starts afresh and the earlier chat stays listed; Export writes Markdown
// with footnotes.
func TestChatKeptAndFollowUps(t *testing.T) {
	dir := t.TempDir()
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := lib.AddTexts(context.Background(), zentaraTexts()); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, lib)
	u.ask("Who is the CEO of Zentara Robotics?")
	u.ask("And how many employees does it have?")
	turn := u.chat.turns[1]
	if turn.standalone != "How many employees does Zentara Robotics have?" || !strings.Contains(turn.answer.Text, "287") {
		t.Fatalf("follow-up searched as %q, answered %q", turn.standalone, turn.answer.Text)
	}
	if !bodyHasLabel(turn, "Searched as: How many employees does Zentara Robotics have?") {
		t.Error("the rewritten question is not shown under the answer")
	}
	first := u.chat.turns[0].answer.Text
	md := chatMarkdown("chat", u.exportTurns())
	if !strings.Contains(md, "## And how many employees does it have?") || !strings.Contains(md, "[^2-1]: zentara.pdf, p.1 — “") {
		t.Errorf("export:\n%s", md)
	}
	u.shutdown()
	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}

	// The next start: the same conversation.
	lib, err = library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	u = newTestUI(t, lib)
	if len(u.chat.turns) != 2 || u.chat.turns[0].question != "Who is the CEO of Zentara Robotics?" ||
		u.chat.turns[0].answer.Text != first || u.chat.turns[1].standalone == "" {
		for _, v := range u.chat.turns {
			t.Logf("turn %q searched as %q: %q", v.question, v.standalone, v.answer.Text)
		}
		t.Fatalf("restored %d turns", len(u.chat.turns))
	}
	if !u.chat.scroll.Visible() || u.chat.empty.Visible() {
		t.Error("restored chat hidden behind the empty hint")
	}
	// A follow-up to the restored chat still has its context.
	u.ask("When was it founded?")
	if got := u.chat.turns[2].standalone; got != "When was Zentara Robotics founded?" {
		t.Errorf("follow-up after restart searched as %q", got)
	}

	// Removing the document marks its citations.
	docs, _ := lib.Documents()
	for _, d := range docs {
		if d.Name == "zentara.pdf" {
			if err := lib.Remove(d.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	u.reloadDocs()
	if got := u.chat.turns[0].citations[0].Text; !strings.HasSuffix(got, "— document removed") {
		t.Errorf("citation of a removed document reads %q", got)
	}

	// New chat: empty pane; the earlier chat stays in the list.
	test.Tap(u.chat.newChat)
	if len(u.chat.turns) != 0 || len(u.chat.history.Objects) != 0 {
		t.Error("New chat kept the old turns")
	}
	u.ask("What does the Enterprise tier cost?")
	infos, err := lib.Chats()
	if err != nil || len(infos) != 2 || infos[1].Turns != 3 || infos[0].Turns != 1 {
		t.Fatalf("chats %+v %v", infos, err)
	}
	if l := chatMenuLabel(infos[1]); !strings.HasPrefix(l, "Who is the CEO of Zentara Robotics? · 3 questions · ") {
		t.Errorf("menu label %q", l)
	}
	// Picking the earlier chat shows it again.
	old, err := lib.LoadChat(infos[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	u.showChat(old)
	if len(u.chat.turns) != 3 {
		t.Errorf("earlier chat shows %d turns", len(u.chat.turns))
	}

	// Copy puts the answer with its footnotes on the clipboard.
	path := filepath.Join(t.TempDir(), "chat.md")
	if err := os.WriteFile(path, []byte(chatMarkdown("t", u.exportTurns())), 0o644); err != nil {
		t.Fatal(err)
	}
	copyBtn := lastButton(u.chat.turns[0], "Copy")
	if copyBtn == nil {
		t.Fatal("no Copy button under the answer")
	}
	test.Tap(copyBtn)
	if got := fyne.CurrentApp().Clipboard().Content(); !strings.Contains(got, "Iris Kallas") || !strings.Contains(got, "[^1]: zentara.pdf, p.1") {
		t.Errorf("Copy put %q on the clipboard", got)
	}
}

func bodyHasLabel(t *turnView, text string) bool {
	for _, o := range t.body.Objects {
		if l, ok := o.(*widget.Label); ok && l.Text == text {
			return true
		}
	}
	return false
}

func lastButton(t *turnView, text string) *widget.Button {
	var found *widget.Button
	for _, o := range t.body.Objects {
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				if b, ok := x.(*widget.Button); ok && b.Text == text {
					found = b
				}
			}
		}
	}
	return found
}

// TestWidenFollowUpAsksWhatWasSearched: Search all documents under a
// follow-up asks again the question it was searched as, not its words
// rewritten from a later turn about another subject.
func TestWidenFollowUpAsksWhatWasSearched(t *testing.T) {
	lib, err := library.Open(t.TempDir(), library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if err := lib.AddTexts(context.Background(), zentaraTexts()); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t, lib)
	u.ask("Who is the CEO of Zentara Robotics?")
	u.ask("And how many employees does it have?")
	u.ask("Who is the CEO of Harbor Logistics?")
	followUp := u.chat.turns[1]
	widen := buttonWithText(followUp.body, textSearchAll)
	if !followUp.answer.Scoped || widen == nil {
		t.Fatalf("the follow-up %q: scoped %t, button %v", followUp.standalone, followUp.answer.Scoped, widen)
	}
	test.Tap(widen)
	again := u.chat.turns[len(u.chat.turns)-1]
	if len(u.chat.turns) != 4 || again.question != "How many employees does Zentara Robotics have?" ||
		again.answer.Scoped || !strings.Contains(again.answer.Text, "287") {
		t.Errorf("Search all documents asked %q (searched as %q): scoped %t, %q", again.question, again.standalone, again.answer.Scoped, again.answer.Text)
	}
}
