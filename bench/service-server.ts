// The data a service benchmark loads: it opens the store, creates a tenant with `--loans` disbursed loans
// through the app's operations, prints one JSON line (an officer key and the loan ids) and exits; the bench
// then serves that database with `tenor serve` in processes of their own.
//
//   node bench/service-server.ts --loans 1000 [--database-url postgres://… --schema bench_x] [--data-dir DIR]
import { parseArgs } from "node:util";
import { TenorApp } from "../src/app/service.ts";
import { createTenant } from "../src/app/tenants.ts";
import { openStore } from "../src/store/database.ts";
import { annuityProductTerms } from "../test/support/service-fixtures.ts";

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
  terms: annuityProductTerms(360),
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
process.stdout.write(`${JSON.stringify({ key: officer.key, loanIds, engine: store.kind })}\n`);
await store.close();
