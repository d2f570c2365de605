/** The page's elements by ID; a missing one is a bug in the markup, so it throws. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

export function maybeById<T extends HTMLElement = HTMLElement>(id: string): T | null {
  return document.getElementById(id) as T | null;
}

export type AlertKind = "error" | "ok";

/** Writes a message into an alert box (textContent only: server values never become markup). */
export function showAlert(element: HTMLElement, text: string, kind?: AlertKind): void {
  element.textContent = text;
  element.className = kind ? `alert alert-${kind}` : "alert";
  element.hidden = false;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
