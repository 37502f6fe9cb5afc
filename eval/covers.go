package eval

// Covers reports whether a chunk of file spanning pages pageStart to
// pageEnd holds one of the question's evidence pages (the test every
// page hit in this package uses).
func (q Question) Covers(file string, pageStart, pageEnd int) bool {
	return covers(q, file, pageStart, pageEnd)
}

// HasPage reports whether the question's evidence names a page.
func (q Question) HasPage() bool { return hasPage(q) }
