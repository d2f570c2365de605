// The Node APIs the webhook end-to-end test uses (a real HTTP receiver and an independent
// signature check), typed as narrowly as it uses them; see node-builtins.d.ts.

declare module "node:http" {
  export interface IncomingMessage {
    readonly url?: string;
    readonly headers: Record<string, string | string[] | undefined>;
    on(event: "data", listener: (chunk: Uint8Array) => void): this;
    on(event: "end", listener: () => void): this;
  }
  export interface ServerResponse {
    writeHead(status: number, headers?: Record<string, string>): this;
    end(body?: string): void;
  }
  export interface Server {
    listen(port: number, host: string, callback: () => void): this;
    address(): { port: number } | string | null;
    close(callback?: () => void): this;
  }
  export function createServer(
    handler: (req: IncomingMessage, res: ServerResponse) => void,
  ): Server;
}

declare module "node:crypto" {
  interface Hmac {
    update(data: Uint8Array | string): Hmac;
    digest(encoding: "base64"): string;
  }
  export function createHmac(algorithm: "sha256", key: Uint8Array): Hmac;
}

declare const Buffer: {
  from(text: string, encoding: "base64"): Uint8Array;
  concat(chunks: Uint8Array[]): Uint8Array;
};
