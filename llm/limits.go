package llm

import (
	"errors"
	"fmt"
)

// Limits on what goes into and comes out of an answer. Without them a
// pasted 12 MB "question" took 73 s and 5.7 GB to search and answer, and
// a server that never stops writing filled memory.
const (
	// MaxQuestionBytes bounds a question: a few pasted paragraphs. The
	// search and answer costs grow with its words.
	MaxQuestionBytes = 8 << 10
	// MaxAnswerBytes bounds the text a model may write for one answer,
	// reasoning included: far above MaxTokens' 1024 tokens (about 4 KB),
	// for servers that ignore it.
	MaxAnswerBytes = 256 << 10
)

// ErrTooLong is matched (errors.Is) by every *TooLongError.
var ErrTooLong = errors.New("too long")

// TooLongError says that a question or an answer passed its limit.
type TooLongError struct {
	What  string // "the question", "the LLM server's answer"
	Size  int    // bytes seen; for a stream cut off, at least Limit+1
	Limit int    // bytes
}

func (e *TooLongError) Error() string {
	return fmt.Sprintf("%s is too long (%s; the limit is %s)", e.What, byteSize(e.Size), byteSize(e.Limit))
}

func (e *TooLongError) Unwrap() error { return ErrTooLong }

// CheckQuestion returns a *TooLongError for a question over
// MaxQuestionBytes, nil otherwise. The library calls it before
// searching, so the window and the command line refuse the same.
func CheckQuestion(q string) error {
	if len(q) > MaxQuestionBytes {
		return &TooLongError{What: "the question", Size: len(q), Limit: MaxQuestionBytes}
	}
	return nil
}

// byteSize writes n bytes for people: "812 bytes", "8 KB", "12.4 MB",
// rounding up, so that a size over a limit never reads as the limit.
func byteSize(n int) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return tenths(n, 1<<10) + " KB"
	}
	return tenths(n, 1<<20) + " MB"
}

// tenths is n/unit rounded up to a tenth, without a trailing ".0".
func tenths(n, unit int) string {
	t := (n*10 + unit - 1) / unit
	if t%10 == 0 {
		return fmt.Sprint(t / 10)
	}
	return fmt.Sprintf("%d.%d", t/10, t%10)
}
