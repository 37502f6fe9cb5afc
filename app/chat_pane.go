package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"quire/llm"
)

// chatPane is the CHAT column: a "Searching 2 of 3 documents" header, the
// questions and answers so far, and the question box with [Ask]/[Stop].
// With an empty library it shows the drop hint instead of a history.
type chatPane struct {
	header  *widget.Label
	history *fyne.Container
	scroll  *container.Scroll
	empty   *fyne.Container
	entry   *keyEntry
	askBtn  *widget.Button
	asking  bool
	turns   []*turnView

	onAsk   func(question string)
	onStop  func()
	onCite  func(llm.Citation)
	onCopy  func(text string) // puts text on the clipboard
	newChat *widget.Button    // "New chat"
	more    *widget.Button    // the menu of earlier chats and Export
	loading *widget.Label     // "Opening your library…" until the documents are known
	// onWiden asks a question again over the whole library, when its
	// answer was kept to the documents it named.
	onWiden func(question string)
	// onExact asks a question again with its words as typed, when they
	// were searched corrected.
	onExact func(question string)

	root fyne.CanvasObject
}

func newChatPane(onAdd func()) *chatPane {
	c := &chatPane{}
	c.header = widget.NewLabel("")
	c.header.Importance = widget.LowImportance
	c.header.Truncation = fyne.TextTruncateEllipsis
	title := widget.NewLabelWithStyle("CHAT", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	c.history = container.NewVBox()
	c.scroll = container.NewVScroll(c.history)

	hint := widget.NewLabelWithStyle(textEmptyLibrary, fyne.TextAlignCenter, fyne.TextStyle{})
	hint.SizeName = theme.SizeNameSubHeadingText
	add := widget.NewButtonWithIcon("Add PDFs…", theme.ContentAddIcon(), onAdd)
	add.Importance = widget.HighImportance
	c.empty = container.NewCenter(container.NewVBox(hint, container.NewCenter(add)))

	c.entry = newQuestionEntry()
	c.entry.onSubmit = c.submit
	c.askBtn = widget.NewButtonWithIcon("Ask", theme.MailSendIcon(), func() {
		if c.asking {
			if c.onStop != nil {
				c.onStop()
			}
			return
		}
		c.submit(c.entry.Text)
	})
	c.askBtn.Importance = widget.HighImportance
	ask := container.NewBorder(nil, nil, nil, container.NewVBox(layoutSpacer(), c.askBtn), c.entry)

	c.newChat = widget.NewButtonWithIcon("New chat", theme.ContentAddIcon(), nil)
	c.newChat.Importance = widget.LowImportance
	c.more = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), nil)
	c.more.Importance = widget.LowImportance
	top := container.NewBorder(nil, nil, title, container.NewHBox(c.newChat, c.more), c.header)
	c.loading = widget.NewLabelWithStyle(textOpening, fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
	c.loading.Importance = widget.LowImportance
	c.root = container.NewBorder(top, ask, nil, nil, container.NewStack(c.scroll, c.empty, container.NewCenter(c.loading)))
	c.empty.Hide()
	c.scroll.Hide()
	return c
}

// clear empties the conversation shown.
func (c *chatPane) clear() {
	c.history.Objects = nil
	c.history.Refresh()
	c.turns = nil
}

func layoutSpacer() fyne.CanvasObject { return container.NewStack() }

func (c *chatPane) submit(q string) {
	if c.asking || c.onAsk == nil {
		return
	}
	c.onAsk(q)
}

// setEmpty swaps between the drop hint and the conversation.
func (c *chatPane) setEmpty(empty bool) {
	c.loading.Hide()
	if empty && len(c.history.Objects) == 0 {
		c.empty.Show()
		c.scroll.Hide()
		return
	}
	c.empty.Hide()
	c.scroll.Show()
}

// setAsking turns [Ask] into [Stop] while an answer is on its way.
func (c *chatPane) setAsking(on bool) {
	c.asking = on
	if on {
		c.askBtn.SetText("Stop")
		c.askBtn.SetIcon(theme.MediaStopIcon())
		c.askBtn.Importance = widget.WarningImportance
	} else {
		c.askBtn.SetText("Ask")
		c.askBtn.SetIcon(theme.MailSendIcon())
		c.askBtn.Importance = widget.HighImportance
	}
	c.askBtn.Refresh()
}

