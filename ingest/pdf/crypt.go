package pdf

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"io"
	"regexp"
)

// aes256NeedsPassword checks, for a file encrypted with AES-256 (security
// handler revisions 5 and 6, which the pdf package cannot decrypt), whether
// the empty user password opens it. known is false when the encryption
// dictionary cannot be read.
func aes256NeedsPassword(f io.ReaderAt) (needs, known bool) {
	vf, ok := f.(*vfile)
	if !ok {
		return false, false
	}
	data := make([]byte, vf.size())
	vf.ReadAt(data, 0)
	obj := encryptDict(data)
	if obj == nil {
		return false, false
	}
	p := readEncryptDict(obj)
	r, u := p.r, p.u
	if len(u) < 40 {
		return false, false
	}
	switch r {
	case 5:
		h := sha256.Sum256(append([]byte{}, u[32:40]...))
		return !bytes.Equal(h[:], u[:32]), true
	case 6:
		return !bytes.Equal(hash2B(nil, u[32:40], nil), u[:32]), true
	}
	return false, false
}

// objectText returns the bytes after the last "id gen obj" in data.
func objectText(data []byte, id, gen string) []byte {
	re := regexp.MustCompile(`(?:^|[^0-9])` + id + `\s+` + gen + `\s+obj\b`)
	locs := re.FindAllIndex(data, -1)
	if len(locs) == 0 {
		return nil
	}
	end := locs[len(locs)-1][1]
	return data[end:min(len(data), end+4096)]
}

type encryptInfo struct {
	v, r, length    int
	p               uint32
	o, u, ue        []byte
	stmF, strF, cfm string
	filter          string
	encryptMetadata bool
}

// readEncryptDict reads /V, /R, /U, /StmF and /StrF from the text of an
// encryption dictionary.
func readEncryptDict(obj []byte) (p encryptInfo) {
	p.encryptMetadata = true
	if m := cfmRE.FindSubmatch(obj); m != nil {
		p.cfm = string(m[1])
	}
	i := bytes.Index(obj, []byte("<<"))
	if i < 0 {
		return p
	}
	l := lexer{b: obj, pos: i + 2}
	key := ""
	for steps := 0; steps < 200; steps++ {
		l.skipSpace()
		if l.pos+1 < len(l.b) && l.b[l.pos] == '>' && l.b[l.pos+1] == '>' {
			break
		}
		v, op, ok := l.next(0)
		if !ok || op != "" {
			break
		}
		if key == "" {
			if v.kind == kName {
				key = v.str
			}
			continue
		}
		switch key {
		case "V":
			p.v = int(v.num)
		case "R":
			p.r = int(v.num)
		case "U":
			p.u = []byte(v.str)
		case "O":
			p.o = []byte(v.str)
		case "UE":
			p.ue = []byte(v.str)
		case "P":
			p.p = uint32(int64(v.num))
		case "Length":
			p.length = int(v.num)
		case "Filter":
			p.filter = v.str
		case "EncryptMetadata":
			p.encryptMetadata = v.num != 0
		case "StmF":
			p.stmF = v.str
		case "StrF":
			p.strF = v.str
		}
		key = ""
	}
	return p
}

var cfmRE = regexp.MustCompile(`/CFM\s*/(\w+)`)

// hash2B is algorithm 2.B of ISO 32000-2 (revision 6 password hash).
func hash2B(pw, salt, udata []byte) []byte {
	h := sha256.New()
	h.Write(pw)
	h.Write(salt)
	h.Write(udata)
	k := h.Sum(nil)
	for i := 0; ; i++ {
		var k1 []byte
		for j := 0; j < 64; j++ {
			k1 = append(k1, pw...)
			k1 = append(k1, k...)
			k1 = append(k1, udata...)
		}
		block, err := aes.NewCipher(k[:16])
		if err != nil {
			return nil
		}
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		sum := 0
		for _, b := range e[:16] {
			sum += int(b)
		}
		var next hash.Hash
		switch sum % 3 {
		case 0:
			next = sha256.New()
		case 1:
			next = sha512.New384()
		default:
			next = sha512.New()
		}
		next.Write(e)
		k = next.Sum(nil)
		if i >= 63 && int(e[len(e)-1]) <= i-31 {
			break
		}
	}
	return k[:32]
}
