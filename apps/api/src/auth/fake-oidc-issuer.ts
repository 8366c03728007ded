import { createHash, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A signed-in identity the fake issuer hands out for the next authorization code. */
export interface FakeIdentity {
  sub: string;
  email: string;
  emailVerified: boolean;
  /** Overrides the nonce echoed into the ID token, to test a replay from another flow. */
  nonce?: string;
}

const b64 = (value: Buffer | string) => Buffer.from(value).toString("base64url");

async function readBody(request: IncomingMessage): Promise<string> {
  let body = "";
  for await (const chunk of request) body += chunk;
  return body;
}

/**
 * A minimal OpenID Connect issuer on loopback, for tests only: discovery, JWKS, and a token
 * endpoint that checks PKCE and signs RS256 ID tokens. `authorize()` plays the person at the IdP.
 */
export async function startFakeOidcIssuer(clientId: string) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid: "test-key", use: "sig", alg: "RS256" };
  const codes = new Map<string, { identity: FakeIdentity; nonce: string; challenge: string; redirectUri: string }>();
  let issuer = "";

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", issuer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === "/.well-known/openid-configuration")
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
      });
    if (url.pathname === "/jwks") return json(200, { keys: [jwk] });
    if (url.pathname === "/token" && request.method === "POST") {
      const form = new URLSearchParams(await readBody(request));
      const grant = codes.get(form.get("code") ?? "");
      codes.delete(form.get("code") ?? "");
      const verifier = form.get("code_verifier") ?? "";
      if (!grant || b64(createHash("sha256").update(verifier).digest()) !== grant.challenge)
        return json(400, { error: "invalid_grant" });
      if (form.get("redirect_uri") !== grant.redirectUri) return json(400, { error: "invalid_grant" });
      const now = Math.floor(Date.now() / 1000);
      const header = b64(JSON.stringify({ alg: "RS256", typ: "JWT", kid: "test-key" }));
      const payload = b64(
        JSON.stringify({
          iss: issuer,
          aud: clientId,
          sub: grant.identity.sub,
          email: grant.identity.email,
          email_verified: grant.identity.emailVerified,
          nonce: grant.identity.nonce ?? grant.nonce,
          iat: now,
          exp: now + 300,
        }),
      );
      const signature = b64(sign("sha256", Buffer.from(`${header}.${payload}`), privateKey));
      return json(200, {
        access_token: b64(randomBytes(16)),
        token_type: "Bearer",
        expires_in: 300,
        id_token: `${header}.${payload}.${signature}`,
      });
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    /** The person signs in at the issuer: returns the callback query the browser would bring back. */
    authorize(authorizationUrl: string, identity: FakeIdentity): string {
      const asked = new URL(authorizationUrl);
      const code = b64(randomBytes(16));
      codes.set(code, {
        identity,
        nonce: asked.searchParams.get("nonce") ?? "",
        challenge: asked.searchParams.get("code_challenge") ?? "",
        redirectUri: asked.searchParams.get("redirect_uri") ?? "",
      });
      return `code=${code}&state=${asked.searchParams.get("state") ?? ""}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
