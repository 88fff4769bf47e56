// A worker process for the crash test: like src/jobs/eod-worker-main.ts, but once it has locked the loans of
// the first partition it takes, it prints `{"holding": [loan ids]}` and stops there, holding the partition
// until the test kills it (SIGKILL: no clean-up of any kind, as when a machine is lost).
import { startEodWorker } from "../../src/jobs/eod-worker.ts";
import { openStore } from "../../src/store/database.ts";

const store = await openStore({
  databaseUrl: process.env.DATABASE_URL,
  schema: process.env.DATABASE_SCHEMA || undefined,
});
const worker = await startEodWorker({
  store,
  workerName: process.env.EOD_WORKER_NAME,
  hooks: {
    afterLock: async (loanIds) => {
      process.stdout.write(`${JSON.stringify({ holding: loanIds })}\n`);
      await new Promise(() => {});
    },
  },
});
process.stdout.write(`${JSON.stringify({ ready: worker.name })}\n`);
