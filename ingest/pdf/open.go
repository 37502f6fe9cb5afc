package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// Document is an opened PDF with its pages located. Its pages are read
// one at a time (it is not safe for concurrent use): decoded fonts are
// shared between them.
type Document struct {
	r        *pdf.Reader
	crypt    *decrypter // nil unless Quire decrypts the streams itself
	pages    []pageRef
	numPages int  // pages the document declares; len(pages) unless its page tree is broken
	repaired bool // cross-reference table rebuilt from a scan of the file
	fonts    map[string]*fontInfo
}

// pageRef is a page dictionary with its inherited resources.
type pageRef struct {
	v, resources pdf.Value
	mediaBox     pdf.Value // inherited like the resources
}

// vfile presents a file to the pdf package with small virtual edits: a
// prefix (a header for files that lack one), a patch over the first bytes,
// a shorter length (trailing junk cut off) and a suffix (a rebuilt
// cross-reference stream). Offsets seen by the pdf package include the
// prefix.
type vfile struct {
	f        io.ReaderAt
	prefix   []byte
	patch    []byte
	overlays []overlay // further patches over bytes of f
	n        int64     // bytes of f to show
	suffix   []byte
}

// overlay replaces the bytes of f at off.
type overlay struct {
	off int64
	b   []byte
}

func (v *vfile) size() int64 { return int64(len(v.prefix)) + v.n + int64(len(v.suffix)) }

func (v *vfile) ReadAt(p []byte, off int64) (int, error) {
	total := 0
	for len(p) > 0 {
		if off < 0 {
			return total, errors.New("negative offset")
		}
		pl := int64(len(v.prefix))
		switch {
		case off < pl:
			n := copy(p, v.prefix[off:])
			p, off, total = p[n:], off+int64(n), total+n
		case off < pl+v.n:
			fo := off - pl
			want := int64(len(p))
			if fo+want > v.n {
				want = v.n - fo
			}
			n, err := v.f.ReadAt(p[:want], fo)
			// Apply the header patch.
			for i := 0; i < n; i++ {
				if j := fo + int64(i); j < int64(len(v.patch)) {
					p[i] = v.patch[j]
				}
			}
			for _, o := range v.overlays {
				for i, c := range o.b {
					if j := o.off + int64(i) - fo; j >= 0 && j < int64(n) {
						p[j] = c
					}
				}
			}
			p, off, total = p[n:], off+int64(n), total+n
			if err != nil && err != io.EOF {
				return total, err
			}
			if n < int(want) {
				return total, io.EOF
			}
		case off < pl+v.n+int64(len(v.suffix)):
			n := copy(p, v.suffix[off-pl-v.n:])
			p, off, total = p[n:], off+int64(n), total+n
		default:
			return total, io.EOF
		}
	}
	return total, nil
}

var (
	headerRE  = regexp.MustCompile(`^%PDF-1\.[0-7][\r\n]`)
	objRE     = regexp.MustCompile(`(?:^|[\s>\]])\d{1,10}\s+\d{1,5}\s+obj\b`)
	prevRE    = regexp.MustCompile(`/Prev\s+(\d+)`)
	rootRE    = regexp.MustCompile(`/Root\s+(\d+)\s+(\d+)\s+R`)
	encryptRE = regexp.MustCompile(`/Encrypt\s+(\d+)\s+(\d+)\s+R`)
	idRE      = regexp.MustCompile(`/ID\s*\[[^\]]{0,400}\]`)
)

// maxRepairBytes bounds the files whose xref we rebuild in memory.
const maxRepairBytes = 512 << 20

