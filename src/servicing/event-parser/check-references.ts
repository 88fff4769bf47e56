// The checks of one event against the rest of the list: its id is unique, and the event its `of` names exists
// and can be returned or reversed by it (servicing-rules.md §7, "An event is refused when").
import { formatIsoDate } from "../../core/calendar-date.ts";
import { didYouMean } from "../../schedule/terms-parser/did-you-mean.ts";
import { INVALID, type Parsed, type TermsReader } from "../../schedule/terms-parser/terms-reader.ts";
import { describeEvent, EVENT_ID_PATTERN, type EventHeader } from "./event-headers.ts";

/**
 * `id`: absent (the default id), or a unique well-formed id. A clash is reported on the event whose id was
 * given — the later one when both were — since a default id is not the user's choice.
 */
export function readEventId(
  r: TermsReader,
  headers: readonly EventHeader[],
  index: number,
  value: unknown,
  field: string,
): Parsed<string> {
  const header = headers[index];
  if (value === undefined && header?.id !== undefined) return header.id;
  if (typeof value !== "string" || !EVENT_ID_PATTERN.test(value)) {
    return r.report(
      field,
      value,
      'must be 1 to 64 letters, digits or "_", ".", ":", "-" such as "pay-2024-02" (or left out: e1, e2, … by position)',
    );
  }
  const clash = headers.findIndex(
    (other, otherIndex) =>
      otherIndex !== index && other.id === value && (otherIndex < index || other.defaultId),
  );
  if (clash === -1) return value;
  const whose = headers[clash]?.defaultId ? "the default id of" : "the id of";
  return r.report(field, value, `must be unique: ${JSON.stringify(value)} is also ${whose} events[${clash}]`);
}

/**
 * `of`: the id of another event of the list. A returned payment must name a repayment or a payoff, a reversal anything but
 * a reversal, and neither may be dated before the event it names.
 */
export function readReference(
  r: TermsReader,
  headers: readonly EventHeader[],
  index: number,
  value: unknown,
  eventField: string,
): Parsed<string> {
  const field = `${eventField}.of`;
  const allowed = 'the id of another event of the list, such as "e1"';
  if (value === undefined) return r.missing(field, allowed);
  if (typeof value !== "string") return r.report(field, value, `must be ${allowed}`);
  const target = headers.findIndex((header) => header.id === value);
  if (target === -1) {
    const ids = headers.flatMap((header) => (header.id === undefined ? [] : [header.id]));
    return r.report(field, value, `must be ${allowed}: no event has this id${didYouMean(value, ids)}`);
  }
  if (target === index) return r.report(field, value, `must name another event, not this one: ${allowed}`);
  const own = headers[index];
  const named = headers[target];
  if (own === undefined || named === undefined) return INVALID;
  const returnable = named.type === "repayment" || named.type === "payoff";
  if (own.type === "returned-payment" && named.type !== undefined && !returnable) {
    return r.report(
      field,
      value,
      `must name a repayment or a payoff: ${describeEvent(headers, target)} is a ${named.type}, and only a payment can be returned`,
    );
  }
  if (own.type === "reversal" && named.type === "reversal") {
    return r.report(
      field,
      value,
      `must not name a reversal: ${describeEvent(headers, target)} is one, and a reversal cannot be reversed`,
    );
  }
  if (own.day !== undefined && named.day !== undefined && own.day < named.day) {
    const verb = own.type === "reversal" ? "reverses" : "returns";
    r.report(
      `${eventField}.date`,
      formatIsoDate(own.day),
      `must be on or after ${formatIsoDate(named.day)}, the date of ${describeEvent(headers, target)}, which it ${verb}`,
    );
    return INVALID;
  }
  return value;
}
