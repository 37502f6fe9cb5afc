package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"quire/library"
	"quire/llm"
)

// Words of the answers: streamed from a local LLM server, and the
// Settings section that chooses who writes them.
const (
	textSearching     = "Quire is searching your documents…"
	textWriting       = "Writing… (Esc stops)"
	textUnfinished    = "The text above is unfinished and its citations were not checked."
	textAnswers       = "Answers"
	textAnswersIntro  = "Quire's own answers quote the sentences of your documents that answer best. A language model on a local server (Ollama, llama.cpp, LM Studio…) can write them in its own words instead: it reads the same passages, must cite them, and its citations are checked; an answer that cites nothing is replaced by the quotes. Nothing leaves the server you name."
	textExtractive    = "Extractive (built in)"
	textLocalLLM      = "Local LLM server"
	textAPIAuto       = "Find out"
	textAPIOllama     = "Ollama"
	textAPIOpenAI     = "OpenAI-compatible"
	textUseServer     = "Use this server"
	textTestServer    = "Test connection"
	textNoServer      = "Give the server's URL and model, then Use this server."
	textAnswersSaved  = "Answers are written by %s."
	textAnswersOff    = "Answers quote your documents (built in)."
	textNoAnswersCore = "This library cannot change how answers are written."
)

// answersCore is what choosing the answerer needs from the library.
// *library.Library satisfies it; with a core that does not (tests'
// fakes), the Answers section says so.
type answersCore interface {
	LLM() (llm.ServerConfig, bool)
	SaveLLM(cfg *llm.ServerConfig) error
	CheckLLM(ctx context.Context, cfg llm.ServerConfig) ([]string, error)
}

var _ answersCore = (*library.Library)(nil)

// note is a line of small print under or above an answer.
func note(text string, imp widget.Importance) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// fallbackNote says why quotes stand in for the model's answer.
func fallbackNote(a llm.Answer) string {
	return "The language model's answer was set aside (" + a.Fallback + "); these are the passages that answer best."
}

// writtenBy names the model under its answer, and any citation it made
// up.
func writtenBy(a llm.Answer) string {
	s := "Written by " + a.Model + "; each [n] opens the passage it comes from."
	if len(a.Invalid) > 0 {
		var ns []string
		for _, n := range a.Invalid {
			ns = append(ns, fmt.Sprintf("[%d]", n))
		}
		s += " Removed citations of sources that do not exist: " + strings.Join(ns, ", ") + "."
	}
	return s
}

// answerError is the chat's words for a failed question: a server
// problem as the llm package words it, else plainError's.
func answerError(err error) string {
	var se *llm.ServerError
	if errors.As(err, &se) && !errors.Is(err, context.Canceled) {
		return se.Msg
	}
	return plainError(err)
}

// streamTo returns the OnToken callback for turn: pieces arrive on the
// asking goroutine, as fast as the model writes; they are gathered and
// shown in at most one fyne.Do at a time.
func (u *ui) streamTo(turn *turnView) func(string) {
	var mu sync.Mutex
	var pending strings.Builder
	queued := false
	return func(s string) {
		mu.Lock()
		pending.WriteString(s)
		again := queued
		queued = true
		mu.Unlock()
		if again {
			return
		}
		fyne.Do(func() {
			mu.Lock()
			text := pending.String()
			pending.Reset()
			queued = false
			mu.Unlock()
			if !u.closed.Load() {
				turn.appendText(text)
			}
		})
	}
}

// answersView is the Answers tab of the Settings dialog. It belongs to
// Fyne's goroutine.
type answersView struct {
	choice *widget.RadioGroup
	url    *widget.Entry
	api    *widget.Select
	model  *widget.SelectEntry
	models []string // the server's, as the last test found
	test   *widget.Button
	use    *widget.Button
	status *widget.Label
	form   *fyne.Container
	seq    int // orders tests; an older result is dropped
	root   fyne.CanvasObject
}

