import http from "node:http";
import type { AddressInfo } from "node:net";
import { type CryptoKey, type JWK, type JWTPayload, SignJWT, exportJWK, exportSPKI, generateKeyPair } from "jose";

/** An identity provider for tests: a key pair, its public key as PEM and as a JWKS, and a signer. */
export interface TokenIssuer {
  publicKeyPem: string;
  jwks: { keys: JWK[] };
  /** A token with `claims`, valid for a minute unless `exp` (epoch seconds) is among them. */
  sign(claims: JWTPayload): Promise<string>;
}

export async function createTokenIssuer(kid = "test-key"): Promise<TokenIssuer> {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  return {
    publicKeyPem: await exportSPKI(publicKey),
    jwks: { keys: [jwk] },
    sign: (claims) => signWith(privateKey, kid, claims),
  };
}

function signWith(privateKey: CryptoKey, kid: string, claims: JWTPayload): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat: now, exp: now + 60, ...claims }).setProtectedHeader({ alg: "ES256", kid }).sign(privateKey);
}

/** Serves a JWKS at http://127.0.0.1:<port>/jwks.json, as an identity provider does. */
export async function serveJwks(jwks: { keys: JWK[] }): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url !== "/jwks.json") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
