/** Adds `value` to the list kept under `key` (a map of lists: items by term, facts by claim, references by article). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
