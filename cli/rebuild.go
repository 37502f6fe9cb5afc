package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"quire/library"
)

// cmdRebuild starts a damaged library afresh: it reads again the PDFs
// that the damaged files name and that are still on disk.
func cmdRebuild(ctx context.Context, args []string, out io.Writer) error {
	var db string
	fs := flags("rebuild", &db)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if db == "" {
		var err error
		if db, err = library.DefaultDir(); err != nil {
			return err
		}
	}
	lib, sum, err := library.Rebuild(ctx, db, library.Options{}, nil)
	if lib != nil {
		defer lib.Close()
	}
	printSummary(out, sum)
	return err
}

// damagedHint adds to an error of a damaged library what to do about it.
func damagedHint(err error, db string) error {
	if !errors.Is(err, library.ErrDamaged) {
		return err
	}
	flag := ""
	if db != "" {
		flag = " --db " + db
	}
	return fmt.Errorf("%w.\nRun `quire rebuild%s` to read again the PDFs it held that are still on disk", err, flag)
}
