// Compact record store: records are rendered on demand from the story (or a fixture) as of the sandbox clock,
// then test mutations (patches) are layered on top. Nothing is materialised per record up front.

export interface Patch {
  /** Sandbox clock time of the change. */
  at: number;
  /** Wall-clock time of the change (search index lag is measured in wall time). */
  wallAt: number;
  set?: Record<string, string | number | boolean | null>;
  deleted?: boolean;
  mergedInto?: string;
  mergedFrom?: string;
}

/** What a reader sees: the story up to `asOf`, and the patches `patchVisible` lets through. */
export interface View {
  asOf: number;
  patchVisible(patch: Patch): boolean;
  /** Wall-clock delay before patches become visible (search index lag). */
  lagMs?: number;
}

export interface Source<R> {
  size(): number;
  createdAt(index: number): number;
  idAt(index: number): string;
  indexOf(id: string): number;
  render(index: number, asOf: number): R;
  /** Ids ascend with the index (string order), as a real CRM's primary-key index reads them. */
  idOrdered?: boolean;
  /** When the story deletes the record (0: never), known without rendering it (a recycle bin's index). */
  deletedAt?: (index: number) => number;
}

export type ApplyPatch<R> = (record: R, patch: Patch) => R;

export class Collection<R> {
  readonly source: Source<R>;
  private readonly applyPatch: ApplyPatch<R>;
  private readonly patches = new Map<string, Patch[]>();
  /** Story values by index as of one instant (a search index); patched records are read in full instead. */
  private readonly storyIndexes = new Map<string, Float64Array>();
  /** Bumped on every patch, with the wall time of the latest one (caches key on both). */
  version = 0;
  lastPatchWallAt = 0;

  constructor(source: Source<R>, applyPatch: ApplyPatch<R>) {
    this.source = source;
    this.applyPatch = applyPatch;
  }

  /** Records are created in index order, so the records existing at `asOf` are a prefix. */
  visibleCount(view: View): number {
    let low = 0;
    let high = this.source.size();
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.source.createdAt(mid) <= view.asOf) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  at(index: number, view: View): R {
    let record = this.source.render(index, view.asOf);
    const patches = this.patches.get(this.source.idAt(index));
    if (patches) for (const patch of patches) if (view.patchVisible(patch)) record = this.applyPatch(record, patch);
    return record;
  }

  /** False only when the record is surely live in this view (not deleted by the story, never patched). */
  mayBeDeleted(index: number, view: View): boolean {
    const at = this.source.deletedAt?.(index);
    if (at === undefined) return true;
    return (at > 0 && at <= view.asOf) || (this.patches.size > 0 && this.patches.has(this.source.idAt(index)));
  }

  /** With `idOrdered`: the first index whose id is above `id` (or equal, when `inclusive`). */
  firstIndexAfter(id: string, inclusive: boolean): number {
    let low = 0;
    let high = this.source.size();
    while (low < high) {
      const mid = (low + high) >>> 1;
      const at = this.source.idAt(mid);
      if (at < id || (!inclusive && at === id)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Whether test mutations touched this record (story indexes do not cover it then). */
  patched(index: number): boolean {
    return this.patches.has(this.source.idAt(index));
  }

  /**
   * One number per record of the story as of `asOf`, without patches (NaN where `value` has none): what a
   * CRM's index on that property answers. Built once per (name, asOf), so paging a search does not
   * render every record for every page.
   */
  storyIndex(name: string, asOf: number, value: (record: R) => number): Float64Array {
    const key = `${name}@${asOf}`;
    let index = this.storyIndexes.get(key);
    if (!index) {
      const count = this.visibleCount({ asOf, patchVisible: () => false });
      index = new Float64Array(count);
      for (let i = 0; i < count; i++) index[i] = value(this.source.render(i, asOf));
      if (this.storyIndexes.size >= 8) this.storyIndexes.delete(this.storyIndexes.keys().next().value as string);
      this.storyIndexes.set(key, index);
    }
    return index;
  }

  find(id: string, view: View): R | undefined {
    const index = this.source.indexOf(id);
    if (index < 0 || index >= this.visibleCount(view)) return undefined;
    return this.at(index, view);
  }

  patch(id: string, patch: Patch): boolean {
    if (this.source.indexOf(id) < 0) return false;
    const list = this.patches.get(id) ?? [];
    list.push(patch);
    this.patches.set(id, list);
    this.version++;
    this.lastPatchWallAt = Math.max(this.lastPatchWallAt, patch.wallAt);
    return true;
  }

  *scan(view: View): Generator<R> {
    const count = this.visibleCount(view);
    for (let i = 0; i < count; i++) yield this.at(i, view);
  }
}

/** A source over records already in their final shape (fixtures): all visible whatever the clock, in `order`. */
export function arraySource<R>(records: R[], idOf: (r: R) => string, order: (a: R, b: R) => number): Source<R> {
  const sorted = [...records].sort(order);
  const idOrdered = sorted.every((r, i) => i === 0 || idOf(sorted[i - 1] as R) < idOf(r));
  const byId = new Map<string, number>();
  sorted.forEach((r, i) => {
    byId.set(idOf(r), i);
  });
  return {
    size: () => sorted.length,
    createdAt: () => Number.NEGATIVE_INFINITY,
    idAt: (i) => idOf(sorted[i] as R),
    indexOf: (id) => byId.get(id) ?? -1,
    render: (i) => structuredClone(sorted[i] as R),
    idOrdered,
  };
}