// note adds a line from Quire that is not an answer (e.g. nothing chosen).
func (c *chatPane) note(text string) {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	c.add(l)
}

func (c *chatPane) add(o fyne.CanvasObject) {
	c.history.Add(o)
	c.setEmpty(false)
	c.scrollToEnd()
}

// scrollToEnd shows the end of the history. It lays the history out at
// the pane's width first: Fyne's ScrollToBottom goes by the size the
// history had at the last frame and the height its new wrapped text
// guessed before it had a width, and so stopped short of a new answer's
// last lines, or did not move at all.
func (c *chatPane) scrollToEnd() {
	w := c.scroll.Size().Width
	c.history.Resize(fyne.NewSize(w, c.history.MinSize().Height))
	c.history.Resize(fyne.NewSize(w, c.history.MinSize().Height)) // heights now known at w
	c.scroll.ScrollToBottom()
}

// addTurn shows the question and a "Searching…" placeholder for its answer.
func (c *chatPane) addTurn(question string) *turnView {
	q := newParagraph(speaker("You"), span{Text: question})
	t := &turnView{chat: c, body: container.NewVBox(), status: widget.NewLabel(textSearching), question: question}
	wait := widget.NewProgressBarInfinite()
	t.body.Add(container.NewBorder(nil, nil, t.status, nil, wait))
	c.add(container.NewVBox(q, t.body, widget.NewSeparator()))
	c.turns = append(c.turns, t)
	return t
}

// turnView is one answer's area in the history.
type turnView struct {
	chat       *chatPane
	question   string
	standalone string         // the question as searched, when the conversation rewrote it
	failed     string         // why there is no answer
	cited      []llm.Citation // the citations listed, in the order of citations
	body       *fyne.Container
	status     *widget.Label // the placeholder's words
	answered   bool
	answer     llm.Answer
	citations  []*citeLink // the list under the answer
	text       *paragraph  // the answer's text, once shown

	// While an LLM writes the answer: its text so far, shown as it comes.
	streamed strings.Builder
	stream   *paragraph

	// widened and asTyped: the question was asked again over every
	// document, or with its words as typed, by the buttons under its
	// first answer; the answer says so, as it repeats the question.
	widened, asTyped bool
}

// appendText adds a piece of the answer being written; the first piece
// replaces the placeholder. show replaces it all with the checked answer.
func (t *turnView) appendText(s string) {
	if t.answered || s == "" {
		return
	}
	t.streamed.WriteString(s)
	if t.stream == nil {
		t.stream = newParagraph()
		writing := widget.NewLabel(textWriting)
		writing.Importance = widget.LowImportance
		writing.SizeName = theme.SizeNameCaptionText
		t.body.Objects = []fyne.CanvasObject{t.stream, container.NewBorder(nil, nil, writing, nil, widget.NewProgressBarInfinite())}
		t.body.Refresh()
	}
	t.stream.SetSpans([]span{speaker("Quire"), {Text: t.streamed.String()}})
	t.chat.scrollToEnd()
}

// streamedText is the answer's text written so far.
func (t *turnView) streamedText() string { return t.streamed.String() }

// fail replaces the placeholder with a plain-words error.
func (t *turnView) fail(msg string) {
	t.answered, t.failed = true, msg
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	t.body.Objects = []fyne.CanvasObject{l}
	if t.stream != nil { // what was written stays, marked unfinished
		l.SetText(msg + " " + textUnfinished)
		t.body.Objects = []fyne.CanvasObject{t.stream, l}
	}
	t.body.Refresh()
	t.chat.scrollToEnd()
}

// stopped ends an answer the user stopped: what was written stays,
// marked unfinished.
func (t *turnView) stopped() {
	if t.stream == nil {
		t.fail("Stopped.")
		return
	}
	t.answered = true
	l := widget.NewLabel("Stopped. " + textUnfinished)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.WarningImportance
	t.body.Objects = []fyne.CanvasObject{t.stream, l}
	t.body.Refresh()
	t.chat.scrollToEnd()
}

