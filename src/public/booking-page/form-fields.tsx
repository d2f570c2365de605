import type { PublicExperience } from "../public.schemas";

interface TextFieldProps {
  id: string;
  label: string;
  type: "text" | "email" | "tel";
  autocomplete: string;
  hint?: string;
  pattern?: string;
  maxlength: number;
}

/** A labelled input with a slot for the server's message (filled by the page script). */
function TextField({ id, label, type, autocomplete, hint, pattern, maxlength }: TextFieldProps) {
  const described = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        type={type}
        autocomplete={autocomplete}
        pattern={pattern}
        maxlength={maxlength}
        required
        aria-describedby={described}
      />
      <p class="field-error" id={`${id}-error`} hidden />
    </div>
  );
}

/** Exactly what required_contact_method asks for: a name always, then email, then phone. */
export function ContactFields({ method }: { method: PublicExperience["required_contact_method"] }) {
  return (
    <>
      <TextField id="name" label="Full name" type="text" autocomplete="name" maxlength={200} />
      {method !== "none" ? (
        <TextField id="email" label="Email" type="email" autocomplete="email" maxlength={254} />
      ) : null}
      {method === "email_and_phone" ? (
        // Browsers compile `pattern` with the RegExp v flag: ( ) . - must be escaped in a class.
        <TextField
          id="phone"
          label="Phone"
          type="tel"
          autocomplete="tel"
          hint="With country code, e.g. +44 20 7946 0958"
          pattern="\s*\+[\d\s\(\)\.\-]{7,30}"
          maxlength={40}
        />
      ) : null}
    </>
  );
}

/** 1 to max_booking_quantity seats; the script lowers the maximum to the chosen session's free seats. */
export function QuantityField({ max }: { max: number }) {
  const options = Array.from({ length: max }, (_, i) => i + 1);
  return (
    <div class="field field-narrow">
      <label for="quantity">Seats</label>
      <select id="quantity" name="quantity" data-max={max} aria-describedby="quantity-error">
        {options.map((n) => (
          <option value={n}>{n}</option>
        ))}
      </select>
      <p class="field-error" id="quantity-error" hidden />
    </div>
  );
}
