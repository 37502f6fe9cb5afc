package app

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

const prefAddDir = "add.dir" // the folder the Add PDFs dialog showed last

// addDialog is "Add PDFs…": a folder's PDFs with a checkbox each, so
// several are added in one trip, and a box where paths can be typed or
// pasted (one per line, files or folders). Fyne's own file dialog picks
// one file and takes no typed path.
type addDialog struct {
	dir     string
	entries []addEntry      // the folder's subfolders, then its PDFs
	chosen  map[string]bool // ticked PDFs, by path; kept across folders
	onAdd   func(paths []string)

	where  *widget.Label
	list   *widget.List
	paths  *keyEntry
	note   *widget.Label // why typed paths were refused, or what is ticked
	addBtn *widget.Button
	dlg    *dialog.CustomDialog
}

type addEntry struct {
	name string
	dir  bool
}

// showAddFiles opens the Add PDFs dialog at the folder used last.
func (u *ui) showAddFiles() {
	pref := u.app.Preferences()
	start := pref.String(prefAddDir)
	if info, err := os.Stat(start); start == "" || err != nil || !info.IsDir() {
		start, _ = os.UserHomeDir()
	}
	d := newAddDialog(start, func(paths []string) {
		if len(paths) > 0 {
			pref.SetString(prefAddDir, filepath.Dir(paths[0]))
		}
		u.add(paths)
	})
	d.dlg = dialog.NewCustomWithoutButtons("Add PDFs to the library", d.content(), u.win)
	d.dlg.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", d.dlg.Hide), d.addBtn})
	d.paths.onEscape = d.dlg.Hide
	d.dlg.Resize(dialogSize(u.win))
	u.addDlg = d
	d.dlg.Show()
	u.win.Canvas().Focus(d.paths)
}

func newAddDialog(dir string, onAdd func([]string)) *addDialog {
	d := &addDialog{chosen: map[string]bool{}, onAdd: onAdd}
	d.where = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.where.Truncation = fyne.TextTruncateEllipsis
	d.note = widget.NewLabel("")
	d.note.Wrapping = fyne.TextWrapWord
	d.paths = newKeyEntry("Type or paste paths of PDFs or folders, one per line (Enter opens a folder)")
	d.paths.MultiLine = true
	d.paths.SetMinRowsVisible(2)
	d.paths.onSubmit = d.submitTyped
	d.paths.OnChanged = func(string) { d.refreshNote() }
	d.addBtn = widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), d.confirm)
	d.addBtn.Importance = widget.HighImportance
	d.list = widget.NewList(
		func() int { return len(d.entries) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, container.NewStack(widget.NewCheck("", nil), widget.NewIcon(nil)), nil, widget.NewLabel(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { d.bindRow(id, o.(*fyne.Container)) },
	)
	d.list.OnSelected = func(id widget.ListItemID) {
		d.list.UnselectAll()
		if id < len(d.entries) {
			d.tap(d.entries[id])
		}
	}
	d.open(dir)
	return d
}

func (d *addDialog) content() fyne.CanvasObject {
	up := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { d.open(filepath.Dir(d.dir)) })
	all := widget.NewButton("Tick all PDFs here", d.tickAll)
	top := container.NewBorder(nil, nil, up, all, d.where)
	typeHere := widget.NewLabel("Or type or paste paths of PDFs or folders, one per line:")
	typeHere.Importance = widget.LowImportance
	bottom := container.NewVBox(widget.NewSeparator(), typeHere, d.paths, d.note)
	return container.NewBorder(top, bottom, nil, nil, d.list)
}

// open shows the folder dir: its subfolders, then its PDFs, by name.
func (d *addDialog) open(dir string) {
	items, err := os.ReadDir(dir)
	if err != nil {
		d.note.SetText("Could not open " + dir + ": " + plainError(err) + ".")
		return
	}
	d.dir = dir
	d.entries = d.entries[:0]
	for _, it := range items {
		name := it.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		isDir := it.IsDir()
		if it.Type()&os.ModeSymlink != 0 {
			if info, err := os.Stat(filepath.Join(dir, name)); err == nil {
				isDir = info.IsDir()
			}
		}
		if isDir || strings.EqualFold(filepath.Ext(name), ".pdf") {
			d.entries = append(d.entries, addEntry{name: name, dir: isDir})
		}
	}
	sort.SliceStable(d.entries, func(i, j int) bool {
		a, b := d.entries[i], d.entries[j]
		if a.dir != b.dir {
			return a.dir
		}
		return strings.ToLower(a.name) < strings.ToLower(b.name)
	})
	d.where.SetText(dir)
	if d.dlg != nil { // the list is drawn: it has a scroller
		d.list.ScrollToTop()
	}
	d.list.Refresh()
	d.refreshNote()
}

