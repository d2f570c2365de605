import { maybeById } from "./dom";

const CONTACT_FIELDS = ["name", "email", "phone"] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

const input = (id: string) => maybeById<HTMLInputElement>(id);

export function clearFieldError(target: EventTarget | null): void {
  if (!(target instanceof HTMLElement) || !target.id) return;
  const error = maybeById(`${target.id}-error`);
  if (!error) return;
  error.hidden = true;
  target.removeAttribute("aria-invalid");
}

/** Shows a message under a field; false when the page has no such field. */
export function showFieldError(id: string, message: string): boolean {
  const field = input(id);
  const error = maybeById(`${id}-error`);
  if (!field || !error) return false;
  error.textContent = message;
  error.hidden = false;
  field.setAttribute("aria-invalid", "true");
  return true;
}

function problemOf(id: ContactField, field: HTMLInputElement): string | null {
  if (!field.value.trim()) return "Please fill in this field.";
  if (field.checkValidity()) return null;
  return id === "phone"
    ? "Enter the number with its country code, starting with +."
    : "Please enter a valid email address.";
}

/** The browser's own checks, shown like the server's; returns the first invalid field. */
export function checkContactFields(): HTMLInputElement | null {
  let first: HTMLInputElement | null = null;
  for (const id of CONTACT_FIELDS) {
    const field = input(id);
    const problem = field ? problemOf(id, field) : null;
    if (!field || !problem) continue;
    showFieldError(id, problem);
    first ??= field;
  }
  return first;
}

export interface Contact {
  name: string;
  email?: string;
  phone?: string;
}

/** Exactly the fields the form asks for; the phone number as `+` and its digits. */
export function contactOf(): Contact {
  const contact: Contact = { name: input("name")?.value.trim() ?? "" };
  const email = input("email");
  const phone = input("phone");
  if (email) contact.email = email.value.trim();
  if (phone) contact.phone = `+${phone.value.replace(/\D/g, "")}`;
  return contact;
}
