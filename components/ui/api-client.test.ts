import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi } from "./api-client";

// A real HTTP server answering like the API does: the client is exercised over the wire, not against a stub.
let server: Server;
let base: string;
const received: { contentType?: string; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      received.push({ contentType: request.headers["content-type"], body });
      const json = (status: number, payload: unknown) => response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
      if (request.url === "/ok") return json(200, { id: 7 });
      if (request.url === "/empty") return response.writeHead(204).end();
      if (request.url === "/conflict") return json(409, { error: { code: "conflict", message: "someone decided", current: { version: 3 } } });
      if (request.url === "/html") return response.writeHead(502, { "content-type": "text/html" }).end("<h1>bad gateway</h1>");
      return json(404, { error: { code: "not_found", message: "no such thing" } });
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => server.close());

describe("callApi", () => {
  it("returns the JSON of a success and null for 204", async () => {
    expect(await callApi(`${base}/ok`)).toEqual({ ok: true, status: 200, data: { id: 7 } });
    expect(await callApi(`${base}/empty`, "DELETE")).toEqual({ ok: true, status: 204, data: null });
  });

  it("reads the API's error shape: code, message and a conflict's current state", async () => {
    expect(await callApi(`${base}/missing`)).toEqual({ ok: false, status: 404, code: "not_found", message: "no such thing" });
    expect(await callApi(`${base}/conflict`, "POST", { version: 1 })).toEqual({
      ok: false,
      status: 409,
      code: "conflict",
      message: "someone decided",
      current: { version: 3 },
    });
  });

  it("names the status when the body is not the API's error shape, and says when nothing answers", async () => {
    expect(await callApi(`${base}/html`)).toEqual({ ok: false, status: 502, code: "http_error", message: "the server answered 502" });
    expect(await callApi("http://127.0.0.1:1/none")).toEqual({ ok: false, status: 0, code: "unreachable", message: "the server could not be reached" });
  });

  it("sends a value as JSON and a Blob as it is", async () => {
    received.length = 0;
    await callApi(`${base}/ok`, "POST", { decision: "accepted" });
    await callApi(`${base}/ok`, "POST", new Blob(["raw,csv"], { type: "text/csv" }));
    expect(received).toEqual([
      { contentType: "application/json", body: '{"decision":"accepted"}' },
      { contentType: "text/csv", body: "raw,csv" },
    ]);
  });
});
