// The immutable LoanState a replay ends with: installments numbered, amounts per component, balances, days
// past due, the pay-off amount and the cash flow resolved to installment numbers.
import type { DayNumber } from "../core/calendar-date.ts";
import {
  accrued,
  type Book,
  type BookInstallment,
  COMPONENT_NAMES,
  currentIndex,
  N,
  outstanding,
  overdueAmount,
  P,
} from "./loan-book.ts";
import { payoffAmount } from "./repayment.ts";
import type { Amounts, CashFlowEntry, DelinquencyBucket, InstallmentState, LoanState } from "./types.ts";

export function snapshot(book: Book, asOf: DayNumber): LoanState {
  const numbers = new Map<string, number>();
  const current = currentIndex(book, asOf);
  const installments = book.installments.map((inst, index): InstallmentState => {
    numbers.set(inst.uid, index + 1);
    return {
      number: index + 1,
      startDay: inst.startDay,
      dueDay: inst.dueDay,
      scheduled: amounts((c) => inst.scheduled[c] as number),
      accrued: amounts((c) => accrued(book, inst, c, asOf)),
      paid: amounts((c) => inst.paid[c] as number),
      waived: amounts((c) => inst.waived[c] as number),
      writtenOff: amounts((c) => inst.writtenOff[c] as number),
      outstanding: amounts((c) => outstanding(book, inst, c, asOf)),
      closedDay: inst.closedDay,
      bucket:
        inst.closedDay !== undefined
          ? "closed"
          : index < current
            ? "past-due"
            : index === current
              ? "due"
              : "not-yet-due",
    };
  });
  const sum = (pick: (inst: InstallmentState) => Amounts): Amounts =>
    amounts((c) =>
      installments.reduce(
        (total, inst) => total + (pick(inst)[COMPONENT_NAMES[c] as keyof Amounts] as number),
        0,
      ),
    );
  const daysPastDue = daysPastDueOf(book, asOf);
  const cashFlow: CashFlowEntry[] = book.cashFlow.map(({ uid, ...line }) => ({
    ...line,
    installment: numbers.get(uid) ?? 0,
  }));
  return {
    asOfDay: asOf,
    status: book.status,
    installments,
    outstanding: sum((inst) => inst.outstanding),
    creditBalanceMinor: book.creditBalance,
    daysPastDue,
    delinquency: delinquencyOf(daysPastDue),
    payoffMinor: payoffAmount(book, asOf),
    totals: {
      disbursedMinor: book.disbursed,
      receivedMinor: book.received,
      paid: sum((inst) => inst.paid),
      waived: sum((inst) => inst.waived),
      writtenOff: sum((inst) => inst.writtenOff),
      refundedMinor: book.refunded,
      recoveredMinor: book.recovered,
    },
    cashFlow,
    postings: book.postings,
  };
}

function amounts(of: (component: number) => number): Amounts {
  return { principal: of(P), interest: of(1), fee: of(2), penalty: of(N) };
}

/** §4: days since the oldest installment with principal, interest or fee overdue fell due. */
function daysPastDueOf(book: Book, asOf: DayNumber): number {
  for (const inst of book.installments as readonly BookInstallment[]) {
    if (inst.dueDay >= asOf) break;
    if (inst.closedDay === undefined && overdueAmount(book, inst, asOf) > 0) return asOf - inst.dueDay;
  }
  return 0;
}

export function delinquencyOf(daysPastDue: number): DelinquencyBucket {
  if (daysPastDue === 0) return "current";
  if (daysPastDue <= 30) return "1-30";
  if (daysPastDue <= 60) return "31-60";
  if (daysPastDue <= 90) return "61-90";
  return "90+";
}
