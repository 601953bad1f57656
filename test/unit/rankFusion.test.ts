import { RRF_K, fuseRankings } from "../../src/domain/graph/rankFusion";

// Reciprocal rank fusion of the full-text and vector result lists in searchGraph.

const key = (item: { id: string }) => item.id;
const list = (...ids: string[]) => ids.map((id) => ({ id, from: "list" }));

describe("fuseRankings", () => {
  it("adds 1 / (k + rank) from every list an item is in, best first", () => {
    const fused = fuseRankings([list("a", "b"), list("c", "b")], key);
    expect(fused.map(({ item }) => item.id)).toEqual(["b", "a", "c"]);
    expect(fused[0]?.score).toBeCloseTo(2 / (RRF_K + 2));
    expect(fused[1]?.score).toBeCloseTo(1 / (RRF_K + 1));
  });

  it("keeps the first list's copy of an item, and breaks ties by first appearance", () => {
    const fused = fuseRankings([[{ id: "x", from: "text" }], [{ id: "y", from: "vector" }, { id: "x", from: "vector" }]], key);
    expect(fused.find(({ item }) => item.id === "x")?.item.from).toBe("text");
    expect(fuseRankings([list("p"), list("q")], key).map(({ item }) => item.id)).toEqual(["p", "q"]);
  });

  it("returns nothing for empty lists", () => {
    expect(fuseRankings([[], []], key)).toEqual([]);
  });
});
