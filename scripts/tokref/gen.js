// gen.js writes the fixture that the tokenizer conformance test (models/bert) checks Quire's
// WordPiece tokenizer against: ids given by Hugging Face's own tokenizers
// library (npm package `tokenizers`, pinned in package.json), configured
// as the tokenizer.json of all-MiniLM-L6-v2, bge-small-en-v1.5 and the
// ms-marco cross-encoders (bert-base-uncased WordPiece, BertNormalizer
// with lowercase and accent stripping, BertPreTokenizer, [CLS]/[SEP]
// template, the five special tokens as added tokens).
//
//   npm ci && node gen.js VOCAB PDFCORPUS_TEXT_DIR OUT.jsonl.gz
//
// Cases are singles (no truncation, or truncated to a max length) and
// (query, passage) pairs truncated "longest_first", over three kinds of
// text: slices of the PDF corpus's reference texts (stored by file and
// byte range, never copied: the test reads them from the corpus),
// adversarial strings built from a seeded generator, and hand-picked edge
// cases. The output is deterministic for a given corpus and version.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const crypto = require('crypto');
const { Tokenizer } = require('tokenizers');

const [vocabPath, corpusDir, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error('usage: node gen.js VOCAB PDFCORPUS_TEXT_DIR OUT.jsonl.gz');
  process.exit(2);
}

