// The cheapest possible slots response: the bytes of a real one, primed once by the harness
// (PUT), then served from memory. What is left is workerd, wrangler's proxy and the socket.

let primed: ArrayBuffer | null = null;

export default {
  async fetch(request) {
    if (request.method === "PUT") {
      primed = await request.arrayBuffer();
      return new Response(null, { status: 204 });
    }
    if (!primed) return new Response("not primed", { status: 503 });
    return new Response(primed, { headers: { "content-type": "application/json" } });
  },
} satisfies ExportedHandler;
