package ocr_test

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"quire/ocr"
)

// shared is the project's shared evaluation data beside the checkout.
const shared = "../../shared"

func needTesseract(t *testing.T) {
	t.Helper()
	if _, err := ocr.Command(); err != nil {
		t.Skip("tesseract is not installed (scripts/deps.sh --test installs it)")
	}
}

func needFile(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(shared, rel)
	if _, err := exec.LookPath("ls"); err == nil {
		if out, err := exec.Command("ls", p).CombinedOutput(); err != nil {
			t.Skipf("%s is absent: %s", p, out)
		}
	}
	return p
}

func readPages(t *testing.T, r *ocr.Reader, path string, pages ...int) []ocr.Result {
	t.Helper()
	var out []ocr.Result
	err := r.Pages(context.Background(), path, pages, func(res ocr.Result) bool {
		out = append(out, res)
		return true
	})
	if err != nil {
		t.Fatalf("Pages: %v", err)
	}
	return out
}

// A page with a good text layer, drawn and read by OCR, gives back the
// words of its text layer (poppler's, from the pdftotext reference).
func TestReadsDrawnPage(t *testing.T) {
	needTesseract(t)
	path := needFile(t, "evaldata/northwind/PerksPlus.pdf")
	ref, err := exec.Command("pdftotext", "-f", "2", "-l", "2", path, "-").Output()
	if err != nil {
		t.Skipf("pdftotext: %v", err)
	}
	r, err := ocr.New(ocr.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res := readPages(t, r, path, 2)
	if len(res) != 1 || res[0].Err != nil {
		t.Fatalf("results %+v", res)
	}
	pg := res[0].Page
	recall, precision := ocr.Score(pg.Text, string(ref))
	t.Logf("recall %.3f precision %.3f conf %.1f words %d in %v", recall, precision, pg.Conf, len(pg.Words), res[0].Duration)
	if recall < 0.95 || precision < 0.9 {
		t.Errorf("recall %.3f precision %.3f, want ≥ 0.95 / 0.9", recall, precision)
	}
	if pg.Conf < 80 {
		t.Errorf("mean confidence %.1f", pg.Conf)
	}
	for _, w := range pg.Words {
		if !(w.X0 >= 0 && w.X0 < w.X1 && w.X1 <= 1 && w.Y0 >= 0 && w.Y0 < w.Y1 && w.Y1 <= 1) {
			t.Fatalf("word %q has box %v,%v–%v,%v", w.Text, w.X0, w.Y0, w.X1, w.Y1)
		}
	}
}

// A scanned page of the corpus (no text layer, one image) yields text.
func TestReadsScan(t *testing.T) {
	needTesseract(t)
	path := needFile(t, "pdfcorpus/files/synthetic-scanned-image-only.pdf")
	r, err := ocr.New(ocr.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res := readPages(t, r, path, 1)
	if res[0].Err != nil {
		t.Fatal(res[0].Err)
	}
	if n := len(ocr.Words(res[0].Text)); n < 20 {
		t.Errorf("%d words read: %q", n, res[0].Text)
	}
}

// A page Tesseract cannot finish in time costs that page, with its
// reason; the next page is still read.
func TestTimeoutCostsThePage(t *testing.T) {
	needTesseract(t)
	path := needFile(t, "evaldata/northwind/PerksPlus.pdf")
	r, err := ocr.New(ocr.Options{Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	res := readPages(t, r, path, 1, 2, 99)
	if len(res) != 3 {
		t.Fatalf("%d results", len(res))
	}
	for _, x := range res[:2] {
		if !errors.Is(x.Err, ocr.ErrTimeout) {
			t.Errorf("page %d: %v, want ErrTimeout", x.Number, x.Err)
		}
	}
	if !errors.Is(res[2].Err, ocr.ErrDraw) || ocr.Reason(res[2].Err) != "could not be drawn" {
		t.Errorf("page 99 of 4: %v", res[2].Err)
	}
}

// Without Tesseract the Reader says so, by a sentinel error.
func TestMissingTesseract(t *testing.T) {
	t.Setenv("QUIRE_TESSERACT", "/nonexistent/tesseract")
	_, err := ocr.New(ocr.Options{})
	if !errors.Is(err, ocr.ErrNoTesseract) {
		t.Fatalf("New: %v, want ErrNoTesseract", err)
	}
	if !strings.Contains(ocr.Reason(err), "not installed") {
		t.Errorf("reason %q", ocr.Reason(err))
	}
}

func TestLanguages(t *testing.T) {
	needTesseract(t)
	langs, err := ocr.Languages(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range langs {
		found = found || l == "eng"
		if l == "osd" {
			t.Errorf("osd listed")
		}
	}
	if !found {
		t.Errorf("languages %v lack eng", langs)
	}
}
