/** Wire format for instants (§1): ISO-8601 UTC with milliseconds and Z. */
export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function toIsoOrNull(epochMs: number | null | undefined): string | null {
  return epochMs == null ? null : toIso(epochMs);
}
