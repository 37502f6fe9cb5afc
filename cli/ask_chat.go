package cli

import (
	"context"
	"fmt"
	"io"

	"quire/library"
	"quire/llm"
)

// askInChat asks question as the next turn of the library's latest chat
// (or of a new one), printing the question as searched when the chat's
// context rewrote it.
func askInChat(ctx context.Context, out io.Writer, lib *library.Library, question string, opts library.AskOptions, fresh bool) (llm.Answer, error) {
	var c library.Chat
	if !fresh {
		latest, ok, err := lib.LatestChat()
		if err != nil {
			return llm.Answer{}, err
		}
		if ok {
			c = latest
		}
	}
	t, err := lib.AskInChat(ctx, &c, question, opts)
	if err != nil {
		return llm.Answer{}, err
	}
	if t.Standalone != "" {
		fmt.Fprintf(out, "(searched as: %s)\n", t.Standalone)
	}
	return t.Answer, nil
}
