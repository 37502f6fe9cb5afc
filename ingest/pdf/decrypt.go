package pdf

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/ledongthuc/pdf"
)

// The pdf package decrypts only RC4 and AES-128 files with a 128-bit key
// layout, and gets 40-bit keys wrong. For every encrypted file Quire hides
// the encryption dictionary from it and decrypts streams itself (strings in
// objects stay encrypted; text extraction needs none of them).

// decrypter holds a document's file key.
type decrypter struct {
	data  []byte // the file
	shift int64  // bytes the pdf package sees before the file (a header)
	key   []byte
	v     int
	aes   bool // AESV2 / AESV3 for streams
	aes3  bool // AES-256: the file key is used as is
}

var errNoEncryption = errors.New("unreadable encryption dictionary")

var passwordPad = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

var idFirstRE = regexp.MustCompile(`/ID\s*\[\s*(<[0-9A-Fa-f\s]*>|\()`)

// newDecrypter derives the file key from the user password. It fails with
// ErrPassword when the password is wrong, ErrUnsupported for security
// handlers other than the standard one.
func newDecrypter(data []byte, password string) (*decrypter, error) {
	dict := encryptDict(data)
	if dict == nil {
		return nil, fmt.Errorf("%w: encryption dictionary not found", ErrDamaged)
	}
	p := readEncryptDict(dict)
	if p.r == 0 && p.v == 0 && p.filter == "" {
		// Not an encryption dictionary one can read: viewers open such
		// files as unencrypted, and so do we.
		return nil, errNoEncryption
	}
	if p.filter != "" && p.filter != "Standard" {
		return nil, fmt.Errorf("%w: security handler %s", ErrUnsupported, p.filter)
	}
	d := &decrypter{data: data, v: p.v}
	switch p.cfm {
	case "AESV2":
		d.aes = true
	case "AESV3":
		d.aes, d.aes3 = true, true
	}
	if p.v == 5 || p.r >= 5 {
		d.aes, d.aes3 = true, true
		key, ok := aes256Key([]byte(password), p)
		if !ok {
			return nil, fmt.Errorf("%w: wrong password", ErrPassword)
		}
		d.key = key
		return d, nil
	}
	id := firstID(data)
	n := p.length / 8
	if n < 5 || n > 16 {
		n = 5
		if p.r >= 3 {
			n = 16
		}
	}
	if p.v == 1 {
		n = 5
	}
	key, ok := rc4FileKey([]byte(password), p, id, n)
	if !ok {
		// The password may be the owner password: it unlocks /O, which
		// holds the (padded) user password.
		key, ok = rc4FileKey(ownerToUser([]byte(password), p, n), p, id, n)
	}
	if !ok {
		return nil, fmt.Errorf("%w: wrong password", ErrPassword)
	}
	d.key = key
	return d, nil
}

// padPassword pads or cuts a password to 32 bytes (algorithm 2, step a).
func padPassword(pw []byte) []byte {
	k := min(len(pw), 32)
	return append(append([]byte{}, pw[:k]...), passwordPad[:32-k]...)
}

