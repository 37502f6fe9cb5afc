package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"quire/library"
)

// FollowUp is one line of a follow-ups file: a question that leans on
// earlier ones (Context, asked first, in order), with its own evidence.
// "And how many employees does it have?" after "Who is the CEO of
// Zentara Robotics?" is answerable only with the conversation's context.
type FollowUp struct {
	Question
	Context []string `json:"context"`
}

// ReadFollowUps reads a follow-ups file (qa.jsonl lines with "context").
func ReadFollowUps(path string) ([]FollowUp, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read follow-ups: %w", err)
	}
	var fs []FollowUp
	for i, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var f FollowUp
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			return nil, fmt.Errorf("read follow-ups: %s line %d: %w", path, i+1, err)
		}
		if len(f.Context) == 0 {
			return nil, fmt.Errorf("read follow-ups: %s line %d: no context", path, i+1)
		}
		fs = append(fs, f)
	}
	return fs, nil
}

// FollowUpReport compares follow-up questions searched as they were asked
// (Without) and as the conversation rewrites them (With).
type FollowUpReport struct {
	Without   Summary  `json:"without_context"`
	With      Summary  `json:"with_context"`
	Rewritten []string `json:"rewritten"` // each follow-up as searched with context
	Questions []Result `json:"questions"` // with context
}

// RunFollowUps scores every follow-up twice: alone, and rewritten from its
// context with lib.Standalone, the rewrite the window and `quire ask
// --chat` use.
func RunFollowUps(ctx context.Context, lib *library.Library, fs []FollowUp, opts Options) (FollowUpReport, error) {
	alone := make([]Question, len(fs))
	withCtx := make([]Question, len(fs))
	var rep FollowUpReport
	for i, f := range fs {
		alone[i] = f.Question
		var h []library.Exchange
		for _, q := range f.Context {
			h = append(h, library.Exchange{Question: q, Standalone: lib.Standalone(ctx, h, q)})
		}
		withCtx[i] = f.Question
		withCtx[i].Question = lib.Standalone(ctx, h, f.Question.Question)
		rep.Rewritten = append(rep.Rewritten, withCtx[i].Question)
	}
	without, err := Run(ctx, lib, alone, opts, nil)
	if err != nil {
		return rep, err
	}
	with, err := Run(ctx, lib, withCtx, opts, nil)
	if err != nil {
		return rep, err
	}
	rep.Without, rep.With, rep.Questions = without.Summary, with.Summary, with.Questions
	return rep, nil
}
