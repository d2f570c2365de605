// Node side of the tests' view of the real send_email binding: miniflare's local simulation
// writes each sent message's text, HTML and attachments to files under
// <tmpdir>/miniflare-*/files/email-*/ (what `npm run dev` points developers to). This service
// binding (SENT_MAIL) returns the files that mention a given string, e.g. a booking id.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const PART_FOLDERS = { text: "email-text", html: "email-html", attachment: "email-attachment" };

/** @param {string} folder */
function filesIn(folder) {
  const found = [];
  for (const root of readdirSync(tmpdir()).filter((name) => name.startsWith("miniflare-"))) {
    const dir = path.join(tmpdir(), root, "files", folder);
    try {
      if (!statSync(dir).isDirectory()) continue;
      for (const file of readdirSync(dir)) found.push(path.join(dir, file));
    } catch {
      // Another run's folder vanished or was never created.
    }
  }
  return found;
}

/** @param {Request} request */
export async function sentMailFiles(request) {
  const url = new URL(request.url);
  const needle = url.searchParams.get("contains") ?? "";
  /** @type {Record<string, string[]>} */
  const result = {};
  for (const [part, folder] of Object.entries(PART_FOLDERS)) {
    result[part] = filesIn(folder)
      .map((file) => readFileSync(file, "utf8"))
      .filter((content) => needle !== "" && content.includes(needle));
  }
  return Response.json(result);
}
