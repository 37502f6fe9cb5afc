package app

import "errors"

// ErrNoDisplay is returned by Run when there is no graphical session to
// open the window in (an SSH login, a server, CI): GLFW would panic deep
// in the toolkit instead of saying so.
var ErrNoDisplay = errors.New("no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set): run quire in a desktop session, or use its commands, such as quire ingest and quire ask (quire help lists them)")

// checkDisplay reports ErrNoDisplay on X11 and Wayland systems without a
// display; getenv reads the environment.
func checkDisplay(goos string, getenv func(string) string) error {
	switch goos {
	case "windows", "darwin", "android", "ios", "js":
		return nil
	}
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return ErrNoDisplay
	}
	return nil
}
