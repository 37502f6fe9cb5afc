package app

// Issue 16's fixes in one real window (GLFW under Xvfb, a 1400×900
// screen), over a real library:
//
//	QUIRE_SCREENSHOT=/tmp/quire.png xvfb-run -a -s "-screen 0 1400x900x24" go test ./app/ -run TestRealConversation -v
//
// saves /tmp/quire-conv-followup.png (a follow-up with the question as
// searched under its answer), -conv-restored.png (the chat shown again
// in a new window over the reopened library, a citation of a removed
// document marked), -conv-chats.png (the menu of earlier chats),
// -conv-abstain.png (an abstention's count of files with [show]) and
// -conv-clamped.png (a 1920×1080 window clamped to the screen).

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"quire/library"
)

func TestRealConversation(t *testing.T) {
	shot, ok := windowTest(t, "QUIRE_CONV_WINDOW", "-conv")
	if !ok {
		return
	}
	shot = strings.TrimSuffix(shot, ".png")
	dir := t.TempDir()
	lib, err := library.Open(dir, library.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if err := lib.AddTexts(context.Background(), zentaraTexts()); err != nil {
		t.Fatal(err)
	}
	// An earlier chat, kept in the library as if from a previous start.
	var old library.Chat
	if _, err := lib.AskInChat(context.Background(), &old, "What does the Enterprise tier cost?", library.AskOptions{}); err != nil {
		t.Fatal(err)
	}
	u := showRealWindow(t, lib, func(u *ui) { u.win.Resize(fyne.NewSize(1920, 1080)) })
	within(t, 10*time.Second, "the documents listed", func() bool { return len(u.library.docs) == 2 })
	within(t, 10*time.Second, "the kept chat shown", func() bool { return len(u.chat.turns) == 1 })

	// A window saved at 1920×1080 fits the 1400×900 screen.
	fyne.DoAndWait(u.clampToScreen)
	time.Sleep(500 * time.Millisecond)
	var size, screen fyne.Size
	var known bool
	fyne.DoAndWait(func() { size = u.win.Canvas().Size() })
	fyne.DoAndWait(func() { screen, known = u.screenSize() })
	t.Logf("window after clamping: %.0f×%.0f on a %.0f×%.0f screen", size.Width, size.Height, screen.Width, screen.Height)
	if !known || screen.Width >= 1920 || size.Width > screen.Width || size.Height > screen.Height {
		t.Errorf("window %.0f×%.0f on a %.0f×%.0f screen (known %v)", size.Width, size.Height, screen.Width, screen.Height, known)
	}
	screenshot(t, u, shot+"-clamped.png")

	ask := func(q string) {
		n := 0
		fyne.DoAndWait(func() {
			n = len(u.chat.turns)
			u.win.Canvas().Focus(u.chat.entry)
			for _, r := range q {
				u.chat.entry.TypedRune(r)
			}
			u.chat.entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		})
		within(t, 20*time.Second, "the answer to "+q, func() bool {
			return len(u.chat.turns) == n+1 && u.chat.turns[n].answered && u.askCancel == nil
		})
	}
	fyne.DoAndWait(u.newChat)
	ask("Who is the CEO of Zentara Robotics?")
	ask("And how many employees does it have?")
	var searched, answer string
	fyne.DoAndWait(func() { searched, answer = u.chat.turns[1].standalone, u.chat.turns[1].answer.Text })
	t.Logf("follow-up searched as %q, answered %q", searched, answer)
	if searched != "How many employees does Zentara Robotics have?" || !strings.Contains(answer, "287") {
		t.Errorf("follow-up searched as %q, answered %q", searched, answer)
	}
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, shot+"-followup.png")

	// Esc closes Settings.
	fyne.DoAndWait(func() {
		u.offerModels(t.TempDir(), false)
		u.showSettings()
	})
	time.Sleep(300 * time.Millisecond)
	fyne.DoAndWait(func() {
		u.win.Canvas().(interface{ OnTypedKey() func(*fyne.KeyEvent) }).OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	})
	var open bool
	fyne.DoAndWait(func() { open = u.models.settings != nil })
	if open {
		t.Error("Esc left Settings open")
	}

	// The menu of earlier chats.
	fyne.DoAndWait(func() { u.showChats(u.chat.more) })
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, shot+"-chats.png")
	fyne.DoAndWait(u.escape)

	// An abstention: a count, the names behind [show].
	ask("Who is Zentara's Chief Financial Officer?")
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, shot+"-abstain.png")

	// The document goes; its citations say so.
	docs, _ := lib.Documents()
	for _, d := range docs {
		if d.Name == "zentara.pdf" {
			if err := lib.Remove(d.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	fyne.DoAndWait(u.reloadDocs)
	within(t, 10*time.Second, "the citation marked", func() bool {
		return len(u.chat.turns[0].citations) > 0 && strings.HasSuffix(u.chat.turns[0].citations[0].Text, "document removed")
	})
	time.Sleep(400 * time.Millisecond)
	screenshot(t, u, shot+"-restored.png")
}