// Open opens path and locates its pages, rebuilding a broken
// cross-reference table if needed. Errors wrap ErrNotPDF, ErrEmpty,
// ErrPassword, ErrUnsupported or ErrDamaged. The file stays open for the
// life of the process (a worker reads one document and exits).
//
// With repairOnly the pdf package's own cross-reference parser is not
// used at all (a retry after it crashed the worker).
func Open(path, password string, repairOnly bool) (*Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	// f stays open for the life of the worker process.
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	size := st.Size()
	if size == 0 {
		return nil, ErrEmpty
	}
	// Small enough files are read into memory: the pdf package re-reads
	// objects on every access, and memory is much cheaper than pread.
	var data []byte
	var src io.ReaderAt = f
	if size <= maxRepairBytes {
		data = make([]byte, size)
		if _, err := f.ReadAt(data, 0); err != nil && err != io.EOF {
			return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
		}
		src = bytes.NewReader(data)
	}
	head := make([]byte, min(size, 1024))
	if _, err := f.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	hdr := bytes.Index(head, []byte("%PDF-"))
	if hdr < 0 {
		probe := make([]byte, min(size, 64<<10))
		f.ReadAt(probe, 0)
		if !objRE.Match(probe) {
			return nil, fmt.Errorf("%w: no PDF header", ErrNotPDF)
		}
	}
	pwFunc := func() func() string {
		tried := false
		return func() string {
			if tried {
				return ""
			}
			tried = true
			return password
		}
	}

	// Files whose streams and strings are not encrypted (only attachments
	// are, or the crypt filters are Identity) are read as plain files.
	var hide []overlay
	var crypt *decrypter
	if data != nil && encryptDict(data) != nil {
		if unencryptedContent(data) {
			hide = hideEncrypt(data)
		} else {
			c, err := newDecrypter(data, password)
			switch {
			case err == nil:
				hide = hideEncrypt(data)
				crypt = c
			case errors.Is(err, errNoEncryption):
				hide = hideEncrypt(data)
			case errors.Is(err, ErrPassword), errors.Is(err, ErrUnsupported):
				return nil, err
			}
		}
	}
	var firstErr error
	if repairOnly {
		firstErr = errors.New("worker died reading the cross-reference table")
	}
	if hdr == 0 && !repairOnly {
		vf := &vfile{f: src, n: size, overlays: hide}
		if !headerRE.Match(head) {
			vf.patch = headerPatch(head)
		}
		vf.n = trimTrailingJunk(src, size)
		if data != nil && absurdXrefSize(data) {
			firstErr = errors.New("cross-reference table size out of range")
		} else if !xrefChainLoops(src, vf.n) {
			// Objects inside object streams cost a decompression of the
			// whole stream on every access; unpack them once.
			if data != nil && bytes.Contains(data, []byte("/ObjStm")) {
				if flat, err := repair(data, hdr, hide, crypt, pwFunc); err == nil {
					flat.repaired = false
					return flat, nil
				}
			}
			if crypt != nil {
				crypt.shift = 0
			}
			doc, err := openWith(vf, pwFunc())
			if err == nil {
				doc.crypt = crypt
				return doc, nil
			}
			if errors.Is(err, ErrPassword) || errors.Is(err, ErrUnsupported) {
				return nil, err
			}
			firstErr = err
		} else {
			firstErr = errors.New("cross-reference chain loops")
		}
	}
	if data == nil {
		return nil, fmt.Errorf("%w: %v", ErrDamaged, firstErr)
	}
	doc, err := repair(data, hdr, hide, crypt, pwFunc)
	if err == nil {
		return doc, nil
	}
	if errors.Is(err, ErrPassword) || errors.Is(err, ErrUnsupported) {
		return nil, err
	}
	if firstErr == nil {
		firstErr = err
	}
	if hdr < 0 {
		return nil, fmt.Errorf("%w: no PDF header and no readable PDF structure: %v", ErrNotPDF, firstErr)
	}
	if errors.Is(firstErr, ErrDamaged) {
		return nil, firstErr
	}
	return nil, fmt.Errorf("%w: %v", ErrDamaged, firstErr)
}

// trimTrailingJunk returns the length of the file up to its last %%EOF
// (the pdf package wants the marker within the last 100 bytes).
func trimTrailingJunk(f io.ReaderAt, size int64) int64 {
	const tail = 64 << 10
	start := max(0, size-tail)
	buf := make([]byte, size-start)
	f.ReadAt(buf, start)
	i := bytes.LastIndex(buf, []byte("%%EOF"))
	if i < 0 {
		return size
	}
	return start + int64(i) + 5
}

