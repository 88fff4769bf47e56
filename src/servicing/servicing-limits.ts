// The limits of the servicing rules and event documents, in one place (docs/reference/servicing-events.md).

/** Most events a product may allow one loan to hold (`maxEvents`): a replay folds them all on every booking. */
export const MAX_EVENTS_LIMIT = 100_000;
/** Most late grace days: a year. */
export const MAX_LATE_GRACE_DAYS = 365;
/** Ceiling of a yearly rate in percent (past-due interest, rate changes): catches a rate typed per month as per day. */
export const MAX_RATE_PERCENT = 1000n;
/** Ceiling of a late fee given as a percent of the overdue principal and interest. */
export const MAX_LATE_FEE_PERCENT = 100n;
/** Most installments a reschedule may create: a hundred years of months. */
export const MAX_RESCHEDULE_INSTALLMENTS = 1200;
/** Most characters of an event id or a manual fee's name. */
export const MAX_NAME_LENGTH = 64;