func (d *addDialog) bindRow(id widget.ListItemID, row *fyne.Container) {
	if id >= len(d.entries) {
		return
	}
	e := d.entries[id]
	left := row.Objects[1].(*fyne.Container)
	check, icon := left.Objects[0].(*widget.Check), left.Objects[1].(*widget.Icon)
	label := row.Objects[0].(*widget.Label)
	path := filepath.Join(d.dir, e.name)
	check.OnChanged = nil
	if e.dir {
		check.Hide()
		icon.SetResource(theme.FolderIcon())
		icon.Show()
		label.SetText(e.name + string(filepath.Separator))
		return
	}
	icon.Hide()
	check.Show()
	check.SetChecked(d.chosen[path])
	check.OnChanged = func(on bool) { d.setChosen(path, on) }
	label.SetText(e.name)
}

// tap opens a folder, or ticks and unticks a PDF.
func (d *addDialog) tap(e addEntry) {
	path := filepath.Join(d.dir, e.name)
	if e.dir {
		d.open(path)
		return
	}
	d.setChosen(path, !d.chosen[path])
	d.list.Refresh()
}

func (d *addDialog) setChosen(path string, on bool) {
	if on {
		d.chosen[path] = true
	} else {
		delete(d.chosen, path)
	}
	d.refreshNote()
}

func (d *addDialog) tickAll() {
	for _, e := range d.entries {
		if !e.dir {
			d.chosen[filepath.Join(d.dir, e.name)] = true
		}
	}
	d.list.Refresh()
	d.refreshNote()
}

// refreshNote says how many PDFs are ticked and names the Add button.
func (d *addDialog) refreshNote() {
	n := len(d.chosen)
	typed := len(typedPaths(d.paths.Text))
	switch {
	case n == 0 && typed == 0:
		d.note.SetText("Tick PDFs above, or type their paths.")
		d.addBtn.SetText("Add")
		d.addBtn.Disable()
		return
	}
	d.note.SetText(chosenLine(n, typed))
	d.addBtn.Enable()
	d.addBtn.SetText(fmt.Sprintf("Add %d", n+typed))
}

// chosenLine is "2 PDFs ticked, 1 path typed."
func chosenLine(ticked, typed int) string {
	plural := func(n int, one, many string) string {
		if n == 1 {
			return "1 " + one
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	s := plural(ticked, "PDF ticked", "PDFs ticked")
	if typed > 0 {
		s += ", " + plural(typed, "path typed", "paths typed")
	}
	return s + "."
}

// submitTyped is Enter in the paths box: a single folder is opened,
// anything else is added.
func (d *addDialog) submitTyped(text string) {
	paths := typedPaths(text)
	if len(paths) == 1 {
		if info, err := os.Stat(paths[0]); err == nil && info.IsDir() && len(d.chosen) == 0 {
			d.paths.SetText("")
			d.open(paths[0])
			return
		}
	}
	d.confirm()
}

// confirm adds the ticked PDFs and the typed paths; a typed path that
// does not exist keeps the dialog open and says so.
func (d *addDialog) confirm() {
	var paths, missing []string
	for p := range d.chosen {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range typedPaths(d.paths.Text) {
		if _, err := os.Stat(p); err != nil {
			missing = append(missing, p)
			continue
		}
		paths = append(paths, p)
	}
	if len(missing) > 0 {
		d.note.SetText("Not found: " + strings.Join(missing, ", ") + ". Correct the path, or remove it from the box.")
		return
	}
	if len(paths) == 0 {
		return
	}
	if d.dlg != nil {
		d.dlg.Hide()
	}
	d.onAdd(paths)
}

// typedPaths reads the paths box: one path a line, quotes a file manager
// adds when copying stripped, file:// URIs and a leading ~ understood.
func typedPaths(text string) []string {
	var out []string
	home, _ := os.UserHomeDir()
	for _, line := range strings.Split(text, "\n") {
		p := strings.TrimSpace(line)
		p = strings.Trim(p, `"'`)
		p = strings.TrimPrefix(p, "file://")
		if p == "" {
			continue
		}
		if home != "" && (p == "~" || strings.HasPrefix(p, "~/")) {
			p = filepath.Join(home, p[1:])
		}
		out = append(out, filepath.Clean(p))
	}
	return out
}