// xrefChainLoops follows startxref and the /Prev links and reports whether
// they loop (the pdf package would follow them forever).
func xrefChainLoops(f io.ReaderAt, size int64) bool {
	buf := make([]byte, min(size, 2048))
	f.ReadAt(buf, size-int64(len(buf)))
	i := bytes.LastIndex(buf, []byte("startxref"))
	if i < 0 {
		return false
	}
	fields := strings.Fields(string(buf[i+9:]))
	if len(fields) == 0 {
		return false
	}
	off, err := strconv.ParseInt(fields[0], 10, 64)
	if err != nil {
		return false
	}
	seen := map[int64]bool{}
	for step := 0; step < 1000; step++ {
		if off <= 0 || off >= size {
			return false
		}
		if seen[off] {
			return true
		}
		seen[off] = true
		chunk := make([]byte, min(size-off, 1<<20))
		f.ReadAt(chunk, off)
		// The section's dictionary: the trailer after a table, or the
		// stream dictionary of an xref stream.
		if j := bytes.Index(chunk, []byte("trailer")); bytes.HasPrefix(chunk, []byte("xref")) && j >= 0 {
			chunk = chunk[j:]
		}
		if j := bytes.Index(chunk, []byte(">>")); j >= 0 {
			chunk = chunk[:j]
		}
		m := prevRE.FindSubmatch(chunk)
		if m == nil {
			return false
		}
		off, _ = strconv.ParseInt(string(m[1]), 10, 64)
	}
	return true
}

// openWith opens the virtual file and locates the pages.
func openWith(vf *vfile, pw func() string) (doc *Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("%w: %v", ErrDamaged, r)
		}
	}()
	r, err := pdf.NewReaderEncrypted(vf, vf.size(), pw)
	if err != nil {
		return nil, classifyOpenError(vf, err)
	}
	doc = &Document{r: r}
	root := r.Trailer().Key("Root").Key("Pages")
	pages, err := walkPages(root)
	if len(pages) == 0 {
		if n := declaredPages(root); n > 0 {
			// The page tree is broken but names its page count: the
			// document opens, and its pages show nothing readable.
			doc.numPages = n
			return doc, nil
		}
		if err == nil {
			err = errors.New("no pages")
		}
		return nil, fmt.Errorf("%w: %v", ErrDamaged, err)
	}
	doc.pages = pages
	doc.numPages = len(pages)
	return doc, nil
}

func classifyOpenError(vf *vfile, err error) error {
	if errors.Is(err, pdf.ErrInvalidPassword) {
		return fmt.Errorf("%w: %v", ErrPassword, err)
	}
	msg := err.Error()
	if strings.Contains(msg, "encryption") {
		// AES-256 (revisions 5 and 6): tell a password-protected file from
		// one that merely restricts printing or copying.
		if needs, known := aes256NeedsPassword(vf); known && needs {
			return fmt.Errorf("%w: %v", ErrPassword, err)
		}
		return fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	return fmt.Errorf("%w: %v", ErrDamaged, err)
}

// walkPages lists the leaves of the page tree, in order, with their
// inherited resources. Loops and absurd depths are cut off.
func walkPages(root pdf.Value) (pages []pageRef, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("page tree: %v", r)
		}
	}()
	type item struct {
		v     pdf.Value
		res   pdf.Value
		box   pdf.Value
		depth int
	}
	const (
		maxDepth = 1024
		maxNodes = 2_000_000
	)
	if root.Kind() != pdf.Dict {
		return nil, errors.New("no page tree")
	}
	seen := map[string]bool{}
	stack := []item{{v: root}}
	visited := 0
	for len(stack) > 0 && visited < maxNodes {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		visited++
		res := it.res
		if r := it.v.Key("Resources"); r.Kind() == pdf.Dict {
			res = r
		}
		box := it.box
		if b := it.v.Key("MediaBox"); b.Kind() == pdf.Array {
			box = b
		}
		kids := it.v.Key("Kids")
		if it.v.Key("Type").Name() != "Page" && kids.Kind() == pdf.Array {
			if it.depth >= maxDepth {
				continue
			}
			key := it.v.String()
			if seen[key] {
				continue
			}
			seen[key] = true
			for i := kids.Len() - 1; i >= 0; i-- {
				kid, ok := safeIndex(kids, i)
				if ok && kid.Kind() == pdf.Dict {
					stack = append(stack, item{v: kid, res: res, box: box, depth: it.depth + 1})
				}
			}
			continue
		}
		pages = append(pages, pageRef{v: it.v, resources: res, mediaBox: box})
	}
	return pages, nil
}

