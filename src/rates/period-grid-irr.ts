/**
 * The internal rate of return of flows that sit on a grid of periods — a whole number W of periods plus, for a few
 * flows, a fraction φ of the time unit: time = W / periodsPerUnit + φ. The EU APRC (months, weeks or years
 * counted back, then days) and the China annualized rate (whole repayment periods) are such rates, and they are
 * computed for every schedule, so this is `irrAtTimes` (irr.ts) made cheap for them: same equation, same root
 * policy (`solveRate`), same results to the solver's tolerance.
 *
 * What makes it cheap: the flows are netted and split once, and each evaluation of the net present value is one
 * pass without a call in it. In s = ln(1 + r), a grid flow's discount factor is b^ΔW with b = e^(−s / periodsPerUnit)
 * and ΔW its distance in periods from the first (or, for s < 0, the last) grid flow, so walking the flows in order
 * it is the previous factor times b — one multiplication instead of an exp. The few flows off the grid (φ ≠ 0)
 * take an exp each. As in irr.ts the sum is scaled so that no factor exceeds 1: times count from the first
 * flow when s ≥ 0 and from the last one when s < 0.
 *
 * Flows netted to two, or to one sign, go to `irrAtTimes` itself (closed form, or its error).
 */
import { DEFAULT_GUESS, irrAtTimes, type RateResult, solveRate } from "./irr.ts";

/** Flows on the grid; `times[k]` is `wholes[k] / periodsPerUnit + fractions[k]` as a float (from the exact time). */
export interface PeriodGridFlows {
  readonly wholes: readonly number[];
  /** Exactly 0 for a flow on the grid. */
  readonly fractions: readonly number[];
  readonly times: readonly number[];
  /** Signed: some positive, some negative (validated by the caller, like `irrAtTimes` does). */
  readonly amounts: readonly number[];
  readonly periodsPerUnit: number;
}

/** The rate per time unit that makes Σ amounts[k]·(1 + rate)^(−times[k]) zero: `irrAtTimes` of the same flows. */
export function periodGridIrr(flows: PeriodGridFlows, field = "flows"): RateResult {
  const netted = net(flows);
  if (netted.signChanges === 0 || netted.count <= 2) {
    return irrAtTimes(flows.times, flows.amounts, { field });
  }
  const npv = netPresentValue(netted);
  return solveRate(npv.value, {
    guess: netted.signChanges === 1 ? newtonGuess(netted) : DEFAULT_GUESS,
    signChanges: netted.signChanges,
    derivative: npv.slope,
    field,
  });
}

/**
 * With one sign change the rate is unique and the guess only decides how fast it is found (irr.ts): one Newton
 * step from r = 0, s = Σ a / Σ (t − t₀)·a, lands near it (below it, for a loan), which saves the solver half its
 * evaluations against the fixed 10 %. With more sign changes the guess picks the root, so it stays irr.ts's.
 */
function newtonGuess(netted: Netted): number {
  const s = netted.total / netted.timeWeighted;
  return Number.isFinite(s) ? Math.expm1(s) : DEFAULT_GUESS; // float-ok: a starting point for the float solver
}

/** The flows in time order, those at the same time added up, zeros dropped (as irr.ts's `prepareFlows`). */
interface Netted {
  readonly periodsPerUnit: number;
  /** The grid flows, in time order: whole periods and amounts. */
  readonly wholes: number[];
  readonly amounts: number[];
  /** The flows off the grid: times and amounts. */
  readonly oddTimes: number[];
  readonly oddAmounts: number[];
  /** First and last time of all flows; fewest and most whole periods of the grid flows. */
  readonly firstTime: number;
  readonly lastTime: number;
  readonly minWhole: number;
  readonly maxWhole: number;
  /** Whether `sumWalking` can do the grid flows (else `sumExp`). */
  readonly walkable: boolean;
  readonly count: number;
  readonly signChanges: number;
  /** Σ a and Σ (t − firstTime)·a, for `newtonGuess`. */
  readonly total: number;
  readonly timeWeighted: number;
}

