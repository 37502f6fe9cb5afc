package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"quire/library"
	"quire/llm"
)

func cmdAsk(ctx context.Context, args []string, out io.Writer) error {
	var db string
	fs := flags("ask", &db)
	asJSON := fs.Bool("json", false, "print the answer as JSON")
	k := fs.Int("k", 5, "number of sources")
	words, err := parse(fs, args)
	if err != nil {
		return err
	}
	question := strings.TrimSpace(strings.Join(words, " "))
	if question == "" {
		return errors.New("ask a question, e.g. quire ask \"Who is the CEO?\"")
	}
	lib, err := openLibrary(db, true)
	if err != nil {
		return err
	}
	defer lib.Close()
	ans, err := lib.Ask(ctx, question, library.AskOptions{TopK: *k})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(ans)
	}
	printAnswer(out, ans)
	return nil
}

func printAnswer(out io.Writer, ans llm.Answer) {
	fmt.Fprintln(out, ans.Text)
	if ans.Abstained && len(ans.Searched) > 0 {
		fmt.Fprintf(out, "Searched: %s\n", strings.Join(ans.Searched, ", "))
	}
	if len(ans.Citations) == 0 {
		return
	}
	if ans.Abstained {
		fmt.Fprintln(out, "\nClosest passages (weak):")
	} else {
		fmt.Fprintln(out, "\nSources:")
	}
	for _, c := range ans.Citations {
		fmt.Fprintf(out, "[%d] %s p.%s — \"%s\"\n", c.N, c.File, pages(c), excerpt(c, 200))
	}
}

// pages names the page a citation quotes, or the chunk's pages.
func pages(c llm.Citation) string {
	if !c.Used && c.PageEnd > c.PageStart {
		return fmt.Sprintf("%d–%d", c.PageStart, c.PageEnd)
	}
	return fmt.Sprint(c.Page)
}

// excerpt shows what the answer quoted from the source, else its start.
func excerpt(c llm.Citation, n int) string {
	s := c.Snippet
	if s == "" {
		s = c.Text
	}
	s = oneLine(s)
	if r := []rune(s); len(r) > n {
		s = string(r[:n]) + "…"
	}
	return s
}