func safeIndex(v pdf.Value, i int) (kid pdf.Value, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return v.Index(i), true
}

// repair rebuilds the cross-reference table by scanning the file for
// "N G obj" and appending a cross-reference stream that lists them, then
// opens the result. Objects inside object streams are found in a second
// pass once the streams can be read.
//
// Objects found in object streams are appended as plain objects (unless the
// file is encrypted, where their strings would be decrypted twice), so that
// reading one later does not decompress its whole stream again.
func repair(data []byte, hdr int, hide []overlay, crypt *decrypter, pwFunc func() func() string) (*Document, error) {
	size := int64(len(data))
	vf := &vfile{f: bytes.NewReader(data), n: size, overlays: hide}
	if hdr == 0 && !headerRE.Match(data) {
		vf.patch = headerPatch(data[:min(len(data), 1024)])
	}
	if hdr != 0 || (!headerRE.Match(data) && vf.patch == nil) {
		vf.prefix = []byte("%PDF-1.7\n")
	}
	if crypt != nil {
		crypt.shift = int64(len(vf.prefix))
	}
	shift := int64(len(vf.prefix))

	type entry struct {
		offset int64 // type 1: file offset; type 2: index in stream
		stream int   // type 2: object stream number, else 0
	}
	objs := map[int]entry{}
	var streams []int
	var catalogs, treeRoots []int
	maxID := 0
	for _, loc := range objRE.FindAllIndex(data, -1) {
		start := loc[0]
		for start < loc[1] && !(data[start] >= '0' && data[start] <= '9') {
			start++
		}
		fields := strings.Fields(string(data[start:loc[1]]))
		id, _ := strconv.Atoi(fields[0])
		if id <= 0 || id > 2_000_000 {
			continue
		}
		objs[id] = entry{offset: int64(start) + shift}
		if id > maxID {
			maxID = id
		}
		body := data[loc[1]:min(len(data), loc[1]+4096)]
		if e := bytes.Index(body, []byte("endobj")); e >= 0 {
			body = body[:e]
		}
		if s := bytes.Index(body, []byte("stream")); s >= 0 {
			body = body[:s]
		}
		switch {
		case bytes.Contains(body, []byte("/ObjStm")):
			streams = append(streams, id)
		case bytes.Contains(body, []byte("/Catalog")):
			catalogs = append(catalogs, id)
		case isPagesRoot(body):
			treeRoots = append(treeRoots, id)
		}
	}
	if len(objs) == 0 {
		return nil, fmt.Errorf("%w: no objects found", ErrDamaged)
	}
	// Trailer entries worth keeping from the last trailer.
	var extra strings.Builder
	encrypted := false
	if m := encryptRE.FindAllSubmatch(data, -1); len(m) > 0 && hide == nil {
		encrypted = true
		last := m[len(m)-1]
		fmt.Fprintf(&extra, "/Encrypt %s %s R", last[1], last[2])
	}
	if m := idRE.FindAll(data, -1); len(m) > 0 {
		extra.Write(m[len(m)-1])
	}
	if m := rootRE.FindAllSubmatch(data, -1); len(m) > 0 {
		id, _ := strconv.Atoi(string(m[len(m)-1][1]))
		if _, ok := objs[id]; ok {
			catalogs = append(catalogs, id)
		}
	}

	var flat bytes.Buffer // unpacked objects, placed before the xref stream
	build := func() []byte {
		xid := maxID + 1
		var tbl bytes.Buffer
		for id := 0; id <= xid; id++ { // xid itself: a free entry
			e, ok := objs[id]
			var rec [7]byte
			switch {
			case !ok:
				rec[0] = 0
			case e.stream > 0:
				rec[0] = 2
				putUint(rec[1:5], int64(e.stream))
				putUint(rec[5:7], e.offset)
			default:
				rec[0] = 1
				putUint(rec[1:5], e.offset)
			}
			tbl.Write(rec[:])
		}
		var s bytes.Buffer
		s.Write(flat.Bytes())
		off := shift + size + int64(s.Len()) + 1
		fmt.Fprintf(&s, "\n%d 0 obj\n<</Type/XRef/Size %d/W[1 4 2]/Length %d%s", xid, xid+1, tbl.Len(), extra.String())
		refs := func(key string, ids []int) {
			fmt.Fprintf(&s, "/%s[", key)
			for i := len(ids) - 1; i >= 0; i-- { // last defined first
				fmt.Fprintf(&s, "%d 0 R ", ids[i])
			}
			s.WriteString("]")
		}
		refs("QuireStm", streams)
		refs("QuireCat", catalogs)
		refs("QuirePages", treeRoots)
		s.WriteString(">>\nstream\n")
		s.Write(tbl.Bytes())
		fmt.Fprintf(&s, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", off)
		return s.Bytes()
	}
	vf.suffix = build()

	if len(streams) > 0 {
		// Open once to read the object streams, then list their objects.
		r, err := pdf.NewReaderEncrypted(vf, vf.size(), pwFunc())
		if err != nil {
			return nil, classifyOpenError(vf, err)
		}
		list := r.Trailer().Key("QuireStm")
		for i := 0; i < list.Len(); i++ {
			sv, ok := safeIndex(list, i)
			if !ok || sv.Kind() != pdf.Stream {
				continue
			}
			sid := streams[len(streams)-1-i]
			n := int(sv.Key("N").Int64())
			first := int(sv.Key("First").Int64())
			content, _ := crypt.readStream(sv, 256<<20)
			if n <= 0 || first <= 0 || first > len(content) {
				continue
			}
			l := lexer{b: content[:first]}
			var nums []int
			for len(nums) < 2*n {
				v, _, ok := l.next(0)
				if !ok {
					break
				}
				nums = append(nums, int(v.num))
			}
			for k := 0; k+1 < len(nums); k += 2 {
				id := nums[k]
				if id <= 0 || id > 2_000_000 {
					continue
				}
				if e, ok := objs[id]; ok && e.stream == 0 && e.offset > objs[sid].offset {
					continue // a later plain definition wins
				}
				if id > maxID {
					maxID = id
				}
				lo := first + nums[k+1]
				hi := len(content)
				if k+3 < len(nums) && first+nums[k+3] > lo {
					hi = min(hi, first+nums[k+3])
				}
				if encrypted || lo < first || lo >= hi {
					objs[id] = entry{offset: int64(k / 2), stream: sid}
				} else {
					objs[id] = entry{offset: shift + size + int64(flat.Len()) + 1}
					fmt.Fprintf(&flat, "\n%d 0 obj\n", id)
					flat.Write(content[lo:hi])
					flat.WriteString("\nendobj\n")
				}
				if lo >= first && lo < hi {
					body := content[lo:hi]
					switch {
					case bytes.Contains(body, []byte("/Catalog")):
						catalogs = append(catalogs, id)
					case isPagesRoot(body):
						treeRoots = append(treeRoots, id)
					}
				}
			}
		}
		vf.suffix = build()
	}

	r, err := pdf.NewReaderEncrypted(vf, vf.size(), pwFunc())
	if err != nil {
		return nil, classifyOpenError(vf, err)
	}
	var roots []pdf.Value
	tr := r.Trailer()
	cats := tr.Key("QuireCat")
	for i := 0; i < cats.Len(); i++ {
		if c, ok := safeIndex(cats, i); ok {
			if p, ok := safeKey(c, "Pages"); ok && p.Kind() == pdf.Dict {
				roots = append(roots, p)
			}
		}
	}
	trees := tr.Key("QuirePages")
	for i := 0; i < trees.Len(); i++ {
		if p, ok := safeIndex(trees, i); ok && p.Kind() == pdf.Dict {
			roots = append(roots, p)
		}
	}
	var pages []pageRef
	for _, root := range roots {
		if pages, err = walkPages(root); len(pages) > 0 {
			break
		}
	}
	if len(pages) == 0 {
		for _, root := range roots {
			if n := declaredPages(root); n > 0 {
				return &Document{r: r, crypt: crypt, numPages: n, repaired: true}, nil
			}
		}
		return nil, fmt.Errorf("%w: no page tree found", ErrDamaged)
	}
	return &Document{r: r, crypt: crypt, pages: pages, numPages: len(pages), repaired: true}, nil
}

// headerPatch rewrites an unusual first line ("%PDF-2.0", "%PDF-1.4 x")
// into the "%PDF-1.7" line the pdf package insists on, keeping its length.
// It returns nil when the first line is too short to rewrite.
func headerPatch(head []byte) []byte {
	nl := bytes.IndexAny(head, "\r\n")
	if nl < 8 {
		return nil
	}
	p := append([]byte("%PDF-1.7\n"), head[9:nl+1]...)
	if nl > 9 {
		p[9] = '%'
	}
	return p
}

func safeKey(v pdf.Value, key string) (out pdf.Value, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return v.Key(key), true
}

var pagesTypeRE = regexp.MustCompile(`/Type\s*/Pages\b`)

// isPagesRoot reports whether an object's text looks like the root of a
// page tree: a /Pages node without a parent.
func isPagesRoot(body []byte) bool {
	return pagesTypeRE.Match(body) && !bytes.Contains(body, []byte("/Parent"))
}

func putUint(b []byte, v int64) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte(v)
		v >>= 8
	}
}

