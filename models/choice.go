package models

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// None, as a chosen model, turns a role off.
const None = "none"

// choiceFile holds the Choice inside the models folder.
const choiceFile = "choice.json"

// Choice is which model of each role to use, as chosen in the window's
// Settings or with `quire models use`. It lives in the models folder, so
// the window and the CLI, which share the models, share it too. An empty
// name means automatic: the default model of the role if installed, else
// any installed one (for embedders, a Hugging Face one before the
// built-in use-lite).
type Choice struct {
	Embedder string `json:"embedder,omitempty"` // a model name, None, or "" for automatic
	Reranker string `json:"reranker,omitempty"`
}

// For returns the choice for a role ("embedder" or "reranker").
func (c Choice) For(role string) string {
	if role == "embedder" {
		return c.Embedder
	}
	return c.Reranker
}

// With returns c with the role's choice set to name.
func (c Choice) With(role, name string) Choice {
	if role == "embedder" {
		c.Embedder = name
	} else {
		c.Reranker = name
	}
	return c
}

// ReadChoice reads the choice kept in the models folder dir; without one,
// everything is automatic.
func ReadChoice(dir string) (Choice, error) {
	var c Choice
	data, err := os.ReadFile(filepath.Join(dir, choiceFile))
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("read model choice: %w", err)
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return Choice{}, fmt.Errorf("read model choice %s: %w", filepath.Join(dir, choiceFile), err)
	}
	return c, nil
}

// WriteChoice keeps c in the models folder dir, replacing the file
// atomically so a reader never sees half of it.
func WriteChoice(dir string, c Choice) error {
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("save model choice: %w", err)
	}
	p := filepath.Join(dir, choiceFile)
	if err := os.WriteFile(p+".tmp", append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("save model choice: %w", err)
	}
	if err := os.Rename(p+".tmp", p); err != nil {
		return fmt.Errorf("save model choice: %w", err)
	}
	return nil
}

// Entry is one model of the manifest with its state in a models folder.
type Entry struct {
	Name    string
	Role    string // "embedder" or "reranker"
	Title   string
	Licence string
	Bytes   int64 // download size
	Default bool  // used when nothing else is chosen
	Builtin bool  // use-lite, from the npm registry (see Model.Builtin)
	Model   Model
	// Installed: every file in place (judged by size; Pull and Import
	// verify sha256 before putting a file in place).
	Installed bool
	// Downloaded counts the bytes in place, partial downloads included:
	// a Pull resumes from there.
	Downloaded int64
	// Active: the model that loading the folder uses now.
	Active bool
}

// Catalog lists every model of the manifest in its order (the built-in
// embedder first), with what is installed in dir and what the choice
// makes active. It reads file sizes only, so it is cheap enough to call
// whenever it is shown.
func Catalog(dir string, man Manifest, c Choice) ([]Entry, error) {
	sts, err := Present(dir, man)
	if err != nil {
		return nil, err
	}
	emb, rr := resolve(sts, c, false)
	var out []Entry
	for _, s := range sts {
		m := s.Model
		out = append(out, Entry{Name: m.Name, Role: m.Role, Title: m.Title, Licence: m.Licence, Bytes: m.Size(),
			Default: m.Default, Builtin: m.Builtin(), Model: m, Installed: s.Installed, Downloaded: Downloaded(dir, m),
			Active: (m.Role == "embedder" && emb.name == m.Name) || (m.Role == "reranker" && rr.name == m.Name)})
	}
	return out, nil
}

// Active returns the names of the embedder and reranker that loading dir
// with the saved choice uses ("" for none).
func Active(dir string, man Manifest) (embedder, reranker string, err error) {
	c, err := ReadChoice(dir)
	if err != nil {
		return "", "", err
	}
	sts, err := Present(dir, man)
	if err != nil {
		return "", "", err
	}
	emb, rr := resolve(sts, c, false)
	return emb.name, rr.name, nil
}

// picked is the model resolve chose for a role, or none (name "").
type picked struct {
	name  string
	model *Model
}

// resolve applies the choice to what is installed: a chosen model that is
// installed is used, None turns the role off, and anything else (nothing
// chosen, or a chosen model since removed) falls back to automatic.
func resolve(sts []Installation, c Choice, int8 bool) (emb, rr picked) {
	return resolveRole(sts, "embedder", c.Embedder, int8), resolveRole(sts, "reranker", c.Reranker, int8)
}

func resolveRole(sts []Installation, role, chosen string, int8 bool) picked {
	if chosen == None {
		return picked{}
	}
	for i := range sts {
		if m := sts[i].Model; chosen != "" && m.Name == chosen && m.Role == role && sts[i].Installed {
			return picked{name: m.Name, model: &sts[i].Model}
		}
	}
	if m := pick(sts, role, int8); m != nil {
		return picked{name: m.Name, model: m}
	}
	return picked{}
}
