/** Seeded fault injection: the same seed gives the same faults for the same request sequence. */
export type FaultKind = '429' | '502' | '503' | 'reset' | 'after-commit';

const ANY_REQUEST: FaultKind[] = ['429', '502', '503', 'reset'];
const WRITE_REQUEST: FaultKind[] = [...ANY_REQUEST, 'after-commit'];

/** mulberry32: a small, well-known seeded PRNG. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultPlan {
  private readonly random: () => number;

  constructor(
    private readonly ratio: number,
    seed: number,
  ) {
    if (!(ratio >= 0 && ratio <= 1)) throw new Error(`--faults: ${ratio} is not a ratio between 0 and 1`);
    this.random = mulberry32(seed);
  }

  /** The fault for the next request, if it gets one; writes may also get a 5xx after their commit. */
  next(isWrite: boolean): FaultKind | undefined {
    if (this.ratio === 0) return undefined;
    const hit = this.random() < this.ratio;
    const pick = this.random();
    if (!hit) return undefined;
    const kinds = isWrite ? WRITE_REQUEST : ANY_REQUEST;
    return kinds[Math.floor(pick * kinds.length)];
  }
}
