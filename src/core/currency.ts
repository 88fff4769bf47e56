// ISO 4217 currencies and their minor units: the currency of a loan decides how many decimal places every
// amount has (EUR 2, JPY 0, KWD 3, CLF 4), so the list must be complete and exact.
//
// Source: ISO 4217 list one (current currency and funds codes) as maintained by SIX, 2025. Codes in a
// transition period are kept so that loans written in either code are accepted: ANG and its successor XCG
// (Caribbean guilder, 2025), SLL and SLE (Sierra Leone, redenominated), VES and VED (Venezuela). Entries
// without a minor unit ("N.A." in the standard: precious metals XAU/XAG/XPT/XPD, bond units XBA–XBD, XDR,
// XSU, XUA, and the test/no-currency codes XTS/XXX) are not money a loan can be written in and are absent.

/** A currency of a loan: its ISO 4217 code and the number of digits of its minor unit. */
export interface Currency {
  /** ISO 4217 alphabetic code, upper case, e.g. "EUR". */
  readonly code: string;
  /** Digits after the decimal point of the minor unit: 2 for EUR (cents), 0 for JPY, 3 for KWD. */
  readonly digits: number;
}

/** Currencies whose minor unit is not 2 digits; every other code below has 2. */
const DIGITS_EXCEPTIONS: Readonly<Record<string, number>> = {
  // No minor unit in use.
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  // Dinars and rials divided into 1000.
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  // Indexed units of account (funds codes).
  CLF: 4,
  UYW: 4,
};

/** Every active ISO 4217 code with a minor unit, alphabetically (funds codes such as CHE, COU, USN included). */
// biome-ignore format: one row per initial letter keeps the list reviewable against the standard.
export const CURRENCY_CODES: readonly string[] = Object.freeze([
  "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN",
  "BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
  "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP", "CVE", "CZK",
  "DJF", "DKK", "DOP", "DZD",
  "EGP", "ERN", "ETB", "EUR",
  "FJD", "FKP",
  "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD",
  "HKD", "HNL", "HTG", "HUF",
  "IDR", "ILS", "INR", "IQD", "IRR", "ISK",
  "JMD", "JOD", "JPY",
  "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT",
  "LAK", "LBP", "LKR", "LRD", "LSL", "LYD",
  "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN",
  "NAD", "NGN", "NIO", "NOK", "NPR", "NZD",
  "OMR",
  "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG",
  "QAR",
  "RON", "RSD", "RUB", "RWF",
  "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL",
  "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS",
  "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS",
  "VED", "VES", "VND", "VUV",
  "WST",
  "XAF", "XCD", "XCG", "XOF", "XPF",
  "YER",
  "ZAR", "ZMW", "ZWG",
]);

const CURRENCIES_BY_CODE: ReadonlyMap<string, Currency> = new Map(
  CURRENCY_CODES.map((code) => [code, Object.freeze({ code, digits: DIGITS_EXCEPTIONS[code] ?? 2 })]),
);

/**
 * The currency with ISO 4217 code `code` (exact, upper case: "EUR", not "eur"), or `undefined` when the code
 * is not an active currency with a minor unit. The caller reports the error; nothing here throws.
 */
export function currencyByCode(code: string): Currency | undefined {
  return CURRENCIES_BY_CODE.get(code);
}