function net(flows: PeriodGridFlows): Netted {
  const { wholes, fractions, times, amounts } = inTimeOrder(flows);
  const n = times.length;
  // Plain arrays filled by index: a Float64Array of this size costs more to allocate than the whole fill.
  const gridWholes = new Array<number>(n);
  const gridAmounts = new Array<number>(n);
  const oddTimes: number[] = [];
  const oddAmounts: number[] = [];
  // Kept in locals, not in the result object, while the loop runs.
  let grid = 0;
  let count = 0;
  let signChanges = 0;
  let lastSign = 0;
  let firstTime = 0;
  let lastTime = 0;
  let total = 0;
  let timeWeighted = 0;
  for (let j = 0; j < n; ) {
    const first = j;
    const time = times[first] as number;
    let amount = amounts[first] as number;
    // float-ok: amounts at the same time are added in the order prepareFlows adds them
    for (j++; j < n && times[j] === time; j++) amount += amounts[j] as number;
    if (amount === 0) continue;
    const sign = amount > 0 ? 1 : -1;
    if (lastSign !== 0 && sign !== lastSign) signChanges++;
    lastSign = sign;
    if (count++ === 0) firstTime = time;
    lastTime = time;
    total += amount; // float-ok: for the solver's starting point only
    timeWeighted += (time - firstTime) * amount; // float-ok: as above
    // Flows at the same time have the same whole periods and fraction: any of them tells where the sum sits.
    if (fractions[first] === 0) {
      gridWholes[grid] = wholes[first] as number;
      gridAmounts[grid++] = amount;
    } else {
      oddTimes.push(time);
      oddAmounts.push(amount);
    }
  }
  gridWholes.length = grid;
  gridAmounts.length = grid;
  const walk = walkability(gridWholes);
  return {
    periodsPerUnit: flows.periodsPerUnit,
    wholes: gridWholes,
    amounts: gridAmounts,
    oddTimes,
    oddAmounts,
    firstTime,
    lastTime,
    ...walk,
    count,
    signChanges,
    total,
    timeWeighted,
  };
}

/** The flows sorted by time (stably); themselves when in time order already, as a schedule's are. */
function inTimeOrder(flows: PeriodGridFlows): PeriodGridFlows {
  const { times } = flows;
  let sorted = true;
  for (let k = 1; k < times.length && sorted; k++) sorted = (times[k] as number) >= (times[k - 1] as number);
  if (sorted) return flows;
  const order = Array.from(times, (_, i) => i).sort(
    (a, b) => (times[a] as number) - (times[b] as number) || a - b,
  );
  const pick = (column: readonly number[]): number[] => order.map((i) => column[i] as number);
  return {
    wholes: pick(flows.wholes),
    fractions: pick(flows.fractions),
    times: pick(times),
    amounts: pick(flows.amounts),
    periodsPerUnit: flows.periodsPerUnit,
  };
}

/**
 * The fewest and most whole periods of the grid flows, and whether `sumWalking` suits them: in period order (as
 * they are in time order), spanning not too many periods.
 */
function walkability(wholes: readonly number[]): { minWhole: number; maxWhole: number; walkable: boolean } {
  let minWhole = Number.POSITIVE_INFINITY;
  let maxWhole = Number.NEGATIVE_INFINITY;
  let ordered = true;
  for (let k = 0; k < wholes.length; k++) {
    const whole = wholes[k] as number;
    if (whole < minWhole) minWhole = whole;
    if (whole > maxWhole) maxWhole = whole;
    if (k > 0 && whole < (wholes[k - 1] as number)) ordered = false;
  }
  return { minWhole, maxWhole, walkable: ordered && maxWhole - minWhole <= 4 * wholes.length + 64 };
}

/**
 * The scaled net present value at s and its derivative in s, remembering the last few points (the root finder asks
 * for the derivative where it has just asked for the value, and starts from bracket ends it evaluated).
 */
function netPresentValue(netted: Netted): { value: (s: number) => number; slope: (s: number) => number } {
  const memory = Array.from({ length: REMEMBERED }, () => [Number.NaN, 0, 0]);
  let next = 0;
  const at = (s: number): number[] => {
    for (const entry of memory) if (entry[0] === s) return entry;
    const entry = memory[next] as number[];
    next = (next + 1) % REMEMBERED;
    evaluate(netted, s, entry);
    return entry;
  };
  return { value: (s) => at(s)[1] as number, slope: (s) => at(s)[2] as number };
}