// encryptDict returns the text of the file's encryption dictionary (the
// last one referenced or written inline), or nil.
func encryptDict(data []byte) []byte {
	i := bytes.LastIndex(data, []byte("/Encrypt"))
	for i >= 0 {
		rest := data[i+8:]
		j := 0
		for j < len(rest) && isWhite(rest[j]) {
			j++
		}
		if bytes.HasPrefix(rest[j:], []byte("<<")) {
			return rest[j:min(len(rest), j+4096)]
		}
		if m := encryptRE.FindSubmatch(data[i:min(len(data), i+40)]); m != nil {
			return objectText(data, string(m[1]), string(m[2]))
		}
		i = bytes.LastIndex(data[:i], []byte("/Encrypt"))
	}
	return nil
}

// unencryptedContent reports whether an encrypted file leaves its streams
// and strings in the clear (crypt filters /Identity, version 4 or 5).
func unencryptedContent(data []byte) bool {
	d := encryptDict(data)
	if d == nil {
		return false
	}
	p := readEncryptDict(d)
	return p.v >= 4 && (p.stmF == "" || p.stmF == "Identity") && (p.strF == "" || p.strF == "Identity")
}

// hideEncrypt renames every /Encrypt key so the pdf package reads the
// file as unencrypted.
func hideEncrypt(data []byte) []overlay {
	var out []overlay
	for _, loc := range encryptKeyRE.FindAllIndex(data, -1) {
		out = append(out, overlay{off: int64(loc[0]), b: []byte("/Encrypq")})
	}
	return out
}

