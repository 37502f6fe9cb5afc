package cli

import (
	"context"
	"fmt"
	"io"
)

// cmdWatch lists, adds or (with --stop) removes watched folders; with
// --sync it brings the library in line with them, as the window does
// every few seconds.
func cmdWatch(ctx context.Context, args []string, out io.Writer) error {
	var db string
	fs := flags("watch", &db)
	stop := fs.Bool("stop", false, "stop watching the folders named")
	sync := fs.Bool("sync", false, "ingest what was added or changed in the watched folders, remove what was deleted")
	dirs, err := parse(fs, args)
	if err != nil {
		return err
	}
	lib, err := openLibrary(db, !*stop && *sync)
	if err != nil {
		return err
	}
	defer lib.Close()
	for _, d := range dirs {
		edit := lib.Watch
		if *stop {
			edit = lib.Unwatch
		}
		if err := edit(d); err != nil {
			return fmt.Errorf("watch %s: %w", d, err)
		}
	}
	if *sync {
		sum, err := lib.Sync(ctx, nil)
		printSummary(out, sum)
		if sum.Removed > 0 {
			fmt.Fprintf(out, "%d removed: their files were deleted\n", sum.Removed)
		}
		if err != nil {
			return err
		}
	}
	watched, err := lib.Watched()
	if err != nil {
		return err
	}
	if len(watched) == 0 {
		fmt.Fprintln(out, "No folder is watched. Watch one with: quire watch DIR")
	}
	for _, d := range watched {
		fmt.Fprintln(out, "watching", d)
	}
	return nil
}
