// Quire answers questions about your own PDFs, offline, citing file and
// page for every claim. With no arguments it opens the window; with a
// command (ingest, ask, eval, …) it runs on the command line.
package main

import (
	"fmt"
	"os"

	"quire/app"
	"quire/cli"
	"quire/ingest"
	_ "quire/internal/clocale" // before Fyne reads the locale: see its doc
	"quire/library"
	"quire/render"
)

func main() {
	ingest.RunWorkerIfRequested()
	render.RunWorkerIfRequested()
	if len(os.Args) > 1 {
		os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
	}
	dir, err := library.DefaultDir()
	if err == nil {
		err = app.Run(dir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "quire:", err)
		os.Exit(1)
	}
}
