package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"quire/lang"
	"quire/library"
	"quire/store"
)

func cmdDocs(ctx context.Context, args []string, out io.Writer) error {
	var db string
	if _, err := parse(flags("docs", &db), args); err != nil {
		return err
	}
	lib, err := openLibrary(db, false)
	if err != nil {
		return err
	}
	defer lib.Close()
	docs, err := lib.Documents()
	if err != nil {
		return err
	}
	if len(docs) == 0 {
		fmt.Fprintln(out, "The library is empty. Add PDFs with: quire ingest PATH...")
	}
	installed, enabled := lib.OCRState()
	for _, d := range docs {
		state := string(d.Status)
		switch d.Status {
		case store.StatusNoText:
			state = "no text layer"
		case store.StatusError:
			state = "could not be read: " + d.Error
		}
		if d.Lang != "" && d.Lang != lang.English {
			state += " · " + lang.Name(d.Lang)
		}
		if s := library.OCRStatus(d, installed, enabled); s != "" {
			state += " · " + s
		}
		fmt.Fprintf(out, "%4d  %s  %d pp · %s\n", d.ID, store.Shown(d.Name), d.Pages, state)
	}
	return nil
}

func cmdRemove(ctx context.Context, args []string, out io.Writer) error {
	var db string
	ids, err := parse(flags("remove", &db), args)
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return errors.New("name the ids of the documents to remove (see quire docs)")
	}
	lib, err := openLibrary(db, false)
	if err != nil {
		return err
	}
	defer lib.Close()
	for _, s := range ids {
		id, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return fmt.Errorf("%q is not a document id", s)
		}
		if err := lib.Remove(id); err != nil {
			return err
		}
		fmt.Fprintf(out, "removed %d\n", id)
	}
	return nil
}
