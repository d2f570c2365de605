import type { Database } from "../../db/client";
import { findMemberNames, findOrganizationName } from "./page-names.repository";

/** Who offers the experience, as the page names them: the studio and its instructors. */
export interface PageNames {
  organization: string | null;
  /** Provider (member) ID → display name. */
  providers: Record<string, string>;
}

/**
 * The organization's name and the names of the providers the page shows: the experience's own
 * and those of the listed sessions (a recurrence or template may name another member).
 */
export async function loadPageNames(
  db: Database,
  organizationId: string,
  providerIds: Iterable<string | null>,
): Promise<PageNames> {
  const ids = [...new Set([...providerIds].filter((id): id is string => Boolean(id)))];
  const [organization, names] = await Promise.all([
    findOrganizationName(db, organizationId),
    ids.length ? findMemberNames(db, organizationId, ids) : new Map<string, string>(),
  ]);
  return { organization, providers: Object.fromEntries(names) };
}
