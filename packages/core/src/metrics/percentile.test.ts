import { describe, expect, it } from "vitest";
import { mean, percentileDisc, rate } from "./percentile.ts";

describe("percentileDisc (nearest rank)", () => {
  it("takes position ceil(p·n), 1-based, of the sorted values", () => {
    const values = [40, 10, 30, 20];
    expect(percentileDisc(values, 0.5)).toBe(20); // ceil(2) = 2nd
    expect(percentileDisc(values, 0.9)).toBe(40); // ceil(3.6) = 4th
    expect(percentileDisc(values, 0.75)).toBe(30); // ceil(3) = 3rd
    expect(percentileDisc([5, 1, 3], 0.5)).toBe(3); // ceil(1.5) = 2nd
    expect(percentileDisc([7], 0.9)).toBe(7);
    expect(percentileDisc([1, 2], 0)).toBe(1);
  });

  it("gives null, never 0, for empty populations", () => {
    expect(percentileDisc([], 0.5)).toBeNull();
    expect(mean([])).toBeNull();
    expect(rate(0, 0)).toBeNull();
    expect(mean([1, 2, 6])).toBe(3);
    expect(rate(0, 4)).toBe(0);
  });

  it("adds a mean's values in ascending order whatever their order", () => {
    // 0.3 + 0.2 + 0.1 and 0.1 + 0.2 + 0.3 differ in the last digit.
    expect(0.3 + 0.2 + 0.1).not.toBe(0.1 + 0.2 + 0.3);
    expect(mean([0.3, 0.2, 0.1])).toBe((0.1 + 0.2 + 0.3) / 3);
  });
});