// newAnswersView builds the Answers tab from the library's choice.
func (u *ui) newAnswersView() *answersView {
	v := &answersView{status: widget.NewLabel("")}
	v.status.Wrapping = fyne.TextWrapWord
	heading := widget.NewLabelWithStyle(textAnswers, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	intro := widget.NewLabel(textAnswersIntro)
	intro.Wrapping = fyne.TextWrapWord
	lib, ok := u.core.(answersCore)
	if !ok {
		v.status.SetText(textNoAnswersCore)
		v.root = container.NewVBox(heading, intro, v.status)
		return v
	}

	v.url = widget.NewEntry()
	v.url.SetPlaceHolder("http://localhost:11434")
	v.api = widget.NewSelect([]string{textAPIAuto, textAPIOllama, textAPIOpenAI}, nil)
	v.model = widget.NewSelectEntry(nil)
	v.model.SetPlaceHolder("e.g. qwen2.5:3b — Test connection lists the server's models")
	v.test = widget.NewButtonWithIcon(textTestServer, theme.ViewRefreshIcon(), func() { u.testServer(v, lib) })
	v.use = widget.NewButtonWithIcon(textUseServer, theme.ConfirmIcon(), func() { u.useServer(v, lib) })
	v.use.Importance = widget.HighImportance
	v.form = container.NewVBox(
		container.New(layout.NewFormLayout(),
			widget.NewLabel("Server URL"), v.url,
			widget.NewLabel("API"), v.api,
			widget.NewLabel("Model"), v.model),
		container.NewHBox(v.test, v.use))

	cfg, on := lib.LLM()
	v.url.SetText(cfg.URL)
	v.api.SetSelected(apiOption(cfg.API))
	v.model.SetText(cfg.Model)
	v.choice = widget.NewRadioGroup([]string{textExtractive, textLocalLLM}, nil)
	v.choice.Horizontal = true
	v.choice.Required = true
	if on {
		v.choice.SetSelected(textLocalLLM)
		v.status.SetText(fmt.Sprintf(textAnswersSaved, cfg.Model+" on "+cfg.URL))
	} else {
		v.choice.SetSelected(textExtractive)
		v.status.SetText(textAnswersOff)
		v.form.Hide()
	}
	v.choice.OnChanged = func(s string) { u.chooseAnswerer(v, lib, s) }
	v.root = container.NewVBox(heading, intro, v.choice, v.form, v.status)
	return v
}

func modelCount(names []string) string {
	if len(names) == 1 {
		return "1 model"
	}
	return fmt.Sprintf("%d models", len(names))
}

func apiOption(a llm.API) string {
	switch a {
	case llm.APIOllama:
		return textAPIOllama
	case llm.APIOpenAI:
		return textAPIOpenAI
	}
	return textAPIAuto
}

// config is the server the form names.
func (v *answersView) config() llm.ServerConfig {
	cfg := llm.ServerConfig{URL: strings.TrimSpace(v.url.Text), Model: strings.TrimSpace(v.model.Text)}
	switch v.api.Selected {
	case textAPIOllama:
		cfg.API = llm.APIOllama
	case textAPIOpenAI:
		cfg.API = llm.APIOpenAI
	}
	return cfg
}

func (v *answersView) say(text string, imp widget.Importance) {
	v.status.Importance = imp
	v.status.SetText(text)
}

// chooseAnswerer applies the radio choice: extractive at once; the
// server once the form is filled and the user clicks Use this server.
func (u *ui) chooseAnswerer(v *answersView, lib answersCore, choice string) {
	if choice == textExtractive {
		v.form.Hide()
		if err := lib.SaveLLM(nil); err != nil {
			v.say("Could not save the choice: "+plainError(err), widget.DangerImportance)
			return
		}
		v.say(textAnswersOff, widget.MediumImportance)
		return
	}
	v.form.Show()
	if v.url.Text == "" {
		v.url.SetText("http://localhost:11434")
	}
	v.say(textNoServer, widget.MediumImportance)
}

// useServer saves the server the form names and puts it in use, then
// tests it.
func (u *ui) useServer(v *answersView, lib answersCore) {
	cfg := v.config()
	if cfg.Model == "" {
		v.say("Name the model first (Test connection lists the server's models).", widget.WarningImportance)
		return
	}
	if err := lib.SaveLLM(&cfg); err != nil {
		v.say("Could not use it: "+answerError(err), widget.DangerImportance)
		return
	}
	u.testServer(v, lib)
}

// testServer asks the server for its models in the background and says
// what it found: the models, and whether the chosen one is among them.
func (u *ui) testServer(v *answersView, lib answersCore) {
	cfg := v.config()
	v.seq++
	seq := v.seq
	v.say("Asking "+cfg.URL+"…", widget.MediumImportance)
	v.test.Disable()
	u.spawn(func() {
		ctx, cancel := context.WithTimeout(u.ctx, 15*time.Second)
		defer cancel()
		names, err := lib.CheckLLM(ctx, cfg)
		fyne.Do(func() {
			if u.closed.Load() || seq != v.seq {
				return
			}
			v.test.Enable()
			if len(names) > 0 {
				v.models = names
				v.model.SetOptions(names)
			}
			inUse, on := lib.LLM()
			active := on && inUse == cfg
			switch {
			case err == nil && active:
				v.say(fmt.Sprintf("Connected, in use: answers are written by %s. The server has %s: %s.", cfg.Model, modelCount(names), strings.Join(names, ", ")), widget.SuccessImportance)
			case err == nil:
				v.say(fmt.Sprintf("Connected: the server has %s (%s: %s). Click Use this server to have it write the answers.", cfg.Model, modelCount(names), strings.Join(names, ", ")), widget.SuccessImportance)
			case cfg.Model == "" && len(names) > 0:
				v.say(fmt.Sprintf("Connected: the server has %s: %s. Pick one in the Model list.", modelCount(names), strings.Join(names, ", ")), widget.SuccessImportance)
			case errors.Is(err, llm.ErrModelMissing) && len(names) > 0:
				v.say("Connected, but "+answerError(err)+". Pick one in the Model list.", widget.WarningImportance)
			default:
				msg := answerError(err)
				if active {
					msg += ". It is saved all the same: questions will fail until it answers, or choose Extractive."
				}
				v.say(msg, widget.DangerImportance)
			}
		})
	})
}
