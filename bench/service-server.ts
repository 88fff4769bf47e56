// The API server a service benchmark talks to, in a process of its own (so that the load generator does not
// share its event loop). It opens the store, creates a tenant with `--loans` disbursed loans through the app's
// operations, starts the HTTP server and prints one JSON line: the URL, an officer key and the loan ids. It
// serves until its parent ends it.
//
//   node bench/service-server.ts --loans 1000 [--database-url postgres://… --schema bench_x] [--data-dir DIR]
import { parseArgs } from "node:util";
import { startServer } from "../src/api/server.ts";
import { TenorApp } from "../src/app/service.ts";
import { createTenant } from "../src/app/tenants.ts";
import { openStore } from "../src/store/database.ts";

const { values } = parseArgs({
  options: {
    loans: { type: "string", default: "1000" },
    "database-url": { type: "string" },
    schema: { type: "string" },
    "data-dir": { type: "string" },
    "pool-size": { type: "string", default: "20" },
  },
});

export const BUSINESS_DATE = "2025-01-20";

const store = await openStore({
  databaseUrl: values["database-url"],
  schema: values.schema,
  dataDir: values["data-dir"],
  poolSize: Number(values["pool-size"]),
});
const app = new TenorApp(store);
const { adminKey } = await createTenant(store, {
  tenantId: "bench",
  name: "Bench",
  businessDate: BUSINESS_DATE,
});
const admin = await app.authenticator.authenticate(adminKey);
await app.perform("products.create", admin, {
  productId: "annuity",
  name: "Annuity",
  terms: {
    currency: "USD",
    loanType: "annuity",
    period: "monthly",
    principal: { min: "100.00", max: "100000.00" },
    installments: { min: 1, max: 360 },
    interest: { rate: { min: "0", max: "30" }, per: "year" },
  },
  servicing: { lateGraceDays: 3, lateFee: { amount: "15.00" } },
});
const officer = (await app.perform("apiKeys.create", admin, { role: "officer", label: "bench" })).body as {
  key: string;
};
const loanIds: string[] = [];
const count = Number(values.loans);
for (let k = 0; k < count; k++) {
  const borrowerId = `b${k}`;
  await app.perform("borrowers.create", admin, { borrowerId, name: `Borrower ${k}` });
  const submitted = await app.perform("applications.submit", admin, {
    borrowerId,
    productId: "annuity",
    principal: "10000.00",
    installments: 36,
    interestRate: "12",
    disbursementDate: "2025-01-01",
  });
  const { applicationId } = submitted.body as { applicationId: string };
  const { loanId } = (await app.perform("applications.approve", admin, { applicationId })).body as {
    loanId: string;
  };
  await app.perform("loans.disburse", admin, { loanId });
  loanIds.push(loanId);
}
const server = await startServer({ app, port: 0 });
process.stdout.write(
  `${JSON.stringify({ url: server.url, key: officer.key, loanIds, engine: store.kind })}\n`,
);
const stop = async () => {
  await server.close();
  await store.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
