// Property tests explore new random cases on every local run. In CI they run with a fixed seed, so a submission's
// result does not depend on luck; FC_SEED (fast-check prints the seed of any failure) replays a run anywhere.
import fc from "fast-check";

const seed = process.env.FC_SEED ?? (process.env.CI === undefined ? undefined : "20261122");
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
