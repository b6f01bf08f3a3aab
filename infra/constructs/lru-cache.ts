/**
 * Stands in for `mnemonist/lru-cache` in the bundles (issue 9 §3: about 7 KB of every DynamoDB bundle, with
 * `obliterator`). Its only importer is `@aws-sdk/endpoint-cache`, which the DynamoDB client builds at
 * construction for endpoint discovery (off unless AWS_ENABLE_ENDPOINT_DISCOVERY is set). The same
 * least-recently-used cache over a `Map` (insertion order is recency): what EndpointCache calls, with
 * mnemonist's meaning: `get` refreshes recency, `has` and `peek` do not, `set` beyond capacity evicts the oldest.
 */
export default class LRUCache<K, V> {
  private readonly items = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!(capacity > 0)) throw new Error('LRUCache: capacity should be a positive number');
  }

  get size(): number {
    return this.items.size;
  }

  get(key: K): V | undefined {
    if (!this.items.has(key)) return undefined;
    const value = this.items.get(key) as V;
    this.items.delete(key);
    this.items.set(key, value);
    return value;
  }

  peek(key: K): V | undefined {
    return this.items.get(key);
  }

  has(key: K): boolean {
    return this.items.has(key);
  }

  set(key: K, value: V): this {
    this.items.delete(key);
    this.items.set(key, value);
    if (this.items.size > this.capacity) this.items.delete(this.items.keys().next().value as K);
    return this;
  }

  clear(): void {
    this.items.clear();
  }
}