// rc4FileKey computes the file key for a revision 2-4 handler (algorithm
// 2) and checks it against /U (algorithms 4 and 5).
func rc4FileKey(pw []byte, p encryptInfo, id []byte, n int) ([]byte, bool) {
	h := md5.New()
	h.Write(padPassword(pw))
	h.Write(p.o)
	h.Write([]byte{byte(p.p), byte(p.p >> 8), byte(p.p >> 16), byte(p.p >> 24)})
	h.Write(id)
	if p.r >= 4 && !p.encryptMetadata {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	if p.r >= 3 {
		for i := 0; i < 50; i++ {
			s := md5.Sum(key[:n])
			key = s[:]
		}
	}
	key = key[:n]
	var u []byte
	if p.r == 2 {
		u = append([]byte{}, passwordPad...)
		c, _ := rc4.NewCipher(key)
		c.XORKeyStream(u, u)
	} else {
		s := md5.Sum(append(append([]byte{}, passwordPad...), id...))
		u = s[:]
		for i := 0; i < 20; i++ {
			k := make([]byte, len(key))
			for j := range k {
				k[j] = key[j] ^ byte(i)
			}
			c, _ := rc4.NewCipher(k)
			c.XORKeyStream(u, u)
		}
	}
	return key, len(p.u) >= len(u) && bytes.Equal(p.u[:len(u)], u)
}

// ownerToUser recovers the padded user password from /O with an owner
// password (algorithm 7).
func ownerToUser(owner []byte, p encryptInfo, n int) []byte {
	s := md5.Sum(padPassword(owner))
	key := s[:]
	if p.r >= 3 {
		for i := 0; i < 50; i++ {
			s = md5.Sum(key[:n])
			key = s[:]
		}
	}
	key = key[:n]
	u := append([]byte{}, p.o...)
	if p.r == 2 {
		c, _ := rc4.NewCipher(key)
		c.XORKeyStream(u, u)
		return u
	}
	for i := 19; i >= 0; i-- {
		k := make([]byte, len(key))
		for j := range k {
			k[j] = key[j] ^ byte(i)
		}
		c, _ := rc4.NewCipher(k)
		c.XORKeyStream(u, u)
	}
	return u
}

// aes256Key validates the user password of a revision 5/6 handler and
// returns the file key.
func aes256Key(pw []byte, p encryptInfo) ([]byte, bool) {
	if len(p.u) < 48 || len(p.ue) < 32 {
		return nil, false
	}
	if len(pw) > 127 {
		pw = pw[:127]
	}
	var check, inter []byte
	if p.r == 5 {
		s := sha256.Sum256(append(append([]byte{}, pw...), p.u[32:40]...))
		check = s[:]
		t := sha256.Sum256(append(append([]byte{}, pw...), p.u[40:48]...))
		inter = t[:]
	} else {
		check = hash2B(pw, p.u[32:40], nil)
		inter = hash2B(pw, p.u[40:48], nil)
	}
	if !bytes.Equal(check, p.u[:32]) {
		return nil, false
	}
	block, err := aes.NewCipher(inter)
	if err != nil {
		return nil, false
	}
	key := make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, p.ue[:32])
	return key, true
}

// firstID returns the first element of the trailer's /ID, or nothing.
func firstID(data []byte) []byte {
	locs := idFirstRE.FindAllIndex(data, -1)
	if len(locs) == 0 {
		return nil
	}
	loc := locs[len(locs)-1]
	i := bytes.LastIndexAny(data[loc[0]:loc[1]], "<(") + loc[0]
	l := lexer{b: data, pos: i}
	v, _, ok := l.next(0)
	if !ok || v.kind != kStr {
		return nil
	}
	return []byte(v.str)
}

var streamOffsetRE = regexp.MustCompile(`@(\d+)$`)

// stream reads, decrypts and decodes a stream.
func (d *decrypter) stream(v pdf.Value, limit int64) ([]byte, error) {
	m := streamOffsetRE.FindStringSubmatch(v.String())
	if m == nil {
		return nil, errors.New("stream offset unknown")
	}
	off, _ := strconv.ParseInt(m[1], 10, 64)
	off -= d.shift
	n := v.Key("Length").Int64()
	if off < 0 || off > int64(len(d.data)) {
		return nil, errors.New("stream outside the file")
	}
	if n < 0 || off+n > int64(len(d.data)) {
		n = int64(len(d.data)) - off
	}
	raw := d.data[off : off+n]
	num, gen := objectNumberBefore(d.data, off)
	plain, err := d.decrypt(raw, num, gen, v)
	if err != nil {
		return nil, err
	}
	return decodeFilters(plain, v.Key("Filter"), v.Key("DecodeParms"), limit)
}

// objectNumberBefore finds "N G obj" before a stream's data.
func objectNumberBefore(data []byte, off int64) (int, int) {
	start := max(0, off-64<<10)
	i := bytes.LastIndex(data[start:off], []byte("obj"))
	if i < 0 {
		return 0, 0
	}
	f := strings.Fields(string(data[max(start, start+int64(i)-32) : start+int64(i)]))
	if len(f) < 2 {
		return 0, 0
	}
	num, _ := strconv.Atoi(f[len(f)-2])
	gen, _ := strconv.Atoi(f[len(f)-1])
	return num, gen
}