var encryptKeyRE = regexp.MustCompile(`/Encrypt(?:\s*<<|\s+\d+\s+\d+\s+R)`)

// declaredPages is the /Count of a page tree root, when plausible.
func declaredPages(root pdf.Value) int {
	n, ok := safeKey(root, "Count")
	if !ok {
		return 0
	}
	c := n.Int64()
	if c <= 0 || c > 100000 {
		return 0
	}
	return int(c)
}

var (
	sizeRE       = regexp.MustCompile(`/Size\s+(\d{1,20})`)
	subsectionRE = regexp.MustCompile(`\bxref\s+(\d{1,20})\s+(\d{1,20})\s`)
)

// absurdXrefSize reports a trailer /Size so large that the pdf package
// would allocate gigabytes for its table (a fuzzed file).
func absurdXrefSize(data []byte) bool {
	for _, m := range sizeRE.FindAllSubmatch(data, -1) {
		if n, err := strconv.ParseInt(string(m[1]), 10, 64); err != nil || n > 20_000_000 {
			return true
		}
	}
	for _, m := range subsectionRE.FindAllSubmatch(data, -1) {
		a, err1 := strconv.ParseInt(string(m[1]), 10, 64)
		b, err2 := strconv.ParseInt(string(m[2]), 10, 64)
		if err1 != nil || err2 != nil || a+b > 20_000_000 {
			return true
		}
	}
	return false
}
