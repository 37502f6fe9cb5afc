package library

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"quire/llm"
	"quire/search"
)

// llmSetting holds the saved LLM server choice as JSON; absent means the
// built-in extractive answerer.
const llmSetting = "answer.llm"

// LLM returns the configuration of the LLM server that writes answers,
// and false when the built-in extractive answerer does.
func (l *Library) LLM() (llm.ServerConfig, bool) {
	ep := l.server.Load()
	if ep == nil {
		return llm.ServerConfig{}, false
	}
	return ep.Config(), true
}

// SetLLM puts a local LLM server in use for the questions asked from now
// on, or the extractive answerer when cfg is nil, without saving the
// choice (SaveLLM saves it). It makes no request: a server that is down
// fails the questions, in plain words.
func (l *Library) SetLLM(cfg *llm.ServerConfig) error {
	if cfg == nil {
		l.server.Store(nil)
		return nil
	}
	ep, err := llm.NewEndpoint(*cfg)
	if err != nil {
		return err
	}
	l.server.Store(ep)
	return nil
}

// SaveLLM saves the choice of answerer in the library, where the window
// and the command line both find it, and puts it in use. An API key in
// cfg.Key is saved as it is; cfg.KeyEnv, naming an environment
// variable, keeps it out of the library.
func (l *Library) SaveLLM(cfg *llm.ServerConfig) error {
	if cfg == nil {
		if err := l.store.DeleteSettings(llmSetting); err != nil {
			return fmt.Errorf("save answerer: %w", err)
		}
		return l.SetLLM(nil)
	}
	if _, err := llm.NewEndpoint(*cfg); err != nil {
		return err
	}
	b, err := json.Marshal(cfg)
	if err != nil {
		return err
	}
	if err := l.store.SetSetting(llmSetting, string(b)); err != nil {
		return fmt.Errorf("save answerer: %w", err)
	}
	return l.SetLLM(cfg)
}

// SavedLLM returns the saved LLM server choice, nil for the extractive
// answerer.
func (l *Library) SavedLLM() (*llm.ServerConfig, error) {
	v, ok, err := l.store.Setting(llmSetting)
	if err != nil || !ok {
		return nil, err
	}
	var cfg llm.ServerConfig
	if err := json.Unmarshal([]byte(v), &cfg); err != nil {
		return nil, fmt.Errorf("saved LLM server setting: %w", err)
	}
	return &cfg, nil
}

// useSavedLLM puts the saved choice in use; Open calls it. A setting it
// cannot read leaves the extractive answerer in use.
func (l *Library) useSavedLLM() {
	cfg, err := l.SavedLLM()
	if err == nil && cfg != nil {
		err = l.SetLLM(cfg)
	}
	if err != nil {
		slog.Warn("LLM server setting ignored; answers are extractive", "err", err)
	}
}

// CheckLLM asks the server cfg names for its models, and whether cfg's
// model is among them (llm.ErrModelMissing, with the list, if not). The
// Settings window's "Test connection" and quire llm show use it.
func (l *Library) CheckLLM(ctx context.Context, cfg llm.ServerConfig) ([]string, error) {
	ep, err := llm.NewEndpoint(cfg)
	if err != nil {
		return nil, err
	}
	return ep.Check(ctx)
}

// answer writes the answer with the answerer in use, streaming its text
// to onToken (if not nil) when an LLM server writes it.
func (l *Library) answer(ctx context.Context, e *engine, question string, res search.Result, onToken func(string)) (llm.Answer, error) {
	ep := l.server.Load()
	ext, ok := e.answerer.(llm.Extractive)
	if ep == nil || !ok {
		return e.answerer.Answer(ctx, question, res)
	}
	return llm.Server{Endpoint: ep, Extractive: ext}.AnswerStream(ctx, question, res, onToken)
}