const REMEMBERED = 4;

/**
 * [s, V, V'] into `into`, V = Σ a·e^(−s·(t − ref)) with ref the first time (s ≥ 0) or the last (s < 0): every
 * factor is at most 1, and the flow at ref has exactly 1, so V neither overflows nor vanishes.
 */
function evaluate(netted: Netted, s: number, into: number[]): void {
  const { wholes, amounts, oddTimes, oddAmounts, periodsPerUnit } = netted;
  const backward = s < 0;
  const ref = backward ? netted.lastTime : netted.firstTime;
  let sum = 0;
  let weighted = 0; // Σ t·term
  if (wholes.length > 0) {
    // The grid: the factor of its edge (fewest periods, or most for s < 0), then b per period away from it.
    const edge = backward ? netted.maxWhole : netted.minWhole;
    const scale = Math.exp(-s * (edge / periodsPerUnit - ref)); // float-ok: the rate is solved in floating point
    const logBase = -Math.abs(s) / periodsPerUnit; // float-ok: same solver
    if (netted.walkable) sumWalking(wholes, amounts, Math.exp(logBase), backward, into);
    else sumExp(wholes, amounts, edge, logBase, into);
    sum = scale * (into[1] as number); // float-ok: same solver
    weighted = (scale * (into[2] as number)) / periodsPerUnit; // float-ok: same solver
  }
  for (let k = 0; k < oddTimes.length; k++) {
    const t = oddTimes[k] as number;
    const term = (oddAmounts[k] as number) * Math.exp(-s * (t - ref)); // float-ok: same solver
    sum += term;
    weighted += term * t; // float-ok: same solver
  }
  into[0] = s;
  into[1] = sum;
  into[2] = -(weighted - ref * sum); // float-ok: d/ds of Σ a·e^(−s·(t − ref)) is −Σ (t − ref)·a·e^(…)
}

/**
 * Σ a·b^ΔW into `into[1]` and Σ W·a·b^ΔW into `into[2]`, ΔW the periods from the first grid flow (from the last
 * one, walking backwards). The factor is carried from flow to flow, so the loops make no call: a call anywhere in
 * them, even one not taken, makes them about twice as slow.
 */
function sumWalking(
  wholes: readonly number[],
  amounts: readonly number[],
  base: number,
  backward: boolean,
  into: number[],
): void {
  const n = wholes.length;
  let factor = 1;
  let sum = 0;
  let weighted = 0;
  if (backward) {
    let whole = wholes[n - 1] as number;
    for (let k = n - 1; k >= 0; k--) {
      const next = wholes[k] as number;
      for (; whole > next; whole--) factor *= base; // float-ok: the solver's discount factors
      const term = (amounts[k] as number) * factor; // float-ok: same solver
      sum += term;
      weighted += term * whole; // float-ok: same solver
    }
  } else {
    let whole = wholes[0] as number;
    for (let k = 0; k < n; k++) {
      const next = wholes[k] as number;
      for (; whole < next; whole++) factor *= base; // float-ok: the solver's discount factors
      const term = (amounts[k] as number) * factor; // float-ok: same solver
      sum += term;
      weighted += term * whole; // float-ok: same solver
    }
  }
  into[1] = sum;
  into[2] = weighted;
}

/** `sumWalking` for grid flows out of order or far apart: b^|W − edge| = exp(|W − edge|·ln b) for each. */
function sumExp(
  wholes: readonly number[],
  amounts: readonly number[],
  edge: number,
  logBase: number,
  into: number[],
): void {
  let sum = 0;
  let weighted = 0;
  for (let k = 0; k < wholes.length; k++) {
    const whole = wholes[k] as number;
    const term = (amounts[k] as number) * Math.exp(Math.abs(whole - edge) * logBase); // float-ok: same solver
    sum += term;
    weighted += term * whole; // float-ok: same solver
  }
  into[1] = sum;
  into[2] = weighted;
}
