import type { Document, Node as YamlNode } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from 'yaml';

/** A YAML node and, where it is a map value, the key that holds it. */
export interface NodeAt {
  node: YamlNode | null;
  key: YamlNode | null;
}

/** A key as `toJS` names it: an empty key (`: text`) or `null:` is `""`. */
function keyText(value: unknown): string {
  return value === null ? '' : String(value);
}

/** Follows a path of map keys / sequence indexes; stops at the deepest node that exists. */
export function nodeAtPath(doc: Document.Parsed, path: readonly PropertyKey[]): NodeAt & { depth: number } {
  let current: NodeAt = { node: doc.contents, key: null };
  let depth = 0;
  for (const segment of path) {
    const { node } = current;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && keyText(p.key.value) === String(segment));
      if (!pair) break;
      current = { node: (pair.value as YamlNode | null) ?? null, key: pair.key as YamlNode };
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      current = { node: item as YamlNode, key: null };
    } else break;
    depth++;
  }
  return { ...current, depth };
}

export function offsetOf(at: NodeAt): number {
  return at.key?.range?.[0] ?? at.node?.range?.[0] ?? 0;
}

/** The value's position when there is one (what to change), else its key's. */
export function valueOffsetOf(at: NodeAt): number {
  return at.node?.range?.[0] ?? offsetOf(at);
}
