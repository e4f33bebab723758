// The line every bench script ends with, so run-all.mjs can collect a table:
//   BENCH_RESULT {"name", "measured", "baseline", "ratio", "target", "met"}
// `ratio` is measured / baseline (lower is better) or null; `met` is true/false, or null when
// the figure could not be taken (say why in `measured`).
export function benchResult(row) {
  console.log(`BENCH_RESULT ${JSON.stringify(row)}`);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const seconds = (s) => `${s.toFixed(3)} s`;
