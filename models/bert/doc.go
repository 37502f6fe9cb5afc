// Package bert runs BERT-family models on CPU through onnxruntime: sentence
// embedders (all-MiniLM-L6-v2, bge-small-en-v1.5, e5-small-v2) and
// cross-encoder rerankers (ms-marco-MiniLM), with a pure-Go WordPiece
// tokeniser.
//
// Every Embedder and Reranker needs the onnxruntime library loaded first;
// their constructors call onnx.InitRuntime with the options they are
// given. Sessions are created once and are safe for concurrent use.
package bert
