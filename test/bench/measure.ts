/** Shared bench helpers: interleaved rounds so both sides see the same machine state. */

export interface Contender {
  name: string;
  /** Runs `n` operations. */
  run(n: number): Promise<void>;
}

/**
 * Operations per second of each contender, measured in alternating rounds (A B A B ...) after a warm-up,
 * taking the median round. Absolute numbers vary by machine; the ratio is what to read.
 */
export async function opsPerSecond(
  contenders: Contender[],
  { ops = 20_000, rounds = 7 } = {},
): Promise<Map<string, number>> {
  for (const c of contenders) await c.run(Math.ceil(ops / 4));
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (const c of r % 2 ? [...contenders].reverse() : contenders) {
      const start = process.hrtime.bigint();
      await c.run(ops);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      samples.get(c.name)!.push(ops / seconds);
    }
  }
  return new Map([...samples].map(([name, s]) => [name, median(s)]));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function printRatio(label: string, ours: number, baseline: number, target: number): void {
  const ratio = ours / baseline;
  const verdict = ratio >= target ? 'meets' : 'BELOW';
  console.log(
    `${label}: ours ${Math.round(ours).toLocaleString('en')} ops/s, baseline ${Math.round(baseline).toLocaleString('en')} ops/s, ` +
      `ratio ${ratio.toFixed(2)}x (target >= ${target}x: ${verdict})`,
  );
}