// show replaces the placeholder with the answer, its inline [n] links and
// the citation list; an abstention says so and what was searched.
func (t *turnView) show(a llm.Answer, standalone string) {
	t.answered, t.answer, t.standalone = true, a, standalone
	var objs []fyne.CanvasObject
	if a.Corrected != "" {
		objs = append(objs, t.correctedNote(a))
	}
	if s := askedAgainLine(t.widened, t.asTyped); s != "" {
		objs = append(objs, smallPrint(s))
	}
	if a.Abstained {
		nf := newParagraph(speaker("Quire"), span{Text: textNotFound})
		objs = append(objs, nf, t.searchedNote(a))
		if len(a.Citations) > 0 {
			weak := widget.NewLabel(textWeakMatches)
			weak.Importance = widget.LowImportance
			objs = append(objs, weak)
		}
	} else {
		if a.Fallback != "" {
			objs = append(objs, note(fallbackNote(a), widget.WarningImportance))
		}
		if len(a.From) > 0 {
			objs = append(objs, note("From "+strings.Join(a.From, "; "), widget.LowImportance))
		}
		objs = append(objs, t.answerText(a))
		if a.Model != "" && a.Fallback == "" {
			objs = append(objs, note(writtenBy(a), widget.LowImportance))
		}
		if a.Scoped {
			objs = append(objs, t.scopeNote(a))
		}
	}
	if standalone != "" && standalone != t.question {
		objs = append(objs, note("Searched as: "+standalone, widget.LowImportance))
	}
	t.citations, t.cited = nil, nil
	for _, c := range a.Listed() {
		objs = append(objs, t.citationRow(c, a.Abstained))
	}
	if !a.Abstained {
		copyBtn := widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), func() {
			if t.chat.onCopy != nil {
				t.chat.onCopy(answerMarkdown(a))
			}
		})
		copyBtn.Importance = widget.LowImportance
		objs = append(objs, container.NewHBox(copyBtn))
	}
	t.body.Objects = objs
	t.body.Refresh()
	t.chat.scrollToEnd()
}

func (t *turnView) answerText(a llm.Answer) fyne.CanvasObject {
	byN := make(map[int]llm.Citation, len(a.Citations))
	cited := make(map[int]bool, len(a.Citations))
	for _, c := range a.Citations {
		byN[c.N] = c
		cited[c.N] = true
	}
	spans := []span{speaker("Quire")}
	for _, p := range splitAnswer(a.Text, cited) {
		spans = append(spans, span{Text: p.Text, Cite: p.Cite})
	}
	para := newParagraph(spans...)
	para.onCite = func(n int) {
		if c, ok := byN[n]; ok {
			t.cite(c)
		}
	}
	para.copyAll = func() string { return answerMarkdown(a) }
	t.text = para
	return para
}

func (t *turnView) citationRow(c llm.Citation, weak bool) fyne.CanvasObject {
	b := newCiteLink(citationLabel(c), c.File, func() { t.cite(c) })
	t.citations = append(t.citations, b)
	t.cited = append(t.cited, c)
	excerpt := citationExcerpt(c)
	snippet := widget.NewLabel("“" + excerpt + "”")
	snippet.Truncation = fyne.TextTruncateEllipsis
	snippet.Importance = widget.LowImportance
	if weak {
		b.TextStyle.Italic = true
	}
	if excerpt == "" {
		snippet.Hide()
	}
	return container.New(citeRow{}, b, snippet)
}

// setGone marks citation i as pointing at a document no longer in the
// library (or clears the mark).
func (t *turnView) setGone(i int, gone bool) {
	b, c := t.citations[i], t.cited[i]
	want := citationLabel(c)
	if gone {
		want += " — document removed"
	}
	b.setLabel(want)
}

func (t *turnView) cite(c llm.Citation) {
	if t.chat.onCite != nil {
		t.chat.onCite(c)
	}
}

// speaker is the bold "You: " or "Quire: " that starts a chat line.
func speaker(name string) span { return span{Text: name + ": ", Bold: true} }