func (d *decrypter) decrypt(b []byte, num, gen int, v pdf.Value) ([]byte, error) {
	// Streams with their own Identity crypt filter are in the clear.
	if f := v.Key("Filter"); f.Kind() == pdf.Array && f.Index(0).Name() == "Crypt" {
		return b, nil
	}
	if v.Key("Type").Name() == "XRef" {
		return b, nil
	}
	key := d.key
	if !d.aes3 {
		h := md5.New()
		h.Write(d.key)
		h.Write([]byte{byte(num), byte(num >> 8), byte(num >> 16), byte(gen), byte(gen >> 8)})
		if d.aes {
			h.Write([]byte("sAlT"))
		}
		key = h.Sum(nil)[:min(len(d.key)+5, 16)]
	}
	if !d.aes {
		out := make([]byte, len(b))
		c, _ := rc4.NewCipher(key)
		c.XORKeyStream(out, b)
		return out, nil
	}
	if len(b) < 32 {
		return nil, nil
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	body := b[16:]
	body = body[:len(body)/16*16]
	out := make([]byte, len(body))
	cipher.NewCBCDecrypter(block, b[:16]).CryptBlocks(out, body)
	if k := len(out); k > 0 {
		if pad := int(out[k-1]); pad >= 1 && pad <= 16 && pad <= k {
			out = out[:k-pad]
		}
	}
	return out, nil
}

// decodeFilters applies a stream's filters.
func decodeFilters(b []byte, filter, parms pdf.Value, limit int64) ([]byte, error) {
	var names []string
	var params []pdf.Value
	switch filter.Kind() {
	case pdf.Name:
		names, params = []string{filter.Name()}, []pdf.Value{parms}
	case pdf.Array:
		for i := 0; i < filter.Len(); i++ {
			names = append(names, filter.Index(i).Name())
			params = append(params, parms.Index(i))
		}
	}
	for i, name := range names {
		var r io.Reader
		switch name {
		case "FlateDecode", "Fl":
			zr, err := zlib.NewReader(bytes.NewReader(b))
			if err != nil {
				r = flate.NewReader(bytes.NewReader(b))
			} else {
				r = zr
			}
		case "ASCII85Decode", "A85":
			s := bytes.TrimSpace(b)
			s = bytes.TrimPrefix(s, []byte("<~"))
			if j := bytes.Index(s, []byte("~>")); j >= 0 {
				s = s[:j]
			}
			r = ascii85.NewDecoder(bytes.NewReader(s))
		case "ASCIIHexDecode", "AHx":
			l := lexer{b: append(append([]byte{}, b...), '>')}
			b = []byte(l.hexString())
			continue
		case "Crypt":
			continue
		default:
			return b, fmt.Errorf("unsupported filter %s", name)
		}
		out, err := io.ReadAll(io.LimitReader(r, limit+1))
		if int64(len(out)) > limit {
			return out[:limit], ErrContentTooLarge
		}
		if pred := params[i].Key("Predictor").Int64(); pred >= 10 {
			out = unpredictPNG(out, int(max(1, params[i].Key("Columns").Int64())), int(params[i].Key("Colors").Int64()), int(params[i].Key("BitsPerComponent").Int64()))
		}
		b = out
		if err != nil && len(b) == 0 {
			return nil, err
		}
	}
	return b, nil
}

// unpredictPNG undoes PNG row predictors.
func unpredictPNG(b []byte, columns, colors, bpc int) []byte {
	if colors <= 0 {
		colors = 1
	}
	if bpc <= 0 {
		bpc = 8
	}
	bpp := max(1, colors*bpc/8)
	row := (columns*colors*bpc + 7) / 8
	prev := make([]byte, row)
	var out []byte
	for len(b) >= row+1 {
		ft, cur := b[0], append([]byte{}, b[1:row+1]...)
		b = b[row+1:]
		for i := range cur {
			var left, up, ul byte
			if i >= bpp {
				left, ul = cur[i-bpp], prev[i-bpp]
			}
			up = prev[i]
			switch ft {
			case 1:
				cur[i] += left
			case 2:
				cur[i] += up
			case 3:
				cur[i] += byte((int(left) + int(up)) / 2)
			case 4:
				p := int(left) + int(up) - int(ul)
				pa, pb, pc := absInt(p-int(left)), absInt(p-int(up)), absInt(p-int(ul))
				switch {
				case pa <= pb && pa <= pc:
					cur[i] += left
				case pb <= pc:
					cur[i] += up
				default:
					cur[i] += ul
				}
			}
		}
		out = append(out, cur...)
		prev = cur
	}
	return out
}

func absInt(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
