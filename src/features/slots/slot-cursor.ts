// The opaque cursor of a slots answer: base64url of the (start, session_id) of the last slot
// given, with a version tag so the format can change without misreading old cursors.

import { isBoundedInstant } from "../../scheduling/date-bounds";

/** The position after which a page starts: the (start, session_id) of the last slot given. */
export interface SlotCursor {
  start: string;
  sessionId: string;
}

const CURSOR_VERSION = "s1";
const SESSION_ID_PATTERN = /^ses_[A-Za-z0-9_-]{1,200}$/;

const toBase64Url = (text: string) =>
  btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");

export function encodeSlotCursor(cursor: SlotCursor): string {
  return toBase64Url(`${CURSOR_VERSION}|${cursor.start}|${cursor.sessionId}`);
}

/** The cursor a previous answer gave, or null for anything else. */
export function decodeSlotCursor(value: string): SlotCursor | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(value)) return null;
  let text: string;
  try {
    text = atob(value.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    return null;
  }
  const [version, start, sessionId, ...rest] = text.split("|");
  if (version !== CURSOR_VERSION || rest.length > 0 || !start || !sessionId) return null;
  const startMs = Date.parse(start);
  if (!isBoundedInstant(startMs) || new Date(startMs).toISOString() !== start) return null;
  return SESSION_ID_PATTERN.test(sessionId) ? { start, sessionId } : null;
}
