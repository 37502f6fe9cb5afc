// Package pdf is Quire's own PDF text reader: it opens a file (repairing a
// broken cross-reference table, decrypting RC4 and AES streams itself),
// interprets each page's content stream and rebuilds the text from glyph
// positions.
//
// A gap wider than a fifth of an em between two glyphs is a space, a
// change of baseline is a new line, a larger vertical gap a new paragraph.
// The text it returns is the raw layout; normalising it (ligatures,
// hyphenation, white space) is the caller's.
//
// The reader trusts nothing in the file but is not hardened against every
// crash of the underlying parser: run it in a process that may die (ingest
// runs it in a worker process).
package pdf

import "errors"

// Sentinel errors callers distinguish. Each Open error wraps one of them.
var (
	ErrNotPDF   = errors.New("not a PDF")
	ErrPassword = errors.New("needs a password")
	ErrDamaged  = errors.New("damaged")
	ErrEmpty    = errors.New("empty file")
	// ErrUnsupported: a valid PDF that uses a feature the reader lacks
	// (today: AES-256 encryption that does not need a password).
	ErrUnsupported = errors.New("unsupported")
	// ErrContentTooLarge marks a page whose content exceeds the bound
	// the reader decodes.
	ErrContentTooLarge = errors.New("page content too large")
)
