package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
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
	all := fs.Bool("all", false, "search every document, even when the question names some")
	exact := fs.Bool("exact", false, "search the words as typed, without correcting those the library does not know")
	server := llmFlags(fs, "llm-")
	extractive := fs.Bool("extractive", false, "quote the passages (built in), even when an LLM server is saved")
	inChat := fs.Bool("chat", false, "continue the library's latest chat (the window's): a follow-up is searched with its context, and kept")
	newChat := fs.Bool("new-chat", false, "start a new kept chat with this question")
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
	switch {
	case *extractive:
		err = lib.SetLLM(nil)
	case server.given():
		saved, _ := lib.LLM()
		cfg, ferr := server.config(&saved)
		if ferr != nil {
			return ferr
		}
		err = lib.SetLLM(&cfg) // for this question only; quire llm set saves it
	}
	if err != nil {
		return err
	}

	opts := library.AskOptions{TopK: *k, All: *all, Exact: *exact}
	streamed := false
	if _, on := lib.LLM(); on && !*asJSON {
		opts.OnToken = func(s string) {
			streamed = true
			io.WriteString(out, s)
		}
	}
	var ans llm.Answer
	if *inChat || *newChat {
		ans, err = askInChat(ctx, out, lib.Library, question, opts, *newChat)
	} else {
		ans, err = lib.Ask(ctx, question, opts)
	}
	if streamed {
		fmt.Fprintln(out)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(ans)
	}
	printCorrected(out, ans) // after a streamed answer, else before it
	if !streamed || ans.Fallback != "" {
		if ans.Fallback != "" {
			fmt.Fprintf(out, "\n(Set aside: %s. Quoted from your documents instead:)\n\n", ans.Fallback)
		}
		fmt.Fprintln(out, ans.Text)
	}
	if ans.Model != "" && ans.Fallback == "" && !ans.Abstained {
		fmt.Fprintf(out, "— written by %s, from the sources below\n", ans.Model)
	}
	if len(ans.Invalid) > 0 && ans.Fallback == "" {
		fmt.Fprintf(out, "(Removed citations of sources that do not exist: %s.)\n", citeList(ans.Invalid))
	}
	if len(ans.Unsupported) > 0 && ans.Fallback == "" {
		fmt.Fprintf(out, "(No source backs %s; marked %s.)\n", quoteList(ans.Unsupported), llm.UnsupportedMark)
	}
	printSources(out, ans)
	return nil
}

func printAnswer(out io.Writer, ans llm.Answer) {
	printCorrected(out, ans)
	fmt.Fprintln(out, ans.Text)
	printSources(out, ans)
}

// printCorrected says which words of the question were searched
// corrected, when some were.
func printCorrected(out io.Writer, ans llm.Answer) {
	if ans.Corrected != "" {
		fmt.Fprintf(out, "Showing results for: %s (--exact searches the words as typed)\n", ans.Corrected)
	}
}

// maxSearchedNames is the most documents an abstention names one by one;
// past it, a library of hundreds would print a wall of file names.
const maxSearchedNames = 10

// printSources lists an answer's sources after its text (the closest
// passages, marked weak, for an abstention).
func printSources(out io.Writer, ans llm.Answer) {
	if len(ans.From) > 0 {
		fmt.Fprintf(out, "From: %s\n", strings.Join(ans.From, "; "))
	}
	switch {
	case ans.Scoped && len(ans.About) > 0:
		fmt.Fprintf(out, "Searched only the documents about %s: %s (--all searches every document).\n", strings.Join(ans.About, ", "), strings.Join(ans.Searched, ", "))
	case ans.Scoped && len(ans.Earlier) > 0:
		fmt.Fprintf(out, "Searched only %s, named in the question, not the earlier %s: a year in the question searches that year's (--all searches every document).\n", strings.Join(ans.Searched, ", "), strings.Join(ans.Earlier, ", "))
	case ans.Scoped:
		fmt.Fprintf(out, "Searched only %s, named in the question (--all searches every document).\n", strings.Join(ans.Searched, ", "))
	case ans.Abstained && len(ans.Searched) > maxSearchedNames:
		fmt.Fprintf(out, "Searched all %d documents (quire docs lists them).\n", len(ans.Searched))
	case ans.Abstained && len(ans.Searched) > 0:
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
	for _, c := range ans.Listed() {
		fmt.Fprintf(out, "[%d] %s p.%s%s — \"%s\"\n", c.N, c.File, pages(c), ocrMark(c), excerpt(c, 200))
	}
}

func citeList(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprintf("[%d]", n)
	}
	return strings.Join(s, ", ")
}

// quoteList is `"A"; "B"`.
func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = `"` + s + `"`
	}
	return strings.Join(q, "; ")
}

// ocrMark says that a passage was read by OCR from a page image, with
// Tesseract's confidence: " (OCR, 91 %)".
func ocrMark(c llm.Citation) string {
	if c.OCR == 0 {
		return ""
	}
	return fmt.Sprintf(" (OCR, %.0f %%)", c.OCR)
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

// serverFlags are the flags naming an LLM server: --llm URL,
// --llm-model and friends on ask; --url, --model… on quire llm set.
type serverFlags struct {
	fs                   *flag.FlagSet
	url, model, api, key *string
	names                map[string]bool
}

// llmFlags adds the LLM server flags to fs, their names prefixed.
func llmFlags(fs *flag.FlagSet, prefix string) *serverFlags {
	f := &serverFlags{fs: fs, names: map[string]bool{}}
	urlName := strings.TrimSuffix(prefix, "-")
	if prefix == "" {
		urlName = "url"
	}
	str := func(name, usage string) *string {
		f.names[name] = true
		return fs.String(name, "", usage)
	}
	f.url = str(urlName, "LLM server URL, e.g. "+defaultLLMURL+" (Ollama) or http://localhost:8080/v1 (OpenAI-compatible)")
	f.model = str(prefix+"model", "the server's model that writes the answer, e.g. qwen2.5:3b")
	f.api = str(prefix+"api", "the server's API: ollama, openai or auto (default auto)")
	f.key = str(prefix+"key-env", "environment variable holding the server's API key (default "+llm.DefaultKeyEnv+")")
	return f
}

// given reports whether any of the flags was set.
func (f *serverFlags) given() bool {
	set := false
	f.fs.Visit(func(fl *flag.Flag) { set = set || f.names[fl.Name] })
	return set
}

// config is base (the saved choice, if any) with the flags given laid
// over it; a new server defaults to Ollama's address.
func (f *serverFlags) config(base *llm.ServerConfig) (llm.ServerConfig, error) {
	cfg := llm.ServerConfig{URL: defaultLLMURL}
	if base != nil && base.URL != "" {
		cfg = *base
	}
	if *f.url != "" {
		cfg.URL = *f.url
	}
	if *f.model != "" {
		cfg.Model = *f.model
	}
	if *f.api != "" {
		api, err := llm.ParseAPI(*f.api)
		if err != nil {
			return cfg, err
		}
		cfg.API = api
	}
	if *f.key != "" {
		cfg.KeyEnv = *f.key
	}
	if _, err := llm.NewEndpoint(cfg); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// defaultLLMURL is Ollama's address on this computer.
const defaultLLMURL = "http://localhost:11434"
