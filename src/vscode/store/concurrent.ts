/**
 * `f` over `items` with at most `limit` calls pending at once, results in the items' order. Reading a folder's
 * files one after another waits for each round trip to the file system (a remote one in code-server);
 * a few at a time overlap them without flooding the host with a thousand pending reads.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>, stop?: () => boolean): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stop?.()) {
      const i = next++;
      out[i] = await f(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
