/**
 * A value loaded on the first call and kept for the container's life; a failed load is forgotten, so the next call
 * tries again instead of keeping the failure (the lazily imported SDK clients, the signer's key, the docs renderer).
 */
export function cached<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () =>
    (value ??= load().catch((error: unknown) => {
      value = undefined;
      throw error;
    }));
}
