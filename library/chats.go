package library

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"quire/llm"
	"quire/store"
)

// Chat is a conversation kept in the library (in its bbolt file, beside
// the documents), so it is there again at the next start, in the window
// and for `quire ask --chat`.
type Chat struct {
	ID      uint64     `json:"id"` // 0 until first saved
	Title   string     `json:"title"`
	Started time.Time  `json:"started"`
	Updated time.Time  `json:"updated"`
	Turns   []ChatTurn `json:"turns"`
}

// ChatTurn is one question of a chat and what came of it.
type ChatTurn struct {
	Question string `json:"question"`
	// Standalone is the question as it was searched when the
	// conversation's context rewrote it (see Standalone); empty otherwise.
	Standalone string     `json:"standalone,omitempty"`
	Answer     llm.Answer `json:"answer"`
	Failed     string     `json:"failed,omitempty"` // why there is no answer (stopped, server down)
	Mode       string     `json:"mode,omitempty"`   // retrieval pipeline, e.g. "hybrid"
	Embedder   string     `json:"embedder,omitempty"`
	Asked      time.Time  `json:"asked"`
}

// ChatInfo names a kept chat for a list of earlier chats.
type ChatInfo struct {
	ID      uint64
	Title   string
	Updated time.Time
	Turns   int
}

// History is the chat's exchanges, as Standalone reads them.
func (c Chat) History() []Exchange {
	h := make([]Exchange, 0, len(c.Turns))
	for _, t := range c.Turns {
		h = append(h, Exchange{Question: t.Question, Standalone: t.Standalone, Answer: t.Answer.Text})
	}
	return h
}

// NewTurn records a question asked now, as searched (standalone, when it
// differs) with opts, and its answer, naming the retrieval mode and the
// embedder in use.
func (l *Library) NewTurn(question, standalone string, a llm.Answer, opts AskOptions) ChatTurn {
	mode := opts.Mode
	if mode == "" {
		mode = l.SearchModes()[0]
	}
	t := ChatTurn{Question: question, Answer: a, Mode: string(mode), Embedder: l.embedderName(), Asked: time.Now()}
	if standalone != question {
		t.Standalone = standalone
	}
	return t
}

// SaveChat stores c, giving it an id and a title (its first question) the
// first time. An empty chat is not stored.
func (l *Library) SaveChat(c *Chat) error {
	if len(c.Turns) == 0 {
		return nil
	}
	now := time.Now()
	if c.Started.IsZero() {
		c.Started = now
	}
	c.Updated = now
	if c.Title == "" {
		c.Title = chatTitle(c.Turns[0].Question)
	}
	data, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("save chat: %w", err)
	}
	id, err := l.store.PutChat(c.ID, data)
	if err != nil {
		return err
	}
	if c.ID == 0 {
		c.ID = id
		// The id is inside the record too; write it again with it.
		if data, err = json.Marshal(c); err == nil {
			_, err = l.store.PutChat(id, data)
		}
	}
	return err
}

func chatTitle(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if r := []rune(q); len(r) > 60 {
		q = string(r[:59]) + "…"
	}
	return q
}

// LoadChat returns a kept chat.
func (l *Library) LoadChat(id uint64) (Chat, error) {
	data, err := l.store.Chat(id)
	if err != nil {
		return Chat{}, err
	}
	var c Chat
	if err := json.Unmarshal(data, &c); err != nil {
		return Chat{}, fmt.Errorf("chat %d: %w", id, err)
	}
	c.ID = id
	return c, nil
}

// LatestChat returns the chat started last; ok is false when there is
// none.
func (l *Library) LatestChat() (c Chat, ok bool, err error) {
	infos, err := l.Chats()
	if err != nil || len(infos) == 0 {
		return Chat{}, false, err
	}
	c, err = l.LoadChat(infos[0].ID)
	if errors.Is(err, store.ErrNotFound) {
		return Chat{}, false, nil
	}
	return c, err == nil, err
}

// Chats lists the kept chats, started last first.
func (l *Library) Chats() ([]ChatInfo, error) {
	recs, err := l.store.Chats()
	if err != nil {
		return nil, err
	}
	out := make([]ChatInfo, 0, len(recs))
	for _, r := range recs {
		var c Chat
		if err := json.Unmarshal(r.Data, &c); err != nil {
			continue // a record this version cannot read is skipped, not fatal
		}
		out = append(out, ChatInfo{ID: r.ID, Title: c.Title, Updated: c.Updated, Turns: len(c.Turns)})
	}
	return out, nil
}

// DeleteChat forgets a kept chat.
func (l *Library) DeleteChat(id uint64) error { return l.store.DeleteChat(id) }

// AskInChat answers question as the next turn of c: a follow-up is first
// rewritten from the chat's context (Standalone), then asked; the turn is
// added to c and c is saved. This is what `quire ask --chat` and the
// window do.
func (l *Library) AskInChat(ctx context.Context, c *Chat, question string, opts AskOptions) (ChatTurn, error) {
	standalone := l.Standalone(ctx, c.History(), question)
	a, err := l.Ask(ctx, standalone, opts)
	if err != nil {
		return ChatTurn{}, err
	}
	t := l.NewTurn(question, standalone, a, opts)
	c.Turns = append(c.Turns, t)
	if l.ReadOnly() != nil {
		return t, nil // open on a full disk: the chat goes on unsaved
	}
	return t, l.SaveChat(c)
}
