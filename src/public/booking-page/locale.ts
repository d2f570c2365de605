/**
 * The page's one locale for dates, times and amounts (its texts are English): `?lang=` when it
 * is a valid BCP 47 tag, else the visitor's first Accept-Language entry the runtime formats,
 * else English. Every Intl call of the page, in the Worker and in the script, uses it.
 */
export const DEFAULT_LOCALE = "en";

function supported(tag: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    if (!canonical) return undefined;
    return Intl.DateTimeFormat.supportedLocalesOf([canonical]).length ? canonical : undefined;
  } catch {
    return undefined;
  }
}

/** Accept-Language entries by preference (q-value, then order); `*` and q=0 are skipped. */
function acceptedTags(header: string): string[] {
  return header
    .split(",")
    .map((entry, index) => {
      const [tag = "", ...params] = entry.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter(({ tag, q }) => tag && tag !== "*" && Number.isFinite(q) && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ tag }) => tag);
}

export function resolvePageLocale(
  lang: string | undefined,
  acceptLanguage: string | undefined,
): string {
  const requested = lang ? supported(lang) : undefined;
  if (requested) return requested;
  for (const tag of acceptedTags(acceptLanguage ?? "").slice(0, 10)) {
    const locale = supported(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
