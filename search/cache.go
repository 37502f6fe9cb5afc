package search

import (
	"container/list"
	"fmt"
	"slices"
	"sync"
)

// resultCache remembers recent results. An entry is valid only for the
// store generation it was computed at, so any ingest or delete
// invalidates every entry at once.
type resultCache struct {
	mu    sync.Mutex
	max   int
	ll    *list.List
	items map[string]*list.Element
}

type cacheEntry struct {
	key string
	gen uint64
	res Result
}

func newResultCache(size int) *resultCache {
	return &resultCache{max: size, ll: list.New(), items: map[string]*list.Element{}}
}

func cacheKey(q Query) string {
	docs := slices.Clone(q.Docs)
	slices.Sort(docs)
	return fmt.Sprintf("%s\x00%d\x00%v\x00%t\x00%t\x00%s", q.Mode, q.TopK, docs, q.All, q.Exact, q.Text)
}

func (c *resultCache) get(q Query, gen uint64) (Result, bool) {
	if c.max <= 0 {
		return Result{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[cacheKey(q)]
	if !ok {
		return Result{}, false
	}
	e := el.Value.(*cacheEntry)
	if e.gen != gen {
		c.ll.Remove(el)
		delete(c.items, e.key)
		return Result{}, false
	}
	c.ll.MoveToFront(el)
	r := e.res
	r.Hits = slices.Clone(r.Hits) // callers may reorder their copy
	return r, true
}

func (c *resultCache) put(q Query, gen uint64, r Result) {
	if c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	key := cacheKey(q)
	r.Hits = slices.Clone(r.Hits)
	if el, ok := c.items[key]; ok {
		el.Value = &cacheEntry{key: key, gen: gen, res: r}
		c.ll.MoveToFront(el)
		return
	}
	c.items[key] = c.ll.PushFront(&cacheEntry{key: key, gen: gen, res: r})
	for c.ll.Len() > c.max {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.items, last.Value.(*cacheEntry).key)
	}
}
