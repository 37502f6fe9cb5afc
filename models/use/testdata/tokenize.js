// Prints @energetic-ai/embeddings' own token ids for texts under a given
// vocabulary, for quire/neural/use's tokeniser tests.
//
// Usage: node tokenize.js VOCAB_JSON TEXTS_JSON
// Writes a JSON array with one array of ids per text to stdout. Only the
// package's Tokenizer runs, so its peer dependency @energetic-ai/core is
// replaced by an empty module.
"use strict";

const fs = require("fs");
const Module = require("module");

const origLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "@energetic-ai/core") return {};
  return origLoad.call(this, request, parent, isMain);
};
const { EmbeddingsModel } = require("@energetic-ai/embeddings");

const [vocabPath, textsPath] = process.argv.slice(2);
if (!textsPath) {
  console.error("usage: node tokenize.js VOCAB_JSON TEXTS_JSON");
  process.exit(2);
}
const vocabulary = JSON.parse(fs.readFileSync(vocabPath, "utf-8"));
const texts = JSON.parse(fs.readFileSync(textsPath, "utf-8"));
const em = new EmbeddingsModel({ vocabulary, model: null });
process.stdout.write(JSON.stringify(texts.map((t) => em.tokenizer.encode(t))));
