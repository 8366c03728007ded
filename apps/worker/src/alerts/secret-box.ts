import { createSecretBox, resolveKeyRing, type SecretBox } from "@revops/runtime";
import type { WorkerConfig } from "../config.ts";

const boxes = new WeakMap<WorkerConfig, SecretBox>();

/** The key ring is resolved once per config (it may create DATA_DIR/encryption.key). */
export function channelSecretBox(config: Pick<WorkerConfig, "encryptionKeys" | "dataDir">): SecretBox {
  const cached = boxes.get(config as WorkerConfig);
  if (cached) return cached;
  const box = createSecretBox(resolveKeyRing(config.encryptionKeys, config.dataDir).keyRing);
  boxes.set(config as WorkerConfig, box);
  return box;
}
