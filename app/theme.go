package app

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// quireTheme is Fyne's default theme with secondary text readable: the
// default draws low-importance labels (file status lines, notes, the
// banner) in its "disabled" grey, about 1.6:1 on the dark background;
// these greys meet WCAG AA's 4.5:1 on either background.
type quireTheme struct{ fyne.Theme }

var (
	secondaryOnDark  = color.NRGBA{R: 0x8c, G: 0x8c, B: 0x8c, A: 0xff}
	secondaryOnLight = color.NRGBA{R: 0x6e, G: 0x6e, B: 0x6e, A: 0xff}
)

func newQuireTheme() fyne.Theme { return quireTheme{theme.DefaultTheme()} }

func (t quireTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled || n == theme.ColorNamePlaceHolder {
		if v == theme.VariantLight {
			return secondaryOnLight
		}
		return secondaryOnDark
	}
	return t.Theme.Color(n, v)
}

// contrast is the WCAG contrast ratio of two colours (1 to 21).
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
