import type { Child } from "hono/jsx";
import { CLIENT_SCRIPT } from "./client-bundle.generated";
import { PAGE_STYLES } from "./styles";

interface DocumentProps {
  title: string;
  children: Child;
  /** The booking page's script; the other pages work without one. */
  script?: boolean;
}

/** The HTML shell: inline CSS and script only, since the pages load no external assets. */
export function Document({ title, children, script }: DocumentProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="color-scheme" content="light" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: PAGE_STYLES }} />
      </head>
      <body>
        {children}
        {script ? <script dangerouslySetInnerHTML={{ __html: CLIENT_SCRIPT }} /> : null}
      </body>
    </html>
  );
}

/** A page of one card: the 404s of the booking and manage pages. */
export function NoticePage({ title, children }: { title: string; children: Child }) {
  return (
    <Document title={title}>
      <main class="page">
        <section class="card notice" aria-labelledby="notice-title">
          <h1 id="notice-title">{title}</h1>
          {children}
        </section>
      </main>
    </Document>
  );
}
