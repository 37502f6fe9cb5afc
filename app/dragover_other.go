//go:build !linux

package app

import "fyne.io/fyne/v2"

// newDragOver has no way to see a drag here: the window still takes
// drops, without the overlay.
func newDragOver(fyne.Window) dragOver { return nil }
