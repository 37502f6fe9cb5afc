package app

import (
	"context"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"quire/library"
	"quire/store"
)

// unlocker is what opening password-protected files needs of the core.
type unlocker interface {
	Unlock(ctx context.Context, path, password string, progress func(library.Event)) (library.Summary, error)
}

// askPassword asks for the password of a document that needs one and
// indexes it with that password. The password is not kept.
func (u *ui) askPassword(d store.Document) {
	unl, ok := u.core.(unlocker)
	if !ok {
		return
	}
	entry := &keyEntry{}
	entry.Password = true
	entry.ExtendBaseWidget(entry)
	items := []*widget.FormItem{widget.NewFormItem("Password", entry)}
	form := dialog.NewForm("Open "+store.Shown(d.Name), "Open", "Cancel", items, func(open bool) {
		if !open || entry.Text == "" {
			return
		}
		if u.ingestCancel != nil {
			u.banner.SetText("Wait for the indexing to finish, then open " + store.Shown(d.Name) + " again.")
			return
		}
		pw := entry.Text
		u.startIngest(func(ctx context.Context, progress func(library.Event)) (library.Summary, error) {
			return unl.Unlock(ctx, d.Path, pw, progress)
		})
	}, u.win)
	entry.onSubmit = func(string) { form.Submit() } // Enter opens
	entry.onEscape = form.Hide                      // Esc cancels
	u.passwordForm = form
	form.Show()
	u.win.Canvas().Focus(entry)
}
