package bert

// Test hooks for the external tests (package bert_test).
var (
	NeedRuntime = needRuntime
	VocabPath   = vocabPath
)
