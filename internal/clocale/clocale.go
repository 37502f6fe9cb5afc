// Package clocale keeps the GUI toolkit quiet in a C or POSIX locale
// (LC_ALL=C.UTF-8, as CI, servers, cron and containers set it). Fyne
// reads the locale in a package init and, for "C.UTF-8", logs "Fyne
// error: Error parsing user locale C" to stderr, before main runs: in
// every command of the one binary, and in every worker process it
// starts. Importing this package sets LANGUAGE=en in that case only,
// which Fyne's locale lookup reads before the C part; and it takes C
// and POSIX out of LANGUAGE, which Fyne would parse as languages.
//
// Every package that links Fyne's lang package must import it (app and
// main do), not only main: a test binary of the window, or of the CLI,
// is a binary of its own, with its own init and worker processes.
//
// It must run before Fyne's init. Go initialises packages in import-path
// order among those whose imports are done (the spec since Go 1.21):
// this package imports only os, and Fyne's lang package depends on
// text/template, which sorts after quire/… and imports os, so this init
// always runs first. TestCLocaleQuiet (main_test.go) holds it to that.
package clocale

import (
	"os"
	"strings"
)

func init() {
	if langs := os.Getenv("LANGUAGE"); langs != "" {
		if kept := withoutC(langs); kept != langs {
			os.Setenv("LANGUAGE", kept)
		}
	} else if isC(messagesLocale()) {
		os.Setenv("LANGUAGE", "en")
	}
}

// withoutC is a LANGUAGE list ("de:C.UTF-8") without its C and POSIX
// entries, or "en" if nothing else is left.
func withoutC(langs string) string {
	var kept []string
	for _, l := range strings.Split(langs, ":") {
		if l != "C" && l != "POSIX" && !isC(l) {
			kept = append(kept, l)
		}
	}
	if len(kept) == 0 {
		return "en"
	}
	return strings.Join(kept, ":")
}

// messagesLocale is the locale messages follow: the first of LC_ALL,
// LC_MESSAGES and LANG that is set.
func messagesLocale() string {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(k); v != "" {
			return v
		}
	}
	return ""
}

// isC reports a variant of the C or POSIX locale with an encoding or
// modifier ("C.UTF-8", "C.utf8", "POSIX@x"): the bare names are
// understood as English already.
func isC(loc string) bool {
	for _, c := range []string{"C", "POSIX"} {
		if rest, ok := strings.CutPrefix(loc, c); ok && rest != "" && (rest[0] == '.' || rest[0] == '@') {
			return true
		}
	}
	return false
}
