package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// TestSecondaryTextContrast checks that secondary text (low-importance
// labels, place-holders) and the banner meet WCAG AA (4.5:1) on the
// backgrounds they are drawn on, in the dark and light variants.
func TestSecondaryTextContrast(t *testing.T) {
	th := newQuireTheme()
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground} {
			for _, fg := range []fyne.ThemeColorName{theme.ColorNameDisabled, theme.ColorNamePlaceHolder, theme.ColorNameForeground} {
				if c := contrast(th.Color(fg, v), th.Color(bg, v)); c < 4.5 {
					t.Errorf("variant %d: %s on %s has contrast %.2f:1, under 4.5:1", v, fg, bg, c)
				}
			}
		}
		if c := contrast(theme.DefaultTheme().Color(theme.ColorNameDisabled, v), theme.DefaultTheme().Color(theme.ColorNameBackground, v)); c >= 4.5 {
			t.Logf("note: Fyne's own grey now reaches %.2f:1", c)
		}
	}
}
