package app

import (
	"context"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"quire/library"
	"quire/llm"
)

// chatCore is what kept conversations and follow-up questions need of the
// library. *library.Library satisfies it; with a core that does not
// (tests' fakes), the chat is neither kept nor rewritten.
type chatCore interface {
	Standalone(ctx context.Context, history []library.Exchange, question string) string
	NewTurn(question, standalone string, a llm.Answer, opts library.AskOptions) library.ChatTurn
	SaveChat(c *library.Chat) error
	LatestChat() (library.Chat, bool, error)
	LoadChat(id uint64) (library.Chat, error)
	Chats() ([]library.ChatInfo, error)
}

var _ chatCore = (*library.Library)(nil)

// standalone is the question as it will be searched: rewritten from the
// conversation when it is a follow-up. Call it off Fyne's goroutine
// (with an LLM server it asks the server).
func (u *ui) standalone(ctx context.Context, history []library.Exchange, question string) string {
	cc, ok := u.core.(chatCore)
	if !ok {
		return question
	}
	return cc.Standalone(ctx, history, question)
}

// keepTurn adds an answered (or failed) question to the conversation and
// saves it in the library.
func (u *ui) keepTurn(question, standalone string, a llm.Answer, opts library.AskOptions, failed string) {
	cc, ok := u.core.(chatCore)
	if !ok {
		return
	}
	t := cc.NewTurn(question, standalone, a, opts)
	t.Failed = failed
	u.conv.Turns = append(u.conv.Turns, t)
	if err := cc.SaveChat(&u.conv); err != nil {
		u.chat.note("This conversation could not be kept: " + plainError(err))
	}
}

// restoreChat shows the library's latest conversation again, once the
// document list is known (so citations of removed documents are marked).
func (u *ui) restoreChat() {
	cc, ok := u.core.(chatCore)
	if !ok {
		return
	}
	u.spawn(func() {
		c, found, err := cc.LatestChat()
		fyne.Do(func() {
			if u.closed.Load() || err != nil || !found || len(u.conv.Turns) > 0 || len(u.chat.turns) > 0 {
				return
			}
			u.showChat(c)
		})
	})
}

// showChat replaces the chat pane's history with c.
func (u *ui) showChat(c library.Chat) {
	u.conv = c
	u.chat.clear()
	for _, t := range c.Turns {
		v := u.chat.addTurn(t.Question)
		switch {
		case t.Failed != "" && t.Answer.Text != "":
			v.appendText(t.Answer.Text) // stopped mid-answer: the words written, marked unfinished
			v.stopped()
			continue
		case t.Failed != "":
			v.fail(t.Failed)
			continue
		}
		v.show(t.Answer, t.Standalone)
	}
	u.markGone()
	u.setDocsEmpty()
}

// newChat starts a new conversation; the one shown stays kept.
func (u *ui) newChat() {
	if u.askCancel != nil {
		return
	}
	u.conv = library.Chat{}
	u.chat.clear()
	u.setDocsEmpty()
	u.focusQuestion()
}

// showChats lists the kept conversations in a menu under the chat
// header; picking one shows it.
func (u *ui) showChats(at fyne.CanvasObject) {
	cc, ok := u.core.(chatCore)
	if !ok {
		return
	}
	infos, err := cc.Chats()
	if err != nil {
		u.chat.note("Could not list the earlier chats: " + plainError(err))
		return
	}
	items := []*fyne.MenuItem{fyne.NewMenuItem("New chat", u.newChat), fyne.NewMenuItem("Export this chat to Markdown…", u.exportChat), fyne.NewMenuItemSeparator()}
	if len(infos) == 0 {
		none := fyne.NewMenuItem("No earlier chats", nil)
		none.Disabled = true
		items = append(items, none)
	}
	for i, in := range infos {
		if i == 30 {
			break
		}
		id := in.ID
		item := fyne.NewMenuItem(chatMenuLabel(in), func() {
			if u.askCancel != nil {
				return
			}
			if c, err := cc.LoadChat(id); err == nil {
				u.showChat(c)
			}
		})
		item.Checked = id == u.conv.ID
		items = append(items, item)
	}
	menu := fyne.NewMenu("", items...)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(at)
	widget.ShowPopUpMenuAtPosition(menu, u.win.Canvas(), pos.AddXY(0, at.Size().Height))
}

// chatMenuLabel is "Who is the CEO of Zentara? · 3 questions · 2 Dec 14:05".
func chatMenuLabel(in library.ChatInfo) string {
	n := "1 question"
	if in.Turns != 1 {
		n = fmt.Sprintf("%d questions", in.Turns)
	}
	return fmt.Sprintf("%s · %s · %s", in.Title, n, in.Updated.Format("2 Jan 15:04"))
}

// exportChat saves the conversation shown as Markdown, citations as
// footnotes (file, page, quoted passage).
func (u *ui) exportChat() {
	turns := u.exportTurns()
	if len(turns) == 0 {
		u.chat.note("There is nothing to export yet: ask a question first.")
		return
	}
	title := "Quire chat"
	if len(turns) > 0 {
		title = turns[0].Question
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		if err := os.WriteFile(path, []byte(chatMarkdown(title, turns)), 0o644); err != nil {
			dialog.ShowError(fmt.Errorf("could not save the chat: %s", plainError(err)), u.win)
			return
		}
		u.banner.SetText("Chat saved to " + path + ".")
	}, u.win)
	d.SetFileName("quire-chat.md")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".md"}))
	d.Resize(dialogSize(u.win))
	d.Show()
}

// exportTurns is the conversation shown, as the export writes it.
func (u *ui) exportTurns() []exportTurn {
	var out []exportTurn
	for _, t := range u.chat.turns {
		if !t.answered {
			continue
		}
		e := exportTurn{Question: t.question, Standalone: t.standalone, Answer: t.answer}
		if t.failed != "" {
			e.Failed = t.failed
		}
		out = append(out, e)
	}
	return out
}

// markGone marks the citations whose document has left the library: they
// still show the passage they quoted, but no longer claim a page.
func (u *ui) markGone() {
	if !u.docsLoaded {
		return
	}
	for _, t := range u.chat.turns {
		for i, c := range t.cited {
			_, known := u.library.doc(c.DocID)
			t.setGone(i, !known)
		}
	}
}
