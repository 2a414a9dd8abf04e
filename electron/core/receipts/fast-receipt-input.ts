// A fast path for validating receipt input: bulk recorders send millions of well-formed receipts, and the
// zod schema costs more than pricing, scrubbing and writing one together. This accepts only plainly valid
// input, producing exactly what receiptInputSchema would; anything else (unknown keys, odd dates, bad
// values) returns null and goes through the schema, which also words the error. Tests check equivalence.
import { costLanes, type CostLane } from '../../../shared/vocabulary';
import type { ParsedReceiptInput } from '../../../shared/channels/receipts';

const lanes = new Set<string>(costLanes);
const idText = /^[A-Za-z0-9._:-]{1,80}$/;
const canonicalUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const inputKeys = new Set(['id', 'at', 'lane', 'laneReason', 'provider', 'model', 'tokens', 'seat', 'holdId', 'turnId', 'listPriceUsd', 'keyId']);
const tokenKeys = new Set(['input', 'output', 'cacheRead', 'cacheWrite']);

const isText = (value: unknown, min: number, max: number): value is string => typeof value === 'string' && value.length >= min && value.length <= max;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 1e12;

const two = (text: string, at: number) => (text.charCodeAt(at) - 48) * 10 + text.charCodeAt(at + 1) - 48;

/** A real UTC instant in canonical form (month 13 or 30 February are left to the schema). Digit arithmetic,
 *  not Date: this runs once per receipt in bulk recording. */
function roundTrips(at: string): boolean {
  const year = two(at, 0) * 100 + two(at, 2);
  const month = two(at, 5);
  const day = two(at, 8);
  if (month < 1 || month > 12 || day < 1 || two(at, 11) > 23 || two(at, 14) > 59 || two(at, 17) > 59) return false;
  const daysInMonth = month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= daysInMonth;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

export function fastParseReceiptInput(raw: unknown): ParsedReceiptInput | null {
  if (!isPlainObject(raw)) return null;
  // One pass over the keys the object has: reading absent properties by name costs more than all the rest
  // (measured about 1.5 µs a receipt), and any key the schema does not know sends the input to the schema.
  let id: unknown, at: unknown, lane: unknown, laneReason: unknown, provider: unknown, model: unknown;
  let tokens: unknown, seat: unknown, holdId: unknown, turnId: unknown, listPriceUsd: unknown, keyId: unknown;
  for (const key in raw) {
    const value = raw[key];
    switch (key) {
      case 'id': id = value; break;
      case 'at': at = value; break;
      case 'lane': lane = value; break;
      case 'laneReason': laneReason = value; break;
      case 'provider': provider = value; break;
      case 'model': model = value; break;
      case 'tokens': tokens = value; break;
      case 'seat': seat = value; break;
      case 'holdId': holdId = value; break;
      case 'turnId': turnId = value; break;
      case 'listPriceUsd': listPriceUsd = value; break;
      case 'keyId': keyId = value; break;
      default: return null;
    }
  }
  if (typeof lane !== 'string' || !lanes.has(lane)) return null;
  if (!isText(laneReason, 1, 200) || !isText(provider, 1, 64) || !isText(model, 1, 160)) return null;
  if (id !== undefined && !(typeof id === 'string' && idText.test(id))) return null;
  if (holdId !== undefined && !(typeof holdId === 'string' && idText.test(holdId))) return null;
  if (at !== undefined && !(typeof at === 'string' && canonicalUtc.test(at) && roundTrips(at))) return null;
  if (seat !== undefined && !isText(seat, 1, 120)) return null;
  if (turnId !== undefined && !isText(turnId, 1, 120)) return null;
  if (listPriceUsd !== undefined && !(typeof listPriceUsd === 'number' && Number.isFinite(listPriceUsd) && listPriceUsd >= 0 && listPriceUsd <= 1e6)) return null;
  if (lane === 'provider-subscription' && seat === undefined) return null;
  // Only a byok receipt names a key; anything else with a keyId goes to the schema, which words the error.
  if (keyId !== undefined && !(lane === 'byok' && typeof keyId === 'string' && idText.test(keyId))) return null;
  if (!isPlainObject(tokens)) return null;
  let input: unknown = 0, output: unknown = 0, cacheRead: unknown = 0, cacheWrite: unknown = 0;
  for (const key in tokens) {
    const value = tokens[key];
    switch (key) {
      case 'input': input = value ?? 0; break;
      case 'output': output = value ?? 0; break;
      case 'cacheRead': cacheRead = value ?? 0; break;
      case 'cacheWrite': cacheWrite = value ?? 0; break;
      default: return null;
    }
  }
  if (!isCount(input) || !isCount(output) || !isCount(cacheRead) || !isCount(cacheWrite)) return null;

  // Always the same shape (absent optional fields are undefined own properties), so readers stay fast.
  return {
    id: id as string | undefined,
    at: at as string | undefined,
    lane: lane as CostLane,
    laneReason,
    provider,
    model,
    tokens: { input, output, cacheRead, cacheWrite },
    seat: seat as string | undefined,
    holdId: holdId as string | undefined,
    turnId: turnId as string | undefined,
    listPriceUsd: listPriceUsd as number | undefined,
    keyId: keyId as string | undefined,
  };
}
