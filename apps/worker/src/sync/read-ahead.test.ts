import { describe, expect, it } from "vitest";
import { readAhead } from "./read-ahead.ts";

/** A source whose pages arrive when the test releases them. */
function gatedSource(count: number, failAt?: number) {
  const gates: (() => void)[] = [];
  const asked: number[] = [];
  async function* pages(): AsyncGenerator<number> {
    for (let n = 0; n < count; n++) {
      asked.push(n);
      await new Promise<void>((resolve) => gates.push(resolve));
      if (n === failAt) throw new Error(`page ${n} failed`);
      yield n;
    }
  }
  const release = async () => {
    gates.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { pages, release, asked };
}

describe("readAhead", () => {
  it("yields every page once, in order; pages that arrived during a commit come in the next batch", async () => {
    const source = gatedSource(5);
    const batches = readAhead(source.pages(), 1);
    const first = batches.next();
    await source.release();
    expect((await first).value).toEqual([0]);
    // While page 0 is committed, pages 1 and 2 are asked for (depth 1 + the next); 1 arrives.
    const second = batches.next();
    await source.release();
    expect((await second).value).toEqual([1]);
    // Both 2 and 3 arrive during the next commit: they are committed together.
    await source.release();
    await source.release();
    expect((await batches.next()).value).toEqual([2, 3]);
    const last = batches.next();
    await source.release();
    expect((await last).value).toEqual([4]);
    expect((await batches.next()).done).toBe(true);
    expect(source.asked).toEqual([0, 1, 2, 3, 4]);
  });

  it("passes a source's failure on after the pages before it, never a page after it", async () => {
    const source = gatedSource(4, 2);
    const batches = readAhead(source.pages(), 1);
    const seen: number[] = [];
    const failure = (async () => {
      for await (const batch of batches) seen.push(...batch);
    })().then(
      () => undefined,
      (error: unknown) => error,
    );
    for (let i = 0; i < 3; i++) await source.release();
    expect(String(await failure)).toMatch("page 2 failed");
    expect(seen).toEqual([0, 1]);
  });
});
