// Package assets holds the files Quire ships inside its binary.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:generate go run ./icongen icon.png

//go:embed icon.png
var iconPNG []byte

// Icon is Quire's application icon (512×512 PNG). FyneApp.toml points at the
// same file for packaging.
var Icon fyne.Resource = fyne.NewStaticResource("icon.png", iconPNG)
