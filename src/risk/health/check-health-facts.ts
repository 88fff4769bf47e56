// Validation of the improved model's facts when a caller builds them by hand: every problem reported at once as
// INVALID_HEALTH_INPUT, naming the field, so that a bad figure is refused rather than scored.
import { type Issue, TenorError } from "../../core/errors.ts";
import type { Ratio } from "../../core/ratio.ts";
import type { HealthFacts } from "./health-facts.ts";

export function checkHealthFacts(facts: HealthFacts): void {
  const issues: Issue[] = [];
  const wholeNumber = (value: number, field: string, min: number | undefined): void => {
    if (Number.isSafeInteger(value) && (min === undefined || value >= min)) return;
    const allowed = min === undefined ? "a whole number" : `a whole number of ${min} or more`;
    issues.push({ field, value, message: `must be ${allowed}` });
  };
  const fraction = (value: Ratio, field: string): void => {
    if (value.num < 0n) issues.push({ field, value, message: "must be 0 or more" });
  };
  wholeNumber(facts.currencyDigits, "currencyDigits", 0);
  wholeNumber(facts.graceDays, "graceDays", 0);
  wholeNumber(facts.daysPastDue, "daysPastDue", 0);
  wholeNumber(facts.remainingMonths, "remainingMonths", 0);
  facts.dueDates.forEach((record, index) => {
    if (!Number.isFinite(record.ageMonths) || record.ageMonths < 0) {
      issues.push({
        field: `dueDates[${index}].ageMonths`,
        value: record.ageMonths,
        message: "must be 0 or more",
      });
    }
    wholeNumber(record.daysLate, `dueDates[${index}].daysLate`, 0);
  });
  wholeNumber(facts.schedule.balanceMinor, "schedule.balanceMinor", 0);
  wholeNumber(facts.schedule.scheduledBalanceMinor, "schedule.scheduledBalanceMinor", 0);
  wholeNumber(facts.schedule.principalMinor, "schedule.principalMinor", 1);
  const a = facts.affordability;
  if (a !== undefined) {
    wholeNumber(a.incomeMinor, "affordability.incomeMinor", 0);
    wholeNumber(a.debtServiceMinor, "affordability.debtServiceMinor", 0);
    wholeNumber(a.stressedIncomeMinor, "affordability.stressedIncomeMinor", 0);
    wholeNumber(a.stressedDebtServiceMinor, "affordability.stressedDebtServiceMinor", 0);
    wholeNumber(a.residualMinor, "affordability.residualMinor", undefined);
    wholeNumber(a.residualFloorMinor, "affordability.residualFloorMinor", 0);
    fraction(a.maxRatio, "affordability.maxRatio");
    fraction(a.stressedMaxRatio, "affordability.stressedMaxRatio");
  }
  if (facts.buffer !== undefined) {
    wholeNumber(facts.buffer.liquidSavingsMinor, "buffer.liquidSavingsMinor", 0);
    wholeNumber(facts.buffer.monthlyOutgoingsMinor, "buffer.monthlyOutgoingsMinor", 0);
  }
  const r = facts.refinance;
  if (r !== undefined) {
    fraction(r.marketRate, "refinance.marketRate");
    wholeNumber(r.netSavingMinor, "refinance.netSavingMinor", undefined);
    wholeNumber(r.switchingCostMinor, "refinance.switchingCostMinor", 0);
    if (r.breakEvenMonths !== undefined) wholeNumber(r.breakEvenMonths, "refinance.breakEvenMonths", 0);
  }
  const p = facts.prepayment;
  if (p !== undefined) {
    wholeNumber(p.amountMinor, "prepayment.amountMinor", 0);
    wholeNumber(p.interestSavedMinor, "prepayment.interestSavedMinor", undefined);
    wholeNumber(p.monthsEarlier, "prepayment.monthsEarlier", 0);
    wholeNumber(p.feeMinor, "prepayment.feeMinor", 0);
    fraction(p.loanRate, "prepayment.loanRate");
    fraction(p.safeReturn, "prepayment.safeReturn");
    if (!Number.isFinite(p.bufferMonthsAfter) || p.bufferMonthsAfter < 0) {
      issues.push({
        field: "prepayment.bufferMonthsAfter",
        value: p.bufferMonthsAfter,
        message: "must be 0 or more",
      });
    }
    if (!Number.isFinite(p.requiredBufferMonths) || p.requiredBufferMonths < 0) {
      issues.push({
        field: "prepayment.requiredBufferMonths",
        value: p.requiredBufferMonths,
        message: "must be 0 or more",
      });
    }
  }
  if (issues.length > 0) throw new TenorError("INVALID_HEALTH_INPUT", issues);
}
