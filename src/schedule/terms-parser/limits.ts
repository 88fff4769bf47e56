// The limits of a terms document, in one place.

/** Most installments a loan may have. */
export const MAX_INSTALLMENTS = 5000;
/** Largest amount, in minor units, that stays exact through the engine's `number` arithmetic. */
export const MAX_AMOUNT_MINOR = 10n ** 15n;
/** Largest `every` of a period or fee: ten years of days. */
export const MAX_PERIOD_EVERY = 3660;
/** Ceiling of a percent rate once annualized, to catch a rate typed per month that was meant per year. */
export const MAX_ANNUAL_PERCENT = 10000n;
