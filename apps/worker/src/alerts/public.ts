// What the API uses of the alerts feature: channel config checks, sealing, test-send, schedulers, digest.
export { ChannelConfigError, type ChannelKind, parseChannelConfig } from "../channels/channel-config.ts";
export { openChannel, sealChannelSecrets } from "../channels/send.ts";
export { buildDigest } from "./digest.ts";
export { renderDigest } from "./digest-render.ts";
export { removeWorkspaceAlertSchedulers, upsertWorkspaceAlertSchedulers } from "./schedulers.ts";
export { channelSecretBox } from "./secret-box.ts";
export { testSendChannel } from "./test-send.ts";