function referenceTokenizer(vocabFile) {
  const lines = fs.readFileSync(vocabFile, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const vocab = {};
  lines.forEach((tok, i) => { vocab[tok] = i; });
  const special = [['[PAD]', 0], ['[UNK]', 100], ['[CLS]', 101], ['[SEP]', 102], ['[MASK]', 103]];
  for (const [tok, id] of special) {
    if (vocab[tok] !== id) throw new Error(`${tok} is not id ${id} in ${vocabFile}`);
  }
  const seq = (id, typeId) => ({ Sequence: { id, type_id: typeId } });
  const sp = (id, typeId) => ({ SpecialToken: { id, type_id: typeId } });
  const cfg = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: special.map(([content, id]) => ({
      id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [sp('[CLS]', 0), seq('A', 0), sp('[SEP]', 0)],
      pair: [sp('[CLS]', 0), seq('A', 0), sp('[SEP]', 0), seq('B', 1), sp('[SEP]', 1)],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [101], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [102], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
  return Tokenizer.fromString(JSON.stringify(cfg));
}

// mulberry32: a small seeded generator, so the fixture is reproducible.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  next.pick = (xs) => xs[Math.floor(next() * xs.length)];
  return next;
}

// ---- PDF text: slices of the corpus's reference texts ----

const isSpaceByte = (b) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c;

function loadCorpus(dir) {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  return files.map((f) => {
    const buf = fs.readFileSync(path.join(dir, f));
    const starts = []; // byte offsets where a word starts
    const ends = []; // byte offsets just past a word
    for (let i = 0; i < buf.length; i++) {
      const sp = isSpaceByte(buf[i]);
      const prevSp = i === 0 || isSpaceByte(buf[i - 1]);
      if (!sp && prevSp) starts.push(i);
      if (!sp && (i + 1 === buf.length || isSpaceByte(buf[i + 1]))) ends.push(i + 1);
    }
    return { file: f, buf, starts, ends };
  }).filter((d) => d.starts.length >= 5);
}

// slice returns a word-aligned slice of about words words, as a reference
// the test resolves and the text itself.
function slice(r, doc, words) {
  const n = doc.starts.length;
  const w = Math.min(words, n);
  const first = r.int(0, n - w);
  const off = doc.starts[first];
  const end = doc.ends[first + w - 1];
  const bytes = doc.buf.subarray(off, end);
  const sha = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return { ref: { file: doc.file, off, len: end - off, sha }, text: bytes.toString('utf8') };
}

function sliceLength(r) {
  const u = r();
  if (u < 0.25) return r.int(1, 40); // short: headings, table cells, queries
  if (u < 0.80) return r.int(120, 260); // what the chunker makes (about 180 words)
  return r.int(300, 900); // long: past the models' windows
}

// ---- adversarial strings ----

const cp = (...xs) => String.fromCodePoint(...xs);
const range = (lo, hi) => (r) => cp(r.int(lo, hi));
const pieces = [
  () => 'the', () => 'revenue', () => 'Unbelievably', () => 'GmbH', () => 'e-mail', () => "don't", () => '3.14159',
  () => '1,234,567', () => 'https://example.com/a?b=c&d=e', () => 'user@example.org', () => 'C++', () => 'x86_64',
  () => '[CLS]', () => '[SEP]', () => '[MASK]', () => '[PAD]', () => '[UNK]', () => '[cls]', () => '[CLS', () => 'SEP]',
  () => '[[SEP]]', () => '##ing', () => '#', () => '...', () => '—', () => '–', () => '“quoted”', () => '«guillemets»',
  () => 'ﬁnance', () => 'ﬂow', () => 'œuvre', () => 'Æsir', () => 'straße', () => 'STRASSE', () => 'İstanbul', () => 'ı',
  () => 'ΣΊΣΥΦΟΣ', () => 'ὀδυσσεύς', () => 'Москва', () => 'Ёлка', () => 'naïve café résumé', () => 'Zürich Ångström',
  () => 'e\u0301', () => 'a\u0300\u0301\u0302', () => 'n\u0303', () => '\u0301alone', () => 'x\u20dd', () => 'ǅungla',
  () => '東京都', () => '中文字符', () => '𠀀𠀁', () => '\u{2A700}\u{2B740}', () => '\u{31350}', () => '丽', () => '豈', () => '⺀',
  () => 'ひらがな', () => 'カタカナ', () => 'ｶﾀｶﾅ', () => '한국어', () => '\u1100\u1161\u11a8', () => 'ภาษาไทย', () => 'العربية',
  () => 'עִבְרִית', () => 'हिन्दी', () => 'বাংলা', () => 'தமிழ்', () => 'ქართული', () => 'Ελληνικά', () => 'ａｂｃ ＡＢＣ １２３',
  () => '😀', () => '👍🏽', () => '👨‍👩‍👧', () => '🇩🇪', () => '🥰', () => '🫠', () => '✔︎', () => '❤️', () => '©®™', () => '€$£¥₹₿',
  () => '±×÷≤≥≠∞∑∫√', () => '½¾⅓', () => '²³¹', () => '①②', () => 'Ⅻ', () => '℃℉', () => 'µm', () => 'Å', () => 'Ω', () => 'K',
  () => '•', () => '·', () => '§¶', () => '†‡', () => '′″', () => '‰', () => '\\', () => '`~^|<>=+_*&%$#@!?;:,.',
  () => '(){}[]', () => '\u00ad', () => 'co\u00adop\u00ader\u00adate', () => '\u200b', () => '\u200c\u200d', () => '\ufeff',
  () => '\u2060', () => '\u180e', () => '\u061c', () => '\u202e', () => '\u00a0', () => '\u2002', () => '\u2009', () => '\u3000',
  () => '\u1680', () => '\u2028', () => '\u2029', () => '\u202f', () => '\u205f', () => '\u0085', () => '\u000b', () => '\u000c',
  () => '\t', () => '\n', () => '\r\n', () => '\r', () => '\u0000', () => '\u0001', () => '\u001f', () => '\u007f',
  () => '\u0080', () => '\u009f', () => '\ufffd', () => '\ufffe', () => '\uffff', () => '\u0378', () => '\u{e0001}',
  () => '\u{e0100}', () => '\ufe0f', () => '\u{1d400}\u{1d41a}', () => '\u{1f100}',
  range(0xe000, 0xf8ff), range(0xf000, 0xf0ff), range(0xf0000, 0xffffd), range(0x100000, 0x10fffd),
  range(0x00, 0x1f), range(0x80, 0x9f), range(0x300, 0x36f), range(0x4e00, 0x9fff), range(0x3400, 0x4dbf),
  range(0xac00, 0xd7a3), range(0x20000, 0x2a6df), range(0xf900, 0xfaff), range(0x2f800, 0x2fa1f), range(0x1f300, 0x1faff),
  range(0x2000, 0x206f), range(0x2190, 0x23ff), range(0x0590, 0x06ff), range(0x0900, 0x0dff), range(0x1e00, 0x1fff),
  range(0x0370, 0x03ff), range(0x0400, 0x04ff), range(0xff00, 0xffef), range(0x20, 0x7e), range(0xa0, 0x24f),
  range(0x2c00, 0x2e7f), range(0xa000, 0xabff), range(0x10000, 0x1ffff),
  () => 'a'.repeat(99), () => 'b'.repeat(100), () => 'c'.repeat(101), () => 'é'.repeat(101), () => 'x'.repeat(300),
  () => 'ab'.repeat(60) + '.', () => 'pneumonoultramicroscopicsilicovolcanoconiosis',
];
const separators = ['', ' ', ' ', ' ', '  ', '\n', '\t', '\u00a0', '\f', '\v', '\u0085', '\uf0b7', '-', '/'];

function adversarial(r) {
  const n = r.int(1, 40);
  let s = '';
  for (let i = 0; i < n; i++) {
    s += r.pick(pieces)(r);
    s += r.pick(separators);
  }
  return s;
}

// Named edge cases, each checked as a single without truncation.
const edgeCases = [
  'bullet\uf0b7item', '\uf0b7 first point \uf0a7 second point', 'x\u{f0000}y\u{10fffd}z', '\ue000\uf8ff',
  'a\vb', 'a\fb', 'a\u0085b', 'page one\fpage two', 'vertical\u000btab', 'a\u2028b\u2029c',
  '[CLS]', '[SEP]', '[MASK]', '[PAD]', '[UNK]', 'a [CLS] b [SEP] c [MASK] d', '[cls] [sep]', 'x[SEP]y', '[[CLS]]',
  '[CLS][SEP][MASK]', ' [SEP] ', '[ CLS ]', 'ÀB[SEP]ÇD',
  'a\u0000b', 'a\u0001b\u0002c', 'tab\tand\nnewline\rcr\r\nCRLF', 'del\u007fete', 'c1\u0080\u009fend',
  'café naïve façade', 'e\u0301\u0301\u0301', '\u0301\u0302', 'İstanbul İİİ i̇', 'ß ẞ', 'Σσς', 'ǅ ǆ Ǆ',
  '東京は日本の首都です。', '中文字符，标点。', '한국어 텍스트', 'ภาษาไทย', '𠀀𪜀𫝀', '豈更車',
  'emoji 😀👍🏽👨‍👩‍👧 ✔︎ 🇩🇪 🥰 🫠', 'ﬁ ﬂ ﬀ ﬃ', 'Ａｂｃ ＡＢＣ', '½ ² ① Ⅻ', 'soft\u00adhyphen', 'zero\u200bwidth\ufeffbom',
  'a'.repeat(100), 'a'.repeat(101), 'é'.repeat(100), 'é'.repeat(101), 'x'.repeat(500), '',
  ' ', '\u00a0\u2003\u3000', '\u200b', '\ufffd', '\ufffdx\ufffd', 'How many people live in Berlin?',
];

// ---- every code point ----

// codepointText is the text of a "codepoints" case: each code point of
// [lo, hi] (surrogates left out) between two x's, the words separated by
// spaces, so that deletion, splitting, accent stripping and lowercasing
// of each show in the ids. The Go test builds the same text.
function codepointText(lo, hi) {
  let s = '';
  for (let c = lo; c <= hi; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    s += 'x' + String.fromCodePoint(c) + 'x ';
  }
  return s;
}

// ---- encoding ----

async function encode(tk, a, b, max) {
  if (max > 0) {
    tk.setTruncation(max, { strategy: 'LongestFirst' });
  } else {
    tk.disableTruncation();
  }
  const e = await tk.encode(a, b === undefined ? null : b, { addSpecialTokens: max > 0 });
  const ids = Array.from(e.getIds());
  const types = Array.from(e.getTypeIds());
  let t1 = types.indexOf(1);
  if (t1 < 0) t1 = ids.length;
  return { ids, t1 };
}

async function main() {
  const tk = referenceTokenizer(vocabPath);
  const docs = loadCorpus(corpusDir);
  const r = rng(20261202);
  const cases = [];
  const add = async (kind, a, b, max) => {
    const enc = await encode(tk, a.text, b && b.text, max);
    const c = { kind, max };
    c.a = a.ref ? a.ref : { text: a.text };
    if (b) c.b = b.ref ? b.ref : { text: b.text };
    c.ids = enc.ids;
    if (b) c.t1 = enc.t1;
    cases.push(c);
  };
  for (const s of edgeCases) await add('edge', { text: s }, null, 0);
  for (let i = 0; i < 800; i++) {
    const d = docs[i % docs.length];
    await add('pdf', slice(r, d, sliceLength(r)), null, r() < 0.5 ? 0 : r.pick([256, 512, 128]));
  }
  for (let i = 0; i < 700; i++) {
    await add('adversarial', { text: adversarial(r) }, null, r() < 0.7 ? 0 : r.pick([16, 32, 256]));
  }
  // PDF text with adversarial characters spliced in at word boundaries.
  for (let i = 0; i < 300; i++) {
    const s = slice(r, r.pick(docs), r.int(5, 200));
    const words = s.text.split(' ');
    for (let k = r.int(1, 5); k > 0; k--) {
      const at = r.int(0, words.length - 1);
      words[at] += r.pick(pieces)(r);
    }
    await add('pdf+adversarial', { text: words.join(' ') }, null, 0);
  }
  for (let i = 0; i < 700; i++) {
    const u = r();
    let q;
    if (u < 0.4) q = slice(r, r.pick(docs), r.int(3, 20)); // a question-sized query
    else if (u < 0.6) q = { text: adversarial(r) };
    else q = slice(r, r.pick(docs), r.int(100, 600)); // long on both sides
    const p = r() < 0.85 ? slice(r, r.pick(docs), sliceLength(r)) : { text: adversarial(r) };
    await add('pair', q, p, r.pick([512, 512, 256, 128, 64, 33, 32, 9]));
  }
  for (let lo = 0; lo <= 0x10ffff; lo += 1024) {
    const hi = lo + 1023;
    const enc = await encode(tk, codepointText(lo, hi), undefined, 0);
    cases.push({ kind: 'codepoints', max: 0, a: { codepoints: [lo, hi] }, ids: enc.ids });
  }
  const out = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
  fs.writeFileSync(outPath, zlib.gzipSync(Buffer.from(out), { level: 9 }));
  const counts = {};
  for (const c of cases) counts[c.kind] = (counts[c.kind] || 0) + 1;
  console.log(`${cases.length} cases, ${cases.reduce((n, c) => n + c.ids.length, 0)} ids:`, counts);
}

main().catch((e) => { console.error(e); process.exit(1); });
