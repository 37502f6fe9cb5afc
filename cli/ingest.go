package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"quire/library"
	"quire/store"
)

// fileLine is the --json record of one file.
type fileLine struct {
	File   string `json:"file"`
	Status string `json:"status"` // indexed, no-text, error, skipped
	Pages  int    `json:"pages"`
	Chunks int    `json:"chunks"`
	Engine string `json:"engine,omitempty"`
	Error  string `json:"error,omitempty"`
	// NeedsOCR lists the scanned pages of a document that has text
	// elsewhere.
	NeedsOCR []int `json:"needs_ocr,omitempty"`
}

func cmdIngest(ctx context.Context, args []string, out io.Writer) error {
	var db string
	fs := flags("ingest", &db)
	asJSON := fs.Bool("json", false, "print one JSON object per file, then a summary object")
	noModels := fs.Bool("no-models", false, "keyword index only, even if models are installed")
	generated := fs.String("generated-models", "", "use random-weight MiniLM-shaped models kept in this folder (benchmarks only)")
	generatedInt8 := fs.Bool("generated-int8", false, "with --generated-models: their int8 variants")
	noOCR := fs.Bool("no-ocr", false, "index the text layers only; scanned pages wait for a later run")
	resume := fs.Bool("resume", false, "finish the runs that were interrupted (a closed window, a killed process)")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 && !*resume {
		return errors.New("name at least one PDF or folder, or give --resume to finish an interrupted run")
	}
	lib, err := openLibraryWith(db, openOpts{none: *noModels, generated: *generated, int8: *generatedInt8})
	if err != nil {
		return err
	}
	defer lib.Close()

	var mu sync.Mutex
	enc := json.NewEncoder(out)
	run := func(ctx context.Context, progress func(library.Event)) (library.Summary, error) {
		if len(paths) == 0 {
			return lib.Resume(ctx, progress)
		}
		return lib.Ingest(ctx, paths, progress)
	}
	semantic := semanticProgress{}
	sum, err := run(ctx, func(e library.Event) {
		if e.Kind == library.Embedded {
			mu.Lock()
			semantic.report(e)
			mu.Unlock()
			return
		}
		if e.Kind != library.FileDone && e.Kind != library.FileSkipped {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		line := fileOutcome(e)
		if *asJSON {
			enc.Encode(line)
			return
		}
		fmt.Fprintf(out, "[%d/%d] %s\n", e.Done, e.Total, describe(line))
	})
	if *asJSON {
		enc.Encode(map[string]any{"summary": sum})
	} else {
		printSummary(out, sum)
	}
	if err != nil {
		return err
	}
	if sum.Files == 0 && len(sum.Skips) > 0 {
		return errors.New("ingest: found no file to read (see above)")
	}
	if err := reembed(ctx, out, lib); err != nil {
		return err
	}
	if *noOCR {
		return nil
	}
	return runOCR(ctx, out, lib.Library)
}

// semanticProgress prints, on stderr, how far the semantic index has
// followed the keyword index: each tenth, and when it catches up.
type semanticProgress struct{ shown, caughtUp int }

func (p *semanticProgress) report(e library.Event) {
	if e.ToEmbed == 0 {
		return
	}
	pct := 100 * e.Embedded / e.ToEmbed
	if e.Embedded == e.ToEmbed {
		if p.caughtUp == e.ToEmbed {
			return
		}
		p.caughtUp = e.ToEmbed
	} else if pct < p.shown+10 && pct > p.shown-10 {
		return
	}
	p.shown = pct
	fmt.Fprintf(os.Stderr, "  searchable now; semantic index %d %% (%d of %d chunks)\n", pct, e.Embedded, e.ToEmbed)
}

// reembed gives vectors to documents ingested before the embedder was
// installed (or with another one).
func reembed(ctx context.Context, out io.Writer, s *session) error {
	n, err := s.Unembedded()
	if err != nil || n == 0 {
		return err
	}
	fmt.Fprintf(os.Stderr, "embedding %d documents for semantic search…\n", n)
	step := max(n/20, 1)
	return s.Reembed(ctx, func(done, total int) {
		if done%step == 0 || done == total {
			fmt.Fprintf(os.Stderr, "\r  %d/%d", done, total)
		}
		if done == total {
			fmt.Fprintln(os.Stderr)
		}
	})
}

func fileOutcome(e library.Event) fileLine {
	l := fileLine{File: store.Shown(filepath.Base(e.Path)), Status: string(e.Doc.Status), Pages: e.Doc.Pages,
		Chunks: e.Doc.Chunks, Engine: e.Doc.Engine, Error: e.Doc.Error, NeedsOCR: e.Doc.OCRPages}
	if e.Kind == library.FileSkipped {
		l.Status = "skipped"
	}
	return l
}

func describe(l fileLine) string {
	switch l.Status {
	case "skipped":
		return fmt.Sprintf("%s: already in the library", l.File)
	case string(store.StatusIndexed):
		s := fmt.Sprintf("%s: indexed, %d pages, %d chunks", l.File, l.Pages, l.Chunks)
		if len(l.NeedsOCR) > 0 {
			s += " (" + store.PageList(l.NeedsOCR, 5) + " are scanned: OCR reads them next)"
		}
		if l.Error != "" {
			s += "; " + l.Error
		}
		return s
	case string(store.StatusNoText):
		return fmt.Sprintf("%s: %d pages, no text layer (scanned) — OCR reads it next", l.File, l.Pages)
	default:
		return fmt.Sprintf("%s %s", l.File, l.Error)
	}
}

func printSummary(out io.Writer, s library.Summary) {
	fmt.Fprintf(out, "\n%d files in %.1fs: %d indexed, %d need OCR, %d failed, %d already in the library; %d pages, %d chunks\n",
		s.Files, s.Elapsed.Seconds(), s.Indexed, s.NoText, s.Failed, s.Skipped, s.Pages, s.Chunks)
	if len(s.Failures) > 0 {
		fmt.Fprintln(out, "Failures:")
		for _, d := range s.Failures {
			fmt.Fprintf(out, "  %s %s\n", store.Shown(d.Name), d.Error)
		}
	}
	if len(s.Skips) > 0 {
		fmt.Fprintln(out, "Not read:")
		for _, k := range s.Skips {
			fmt.Fprintf(out, "  %s %s\n", store.Shown(k.Path), k.Reason)
		}
	}
	if len(s.Unavailable) > 0 {
		fmt.Fprintln(out, "Unavailable watched folders (their documents are kept):")
		for _, k := range s.Unavailable {
			fmt.Fprintf(out, "  %s %s\n", store.Shown(k.Path), k.Reason)
		}
	}
}
