import { API_KEY_PREFIX, hashApiKey, keyIdOf, newApiKey, sameHash } from "../../src/auth/apiKeyFormat";

describe("API keys", () => {
  it("are ugk_<12-character keyId>_<43 base-62 characters: 256 bits>, each different", () => {
    const keys = Array.from({ length: 50 }, () => newApiKey());
    for (const { key, keyId, hash } of keys) {
      expect(key).toMatch(/^ugk_[0-9A-Za-z]{12}_[0-9A-Za-z]{43}$/);
      expect(key.startsWith(`${API_KEY_PREFIX}${keyId}_`)).toBe(true);
      expect(keyIdOf(key)).toBe(keyId);
      expect(hash).toBe(hashApiKey(key));
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(keys.map(({ key }) => key)).size).toBe(50);
  });

  it.each(["", "ugk_", "test", "ugk_abc_def", `ugk_${"a".repeat(12)}_${"b".repeat(42)}`, `Ugk_${"a".repeat(12)}_${"b".repeat(43)}`])(
    "finds no keyId in a malformed key %j",
    (text) => {
      expect(keyIdOf(text)).toBeNull();
    },
  );

  it("compares hashes whole: equal, different, or of another length", () => {
    const { hash } = newApiKey();
    expect(sameHash(hash, hash)).toBe(true);
    expect(sameHash(hash, hashApiKey("another"))).toBe(false);
    expect(sameHash(hash, hash.slice(0, 62))).toBe(false);
  });
});
