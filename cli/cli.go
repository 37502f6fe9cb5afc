// Package cli is Quire's command line: a thin layer over package library,
// so that everything the window does can be scripted and tested without a
// display.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"quire/library"
	"quire/search"
)

const usage = `Usage:
  quire                                  open the window
  quire ingest [--db DIR] [--json] PATH... | --resume   add PDFs and folders; finish an interrupted run
  quire ask [--db DIR] [--json] [-k N] [--llm URL --llm-model NAME [--llm-api ollama|openai]] [--extractive] "question"
  quire eval --qa FILE.jsonl --docs DIR [--db DIR] [--json OUT]
  quire bench [ingest] [search] [neural] [--out FILE]   speed and memory figures as JSON
  quire docs [--db DIR]                  list the library
  quire remove [--db DIR] ID...          remove documents
  quire watch [--stop] [--sync] [DIR...]   watched folders: list, add, stop; --sync brings the library in line
  quire models [list|pull [NAME...]|import DIR|use NAME] [--dir DIR]   the semantic models
  quire rebuild [--db DIR]               start a damaged library afresh from the PDFs it held
  quire llm [show | set --url URL --model NAME [--api ollama|openai] | off]   answers written by a local LLM server

The library lives in --db, else $QUIRE_HOME, else the user data directory.
`

// Main runs one command and returns the process exit code. What it
// writes is stripped of terminal control sequences (see termWriter).
func Main(args []string, stdout, stderr io.Writer) int {
	// File names, document text and LLM replies reach the terminal:
	// never their control sequences.
	stdout, stderr = newTermWriter(stdout), newTermWriter(stderr)
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cmds := map[string]func(context.Context, []string, io.Writer) error{
		"ingest":  cmdIngest,
		"ask":     cmdAsk,
		"eval":    cmdEval,
		"docs":    cmdDocs,
		"remove":  cmdRemove,
		"models":  cmdModels,
		"bench":   cmdBench,
		"watch":   cmdWatch,
		"llm":     cmdLLM,
		"rebuild": cmdRebuild,
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	run, ok := cmds[name]
	if !ok {
		fmt.Fprintf(stderr, "quire: unknown command %q\n\n%s", name, usage)
		return 2
	}
	if err := run(ctx, args[1:], stdout); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 2
		}
		// The core names the step that failed ("ask: …"); the command
		// name would say it twice.
		msg := strings.TrimPrefix(err.Error(), name+": ")
		fmt.Fprintf(stderr, "quire %s: %s\n", name, msg)
		return 1
	}
	return 0
}

// flags makes a flag set for a command, with the shared --db flag.
func flags(name string, db *string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.StringVar(db, "db", "", "library directory (default $QUIRE_HOME or the user data directory)")
	return fs
}

// parse parses flags that may come before or after the positional
// arguments, as users type them ("quire ask 'q' --json").
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// session is an open library; it owns the models it uses and closes them
// with itself.
type session struct {
	*library.Library
}

// openLibrary opens the library in db (the default when empty), with the
// installed models when withModels is set. Without models it says so on
// stderr: answers then come from keyword search alone.
func openLibrary(db string, withModels bool) (*session, error) {
	return openLibraryWith(db, openOpts{none: !withModels})
}

// openOpts chooses the models a command uses and tunes its search.
type openOpts struct {
	none      bool   // no models at all
	generated string // random-weight generated models kept in this folder
	int8      bool   // their int8 variants
	search    search.Options
}

func openLibraryWith(db string, m openOpts) (*session, error) {
	if db == "" {
		var err error
		if db, err = library.DefaultDir(); err != nil {
			return nil, err
		}
	}
	// The models are those of this library: <db>/models (or
	// $QUIRE_MODELS), whatever the default library holds.
	lib, err := library.Open(db, library.Options{Search: m.search, LoadModels: !m.none && m.generated == "",
		GeneratedModels: m.generated, GeneratedInt8: m.int8})
	if err != nil {
		return nil, damagedHint(err, db)
	}
	if st := lib.ModelStatus(); !m.none && !st.Semantic() {
		fmt.Fprintln(os.Stderr, st.Banner())
	}
	if lib.ReadOnly() != nil {
		fmt.Fprintln(os.Stderr, "The disk is full: the library is open for questions only; free some space to add, remove or read files.")
	}
	return &session{Library: lib}, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
