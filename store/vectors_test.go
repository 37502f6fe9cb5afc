package store

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func unitVectors(rng *rand.Rand, n, dim int) [][]float32 {
	out := make([][]float32, n)
	for i := range out {
		v := make([]float32, dim)
		var ss float64
		for j := range v {
			v[j] = float32(rng.NormFloat64())
			ss += float64(v[j]) * float64(v[j])
		}
		for j := range v {
			v[j] /= float32(math.Sqrt(ss))
		}
		out[i] = v
	}
	return out
}

func cosine(a, b []float32) float64 {
	var ab, aa, bb float64
	for i := range a {
		ab += float64(a[i]) * float64(b[i])
		aa += float64(a[i]) * float64(a[i])
		bb += float64(b[i]) * float64(b[i])
	}
	return ab / math.Sqrt(aa*bb)
}

// Vectors go to the embedder's file as int8 rows; a document reads back
// its own rows, close to the float32 originals, and losing or replacing
// them follows the document.
func TestVectorsRoundTrip(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(1, 2))
	va, vb := unitVectors(rng, 3, 384), unitVectors(rng, 2, 384)
	docs, err := s.AddDocuments([]NewDocument{
		{Doc: Document{Name: "a.pdf", Hash: "a", Status: StatusIndexed, Embedder: "m"}, Chunks: []Chunk{{Text: "one"}, {Text: "two"}, {Text: "three"}}, Vectors: va},
		{Doc: Document{Name: "b.pdf", Hash: "b", Status: StatusIndexed, Embedder: "m"}, Chunks: []Chunk{{Text: "four"}, {Text: "five"}}, Vectors: vb},
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range [][][]float32{va, vb} {
		got, err := s.DocVectors(docs[i].ID)
		if err != nil || len(got) != len(want) {
			t.Fatalf("doc %d: %d vectors, %v", i, len(got), err)
		}
		for j := range got {
			if c := cosine(got[j], want[j]); c < 0.9999 {
				t.Errorf("doc %d chunk %d: cosine to float32 %.6f", i, j, c)
			}
		}
	}
	spans, err := s.VectorSpans("m")
	if err != nil || len(spans) != 2 || spans[0].Row != 0 || spans[1].Row != 3 || spans[1].Count != 2 {
		t.Fatalf("spans %+v %v", spans, err)
	}
	// Replacing a document's vectors appends rows and moves its span.
	if err := s.SetVectors(docs[0].ID, "m", vb[:1]); err == nil {
		t.Fatal("SetVectors accepted 1 vector for 3 chunks")
	}
	if err := s.SetVectors(docs[0].ID, "m", unitVectors(rng, 3, 384)); err != nil {
		t.Fatal(err)
	}
	if spans, _ = s.VectorSpans("m"); len(spans) != 2 || spans[1].Doc != docs[0].ID || spans[1].Row != 5 {
		t.Fatalf("after SetVectors: %+v", spans)
	}
	if err := s.RemoveDocument(docs[1].ID); err != nil {
		t.Fatal(err)
	}
	if spans, _ = s.VectorSpans("m"); len(spans) != 1 || spans[0].Doc != docs[0].ID {
		t.Fatalf("after remove: %+v", spans)
	}
	if err := s.Check(); err != nil {
		t.Fatal(err)
	}
}

// A row torn by a crash mid-append is overwritten by the next append, so
// row numbers stay whole.
func TestVectorsTornTail(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(3, 4))
	a := addDoc(t, s, "a.pdf", "a", "one", "two")
	if err := s.SetVectors(a.ID, "m", unitVectors(rng, 2, 8)); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(s.vectorPath("m"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte{1, 2, 3}) // part of a row
	f.Close()
	b := addDoc(t, s, "b.pdf", "b", "three")
	want := unitVectors(rng, 1, 8)
	if err := s.SetVectors(b.ID, "m", want); err != nil {
		t.Fatal(err)
	}
	got, err := s.DocVectors(b.ID)
	if err != nil || len(got) != 1 || cosine(got[0], want[0]) < 0.999 {
		t.Fatalf("after a torn row: %v %v", got, err)
	}
}

// Vectors that earlier versions kept in bbolt move to the vector file
// when the library is opened.
func TestVectorsMigrate(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	d := addDoc(t, s, "a.pdf", "a", "one", "two")
	d.Embedder = "old-model"
	if err := s.UpdateDocument(d); err != nil {
		t.Fatal(err)
	}
	want := unitVectors(rand.New(rand.NewPCG(5, 6)), 2, 16)
	err = s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketLegacyVectors)
		if err != nil {
			return err
		}
		for ord, v := range want {
			enc := make([]byte, 4*len(v))
			for i, x := range v {
				binary.LittleEndian.PutUint32(enc[4*i:], math.Float32bits(x))
			}
			if err := b.Put(chunkKey(d.ID, ord), enc); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.DocVectors(d.ID)
	if err != nil || len(got) != 2 || cosine(got[1], want[1]) < 0.999 {
		t.Fatalf("migrated: %v %v", got, err)
	}
	s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketLegacyVectors) != nil {
			t.Error("legacy bucket left behind")
		}
		return nil
	})
}
