package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"quire/library"
)

// modelsDir is the flag's folder, else the models of the library in db
// (the default library when db is empty).
func modelsDir(flagDir, db string) (string, error) {
	if flagDir != "" {
		return flagDir, nil
	}
	if db == "" {
		var err error
		if db, err = library.DefaultDir(); err != nil {
			return "", err
		}
	}
	return library.ModelsDir(db), nil
}

func cmdModels(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		args = []string{"list"}
	}
	db := new(string)
	fs := flags("models "+args[0], db)
	dirFlag := fs.String("dir", "", "models folder (default $QUIRE_MODELS or <library>/models)")
	base := fs.String("from", "", "download base URL (default Hugging Face)")
	rest, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	dir, err := modelsDir(*dirFlag, *db)
	if err != nil {
		return err
	}
	shelf := &library.Shelf{Dir: dir, BaseURL: *base}
	switch args[0] {
	case "list":
		return listModels(out, shelf)
	case "pull":
		return pullModels(ctx, out, shelf, rest)
	case "import":
		if len(rest) != 1 {
			return errors.New("usage: quire models import DIR")
		}
		done, err := shelf.Import(rest[0])
		fmt.Fprintf(out, "complete models in %s: %s\n", dir, strings.Join(done, ", "))
		return err
	case "use":
		return useModel(out, shelf, rest)
	case "generate":
		// Random-weight models with the real shapes, for benchmarks and
		// tests on machines that cannot download the real ones.
		if len(rest) != 1 {
			return errors.New("usage: quire models generate DIR")
		}
		name, err := library.GenerateModels(rest[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "generated %s in %s (random weights: for benchmarks, not for answers)\n", name, rest[0])
		return nil
	default:
		return fmt.Errorf("unknown models command %q (list, pull, import, use)", args[0])
	}
}

func listModels(out io.Writer, shelf *library.Shelf) error {
	cat, err := shelf.Catalog()
	if err != nil {
		return err
	}
	emb, rr, err := shelf.Active()
	if err != nil {
		return err
	}
	choice := shelf.Choice()
	fmt.Fprintf(out, "models folder: %s\n", shelf.Dir)
	fmt.Fprintf(out, "in use: embedder %s, reranker %s (change with quire models use)\n", activeName(emb, choice.Embedder), activeName(rr, choice.Reranker))
	for _, e := range cat {
		state := "not installed"
		switch {
		case e.Installed:
			state = "installed"
		case e.Downloaded > 0:
			state = fmt.Sprintf("incomplete: %.0f of %.0f MB", float64(e.Downloaded)/1e6, float64(e.Bytes)/1e6)
		}
		def := ""
		switch {
		case e.Builtin:
			def = " (built-in default)"
		case e.Default:
			def = " (default)"
		}
		mark := " "
		if e.Active {
			mark, state = "*", state+", in use"
		}
		fmt.Fprintf(out, "%s %-28s %-8s %5.0f MB  %s%s — %s, %s\n", mark, e.Name, e.Role, float64(e.Bytes)/1e6, state, def, e.Title, e.Licence)
	}
	return nil
}

// activeName says which model a role uses and why.
func activeName(name, chosen string) string {
	switch {
	case chosen == library.ModelNone:
		return "none (turned off)"
	case name == "":
		return "none (none installed)"
	case chosen == "":
		return name + " (automatic)"
	case chosen != name:
		return name + " (automatic: the chosen " + chosen + " is not installed)"
	}
	return name
}

// useModel saves which model a role uses: `use NAME` for an installed
// model, `use ROLE none|auto|NAME` to turn a role off, back to automatic,
// or to a model.
func useModel(out io.Writer, shelf *library.Shelf, args []string) error {
	const usage = "usage: quire models use NAME | quire models use embedder|reranker NAME|none|auto"
	role, name := "", ""
	switch len(args) {
	case 1:
		name = args[0]
	case 2:
		role, name = args[0], args[1]
		if role != "embedder" && role != "reranker" {
			return errors.New(usage)
		}
	default:
		return errors.New(usage)
	}
	cat, err := shelf.Catalog()
	if err != nil {
		return err
	}
	if name == "auto" || name == library.ModelNone {
		if role == "" {
			return fmt.Errorf("say which role to set to %s: quire models use embedder %s, or reranker %s", name, name, name)
		}
		if name == "auto" {
			name = ""
		}
	} else {
		var found *library.ModelEntry
		for i := range cat {
			if cat[i].Name == name {
				found = &cat[i]
			}
		}
		switch {
		case found == nil:
			return fmt.Errorf("no model named %q (see quire models list)", name)
		case role != "" && found.Role != role:
			return fmt.Errorf("%s is a %s, so it cannot be the %s", name, found.Role, role)
		case !found.Installed:
			return fmt.Errorf("%s is not installed: quire models pull %s", name, name)
		}
		role = found.Role
	}
	if err := shelf.Choose(role, name); err != nil {
		return err
	}
	emb, rr, err := shelf.Active()
	if err != nil {
		return err
	}
	choice := shelf.Choice()
	fmt.Fprintf(out, "in use: embedder %s, reranker %s\n", activeName(emb, choice.Embedder), activeName(rr, choice.Reranker))
	if role == "embedder" && emb != "" {
		fmt.Fprintln(out, "documents embedded by another model are embedded again on the next quire ingest, or by the window")
	}
	return nil
}

// pullModels pulls the named models; with no names, the built-in embedder
// and the default models.
func pullModels(ctx context.Context, out io.Writer, shelf *library.Shelf, names []string) error {
	if len(names) == 0 {
		offer, err := shelf.Defaults()
		if err != nil {
			return err
		}
		names = offer.Names
	}
	for _, name := range names {
		fmt.Fprintf(out, "pulling %s\n", name)
		err := shelf.Download(ctx, name, func(done, total int64) {
			fmt.Fprintf(raw(out), "\r  %s %5.1f%% of %.0f MB", name, 100*float64(done)/float64(max(total, 1)), float64(total)/1e6)
		})
		fmt.Fprintln(out)
		if err != nil {
			return err
		}
	}
	return nil
}
