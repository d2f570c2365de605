import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createBooking } from "../../src/features/bookings/bookings.service";
import { callJson } from "../helpers/http";
import { notificationIdsOf, sentMentioning } from "../helpers/mail";
import { consumeNotifications } from "../helpers/queue";
import { createBookableExperience, futureSessionId, services } from "../helpers/scheduling";
import { createApiKey, createOrganization } from "../helpers/tenants";

// §17: the sender is EMAIL_FROM with the organization's name as its display name, and the
// experience's first provider's email (when set) is the Reply-To. The sent files the local
// binding writes hold only the bodies, so the message is observed on its way into the real
// binding (which still sends it).

type SentMessage = Parameters<Env["EMAIL"]["send"]>[0];

function recordingEnv(recorded: SentMessage[]): Env {
  const email = {
    send: (message: SentMessage) => {
      recorded.push(message);
      return env.EMAIL.send(message);
    },
  };
  return { ...env, EMAIL: email } as unknown as Env;
}

let key: string;
let orgId: string;
beforeAll(async () => {
  orgId = (await createOrganization("Studio Nord", "Europe/Berlin")).id;
  key = (await createApiKey(orgId)).key;
});

async function member(name: string, email: string | null) {
  const res = await callJson("POST", "/v1/spaces/GENERAL/members", {
    key,
    body: email ? { name, email } : { name },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id as string;
}

async function sendConfirmation(providers: string[], email: string) {
  const { experienceId, recurrenceId } = await createBookableExperience({
    key,
    experience: { name: "Morning Flow", providers },
  });
  const booking = await createBooking(services.db(), {
    organizationId: orgId,
    experienceId,
    body: {
      session_id: futureSessionId(recurrenceId),
      quantity: 1,
      contact: { name: "Jo", email },
    },
    idempotency: undefined,
    now: Date.now(),
    encryptionKey: env.WEBHOOK_ENCRYPTION_KEY,
    origin: "https://booking.example",
  });
  const recorded: SentMessage[] = [];
  const ids = await notificationIdsOf(booking.id);
  const outcome = await consumeNotifications(ids, { workerEnv: recordingEnv(recorded) });
  expect(outcome.acked).toHaveLength(1);
  expect((await sentMentioning(booking.id)).text).toHaveLength(1);
  return recorded;
}

describe("customer email headers (§17)", () => {
  it("sends from EMAIL_FROM as the organization, replying to the first provider", async () => {
    const first = await member("Ada Lovelace", "ada@studio-nord.example");
    const second = await member("Grace Hopper", "grace@studio-nord.example");
    const [message] = await sendConfirmation([first, second], "jo@example.com");
    expect(message).toMatchObject({
      to: "jo@example.com",
      from: { name: "Studio Nord", email: env.EMAIL_FROM },
      replyTo: "ada@studio-nord.example",
    });
    expect(message?.subject).toContain("Morning Flow");
  });

  it("has no Reply-To when the first provider has no email, or there is no provider", async () => {
    const silent = await member("No Mail", null);
    const reachable = await member("Has Mail", "has@studio-nord.example");
    const [withSilentFirst] = await sendConfirmation([silent, reachable], "a@example.com");
    expect(withSilentFirst?.from).toEqual({ name: "Studio Nord", email: env.EMAIL_FROM });
    expect(withSilentFirst).not.toHaveProperty("replyTo");
    const [withoutProviders] = await sendConfirmation([], "b@example.com");
    expect(withoutProviders).not.toHaveProperty("replyTo");
  });
});
