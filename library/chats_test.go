package library

import (
	"context"
	"strings"
	"testing"
)

// TestChatKeptAcrossOpens asks two questions in a chat (the second a
// follow-up), closes the library, opens it again and finds the chat
// whole: questions, the rewritten follow-up, answers, citations and mode.
func TestChatKeptAcrossOpens(t *testing.T) {
	dir := t.TempDir()
	lib, err := Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	err = lib.AddTexts(ctx, []TextDocument{
		{Name: "zentara.pdf", Pages: []string{"Zentara Robotics. CEO Iris Kallas. Zentara Robotics has 287 employees in Tallinn.", "The Magpie-7 costs €68,400."}},
		{Name: "other.pdf", Pages: []string{"Harbor Logistics employs 9,100 people across four ports."}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var c Chat
	if _, err := lib.AskInChat(ctx, &c, "Who is the CEO of Zentara Robotics?", AskOptions{}); err != nil {
		t.Fatal(err)
	}
	turn, err := lib.AskInChat(ctx, &c, "And how many employees does it have?", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if turn.Standalone != "How many employees does Zentara Robotics have?" {
		t.Errorf("follow-up searched as %q", turn.Standalone)
	}
	if !strings.Contains(turn.Answer.Text, "287") {
		t.Errorf("follow-up answer %q", turn.Answer.Text)
	}
	if err := lib.Close(); err != nil {
		t.Fatal(err)
	}

	lib, err = Open(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	got, ok, err := lib.LatestChat()
	if err != nil || !ok {
		t.Fatalf("latest chat: %v %v", ok, err)
	}
	if got.ID != c.ID || got.Title != "Who is the CEO of Zentara Robotics?" || len(got.Turns) != 2 {
		t.Fatalf("kept chat %d %q with %d turns, want %d", got.ID, got.Title, len(got.Turns), c.ID)
	}
	t2 := got.Turns[1]
	if t2.Question != "And how many employees does it have?" || t2.Standalone != turn.Standalone || t2.Mode != "bm25" ||
		t2.Answer.Text != turn.Answer.Text || len(t2.Answer.Citations) == 0 || t2.Answer.Citations[0].File != "zentara.pdf" {
		t.Errorf("kept turn %+v", t2)
	}
	// A new chat is listed first; the old one stays.
	n := Chat{}
	if _, err := lib.AskInChat(ctx, &n, "What does the Magpie-7 cost?", AskOptions{}); err != nil {
		t.Fatal(err)
	}
	infos, err := lib.Chats()
	if err != nil || len(infos) != 2 || infos[0].ID != n.ID || infos[1].Turns != 2 {
		t.Fatalf("chats %+v, %v", infos, err)
	}
	if err := lib.DeleteChat(n.ID); err != nil {
		t.Fatal(err)
	}
	if infos, _ := lib.Chats(); len(infos) != 1 {
		t.Errorf("after delete: %+v", infos)
	}
}
