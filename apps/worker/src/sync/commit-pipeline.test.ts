import { describe, expect, it } from "vitest";
import { CommitPipeline } from "./commit-pipeline.ts";

/** Commits that finish when the test says: records when each starts, what it was given and the order of commits. */
function gatedCommits() {
  const events: string[] = [];
  const gates = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  const start = (name: string) => async (after: Promise<void> | undefined) => {
    events.push(`start ${name}${after ? " after" : ""}`);
    await new Promise<void>((resolve, reject) => gates.set(name, { resolve, reject }));
    // As commitPages does: its own rows are written, then it waits for the previous commit before committing.
    await after;
    events.push(`commit ${name}`);
  };
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { events, start, gates, tick };
}

const keys = (...values: string[]) => new Set(values);

describe("CommitPipeline", () => {
  it("overlaps two batches with disjoint keys and commits them in order", async () => {
    const { events, start, gates, tick } = gatedCommits();
    const pipeline = new CommitPipeline({ overlap: true });
    await pipeline.submit(keys("a"), start("1"));
    await pipeline.submit(keys("b"), start("2"));
    expect(events).toEqual(["start 1", "start 2 after"]);
    // The second is ready first: it still commits after the first.
    gates.get("2")?.resolve();
    await tick();
    expect(events).toEqual(["start 1", "start 2 after"]);
    gates.get("1")?.resolve();
    await pipeline.drain();
    expect(events).toEqual(["start 1", "start 2 after", "commit 1", "commit 2"]);
  });

  it("keeps two batches in flight at most", async () => {
    const { events, start, gates, tick } = gatedCommits();
    const pipeline = new CommitPipeline({ overlap: true });
    await pipeline.submit(keys("a"), start("1"));
    await pipeline.submit(keys("b"), start("2"));
    const third = pipeline.submit(keys("c"), start("3"));
    await tick();
    expect(events).toEqual(["start 1", "start 2 after"]);
    gates.get("1")?.resolve();
    await third;
    expect(events).toEqual(["start 1", "start 2 after", "commit 1", "start 3 after"]);
    gates.get("3")?.resolve();
    gates.get("2")?.resolve();
    await pipeline.drain();
    expect(events.slice(-2)).toEqual(["commit 2", "commit 3"]);
  });

  it("waits for the batch in flight when keys overlap, a batch may not overlap, or overlap is off", async () => {
    for (const [overlap, first, second] of [
      [true, keys("a"), keys("a", "b")],
      [true, keys("a"), null],
      [true, null, keys("b")],
      [false, keys("a"), keys("b")],
    ] as const) {
      const { events, start, gates } = gatedCommits();
      const pipeline = new CommitPipeline({ overlap });
      await pipeline.submit(first, start("1"));
      const next = pipeline.submit(second, start("2"));
      gates.get("1")?.resolve();
      await next;
      expect(events).toEqual(["start 1", "commit 1", "start 2"]);
      gates.get("2")?.resolve();
      await pipeline.drain();
    }
  });

  it("a failed commit fails the next submit or drain, and the batch overlapping it does not commit", async () => {
    const { events, start, gates, tick } = gatedCommits();
    const pipeline = new CommitPipeline({ overlap: true });
    await pipeline.submit(keys("a"), start("1"));
    await pipeline.submit(keys("b"), start("2"));
    gates.get("2")?.resolve();
    gates.get("1")?.reject(new Error("commit 1 failed"));
    await tick();
    await expect(pipeline.drain()).rejects.toThrow("commit 1 failed");
    await pipeline.settled();
    expect(events).toEqual(["start 1", "start 2 after"]);
  });
});
