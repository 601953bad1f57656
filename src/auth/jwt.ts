import { createPublicKey } from "node:crypto";
import { type JWTVerifyGetKey, createRemoteJWKSet, errors, importSPKI, jwtVerify } from "jose";
import { type JwtConfig, MAX_PROJECT_ID_LENGTH } from "../config";
import { MAX_USER_ID_LENGTH } from "../domain/userInput";

/** The end user a verified token names; null for a token that does not verify. */
export type JwtVerifier = (token: string) => Promise<{ projectId: string; userId: string } | null>;

// Asymmetric algorithms only: the service holds no secret that could sign a token, and "none" never passes.
const RSA = ["RS256", "RS384", "RS512"];
const RSA_PSS = ["PS256", "PS384", "PS512"];
const ALGORITHMS_BY_KEY_TYPE: Readonly<Record<string, readonly string[]>> = {
  rsa: [...RSA, ...RSA_PSS],
  "rsa-pss": RSA_PSS,
  "ec:prime256v1": ["ES256"],
  "ec:secp384r1": ["ES384"],
  "ec:secp521r1": ["ES512"],
  ed25519: ["EdDSA", "Ed25519"],
};
const JWKS_ALGORITHMS = [...RSA, ...RSA_PSS, "ES256", "ES384", "ES512", "EdDSA", "Ed25519"];

/** Clock skew allowed between the token's issuer and this service, for exp and nbf. */
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Verifies end users' tokens with the issuer's keys (a JWKS, fetched and cached by jose, or one PEM public
 * key): signature, exp (required), nbf, and the issuer and audience when configured. The project and the
 * userId are read from the configured claims.
 */
export function createJwtVerifier(config: JwtConfig): JwtVerifier {
  const { key, algorithms } =
    "jwksUrl" in config.key
      ? { key: createRemoteJWKSet(new URL(config.key.jwksUrl)), algorithms: JWKS_ALGORITHMS }
      : pemKey(config.key.publicKeyPem);
  return async (token) => {
    let claims: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, key, {
        algorithms: [...algorithms],
        requiredClaims: ["exp"],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        ...(config.issuer === null ? {} : { issuer: config.issuer }),
        ...(config.audience === null ? {} : { audience: config.audience }),
      });
      claims = verified.payload;
    } catch (error) {
      // Every way a token can be wrong is a JOSEError; anything else (the JWKS cannot be fetched) is ours.
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout)) return null;
      throw error;
    }
    const projectId = claimText(claims[config.projectClaim], MAX_PROJECT_ID_LENGTH);
    const userId = claimText(claims[config.userClaim], MAX_USER_ID_LENGTH);
    return projectId === null || userId === null ? null : { projectId, userId };
  };
}

/**
 * A PEM key verifies the algorithms of its type. WebCrypto binds an imported key to one algorithm, so the
 * key is imported once per algorithm a token names; a PEM that is no public key fails here, at start-up.
 */
function pemKey(pem: string): { key: JWTVerifyGetKey; algorithms: readonly string[] } {
  const parsed = createPublicKey(pem);
  const type = parsed.asymmetricKeyType === "ec" ? `ec:${parsed.asymmetricKeyDetails?.namedCurve ?? ""}` : (parsed.asymmetricKeyType ?? "");
  const algorithms = ALGORITHMS_BY_KEY_TYPE[type];
  if (algorithms === undefined) throw new Error(`AUTH_JWT_PUBLIC_KEY is a ${type} key; use an RSA, EC (P-256, P-384, P-521) or Ed25519 key`);
  const imported = new Map<string, ReturnType<typeof importSPKI>>();
  return {
    algorithms,
    key: (header) => {
      const alg = header.alg ?? "";
      const key = imported.get(alg) ?? importSPKI(pem, alg);
      imported.set(alg, key);
      return key;
    },
  };
}

function claimText(value: unknown, maxLength: number): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  return text.length > 0 && text.length <= maxLength ? text : null;
}
