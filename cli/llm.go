package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"quire/llm"
)

// cmdLLM shows, saves or turns off the LLM server that writes answers:
//
//	quire llm [show]
//	quire llm set [--url URL] --model NAME [--api ollama|openai|auto] [--key-env VAR]
//	quire llm off
//
// The choice is saved in the library, for the window too.
func cmdLLM(ctx context.Context, args []string, out io.Writer) error {
	var db string
	fs := flags("llm", &db)
	server := llmFlags(fs, "")
	words, err := parse(fs, args)
	if err != nil {
		return err
	}
	sub := "show"
	if len(words) > 0 {
		sub, words = words[0], words[1:]
	}
	lib, err := openLibrary(db, false)
	if err != nil {
		return err
	}
	defer lib.Close()
	switch sub {
	case "show":
		cfg, on := lib.LLM()
		if !on {
			fmt.Fprintln(out, "Answers: extractive (built in): the best sentences of your documents, quoted.")
			fmt.Fprintln(out, "To have a local LLM write them: quire llm set --url "+defaultLLMURL+" --model NAME")
			return nil
		}
		describeLLM(out, cfg)
		return checkLLM(ctx, out, lib.CheckLLM, cfg)
	case "set":
		if len(words) > 0 && *server.url == "" { // quire llm set URL [MODEL]
			*server.url, words = words[0], words[1:]
		}
		if len(words) > 0 && *server.model == "" {
			*server.model, words = words[0], words[1:]
		}
		if len(words) > 0 {
			return fmt.Errorf("unexpected %q: quire llm set --url URL --model NAME", words[0])
		}
		saved, _ := lib.SavedLLM()
		cfg, err := server.config(saved)
		if err != nil {
			return err
		}
		if cfg.Model == "" {
			names, _ := lib.CheckLLM(ctx, cfg)
			if len(names) > 0 {
				return fmt.Errorf("name the model with --model; the server has: %s", joinNames(names))
			}
			return errors.New("name the model with --model, e.g. --model qwen2.5:3b")
		}
		if err := lib.SaveLLM(&cfg); err != nil {
			return err
		}
		fmt.Fprintln(out, "Saved. Answers now come from the LLM server, checked against your documents:")
		describeLLM(out, cfg)
		if err := checkLLM(ctx, out, lib.CheckLLM, cfg); err != nil {
			fmt.Fprintln(out, "The choice is saved all the same; questions fail until the server answers (quire llm off goes back to the built-in answers).")
		}
		return nil
	case "off":
		if err := lib.SaveLLM(nil); err != nil {
			return err
		}
		fmt.Fprintln(out, "Answers: extractive (built in) again.")
		return nil
	}
	return fmt.Errorf("unknown subcommand %q: quire llm [show|set|off]", sub)
}

func describeLLM(out io.Writer, cfg llm.ServerConfig) {
	api := "found out on first use"
	if cfg.API != llm.APIAuto {
		api = cfg.API.String()
	}
	fmt.Fprintf(out, "  server  %s (API: %s)\n  model   %s\n", cfg.URL, api, cfg.Model)
	switch env := cmp.Or(cfg.KeyEnv, llm.DefaultKeyEnv); {
	case cfg.Key != "":
		fmt.Fprintln(out, "  API key saved in the library")
	case os.Getenv(env) != "":
		fmt.Fprintf(out, "  API key from $%s\n", env)
	case cfg.KeyEnv != "":
		fmt.Fprintf(out, "  API key from $%s (unset)\n", env)
	}
}

// checkLLM asks the server for its models and says what it found. The
// error it returns has been printed.
func checkLLM(ctx context.Context, out io.Writer, ask func(context.Context, llm.ServerConfig) ([]string, error), cfg llm.ServerConfig) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	names, err := ask(ctx, cfg)
	if err != nil {
		fmt.Fprintf(out, "Check: %v\n", err)
		return err
	}
	count := fmt.Sprintf("%d models", len(names))
	if len(names) == 1 {
		count = "1 model"
	}
	fmt.Fprintf(out, "Check: the server answers and has %s (%s: %s)\n", cfg.Model, count, joinNames(names))
	return nil
}

func joinNames(names []string) string {
	if len(names) > 10 {
		return fmt.Sprintf("%s … and %d more", joinNames(names[:10]), len(names)-10)
	}
	s := ""
	for i, n := range names {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}
