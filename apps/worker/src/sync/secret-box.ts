import { createSecretBox, resolveKeyRing, type SecretBox } from "@revops/runtime";

const boxes = new Map<string, SecretBox>();

/** The key ring of the configuration (or DATA_DIR/encryption.key), opened once per process. */
export function secretBoxOf(config: { encryptionKeys?: string | undefined; dataDir: string }): SecretBox {
  const cacheKey = `${config.encryptionKeys ?? ""}|${config.dataDir}`;
  let box = boxes.get(cacheKey);
  if (!box) {
    box = createSecretBox(resolveKeyRing(config.encryptionKeys, config.dataDir).keyRing);
    boxes.set(cacheKey, box);
  }
  return box;
}
