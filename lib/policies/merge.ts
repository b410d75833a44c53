// Merge rules of policies (documented in docs/config-reference.md and policies/policy.schema.json):
//   - mappings deep-merge: the override's keys replace or merge into the base's, the base's other keys stay;
//   - lists whose items are mappings with an `id` (gate rules) merge by id: an item with a known id deep-merges into
//     the base's item in place, an item with a new id is appended;
//   - everything else (scalars, plain lists such as evidence.required) is replaced by the override's value;
//   - `extends` is never inherited (it names the base; the merged result has none).

type Path = Array<string | number>;

/** Where a merged value came from: which layer (index into the layers merged) and the path inside that layer. */
export interface Origin {
  layer: number;
  path: Path;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isRuleList = (v: unknown): v is Array<Record<string, unknown>> => Array.isArray(v) && v.every((item) => isObj(item) && typeof item.id === 'string');

/** Records, for merged paths, which layer set them; lookups fall back to the deepest recorded ancestor. */
export class Provenance {
  private readonly origins = new Map<string, Origin>();

  constructor(root: Origin) {
    this.origins.set(key([]), root);
  }

  /** The origin of a merged path: the deepest recorded ancestor's, extended by the remaining segments. */
  get(path: Path): Origin {
    for (let n = path.length; n >= 0; n--) {
      const found = this.origins.get(key(path.slice(0, n)));
      if (found) return { layer: found.layer, path: [...found.path, ...path.slice(n)] };
    }
    throw new Error('unreachable: the root always has an origin');
  }

  /** Sets the origin of a path and forgets what was recorded below it (the value there was replaced). */
  set(path: Path, origin: Origin): void {
    const prefix = key(path);
    for (const k of [...this.origins.keys()]) if (k.startsWith(prefix.slice(0, -1) + ',') || k === prefix) this.origins.delete(k);
    this.origins.set(prefix, origin);
  }

  /** Records the origin of a path itself, keeping what is recorded below it (a mapping merged in place). */
  mark(path: Path, origin: Origin): void {
    this.origins.set(key(path), origin);
  }

  /** Pins the current origin of a path, so that setting an ancestor later does not change it. */
  pin(path: Path): void {
    this.origins.set(key(path), this.get(path));
  }
}

function key(path: Path): string {
  return JSON.stringify(path);
}

/** Merges `override` (layer `layer`) onto `base` by the policy merge rules, recording origins in `provenance`. */
export function mergeWithProvenance(base: unknown, override: unknown, provenance: Provenance, layer: number, mergedPath: Path = [], overridePath: Path = []): unknown {
  if (isObj(base) && isObj(override)) {
    const result: Record<string, unknown> = { ...base };
    for (const k of Object.keys(base)) provenance.pin([...mergedPath, k]);
    // The mapping as a whole (e.g. a rule merged by id) is where its latest layer wrote it.
    provenance.mark(mergedPath, { layer, path: overridePath });
    for (const [k, value] of Object.entries(override)) {
      if (mergedPath.length === 0 && k === 'extends') continue;
      if (k in base) result[k] = mergeWithProvenance(base[k], value, provenance, layer, [...mergedPath, k], [...overridePath, k]);
      else {
        result[k] = structuredClone(value);
        provenance.set([...mergedPath, k], { layer, path: [...overridePath, k] });
      }
    }
    return result;
  }
  if (isRuleList(base) && isRuleList(override)) {
    const result = base.map((item) => structuredClone(item) as Record<string, unknown>);
    base.forEach((_, i) => provenance.pin([...mergedPath, i]));
    override.forEach((item, j) => {
      const i = result.findIndex((r) => r.id === item.id);
      if (i >= 0) result[i] = mergeWithProvenance(result[i], item, provenance, layer, [...mergedPath, i], [...overridePath, j]) as Record<string, unknown>;
      else {
        provenance.set([...mergedPath, result.length], { layer, path: [...overridePath, j] });
        result.push(structuredClone(item));
      }
    });
    return result;
  }
  provenance.set(mergedPath, { layer, path: overridePath });
  return structuredClone(override);
}

/** Merges policy layers, base first, by the policy merge rules; the result has no `extends`. Pure. */
export function mergePolicyLayers<T extends object>(layers: readonly T[]): { value: T; provenance: Provenance } {
  const provenance = new Provenance({ layer: 0, path: [] });
  let value: unknown = {};
  layers.forEach((layer, i) => {
    if (i === 0) {
      const { extends: _ignored, ...rest } = layer as Record<string, unknown>;
      value = structuredClone(rest);
    } else value = mergeWithProvenance(value, layer, provenance, i);
  });
  return { value: value as T, provenance };
}

/** Merges one override onto a base policy by the policy merge rules. Pure. */
export function mergePolicies<T extends object>(base: T, override: T): T {
  return mergePolicyLayers([base, override]).value;
}
