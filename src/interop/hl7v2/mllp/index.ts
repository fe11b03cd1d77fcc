export { MllpServer, DEFAULT_MLLP_PORT, type MllpHandler, type MllpMeta, type MllpServerEvent, type MllpServerOptions } from './server.js';
export { MllpClient, type MllpClientOptions, type MllpFailure, type SendOutcome } from './client.js';
export { sendWithRetry, type RetryOptions, type RetryOutcome } from './retry.js';
export { MllpDecoder, frameMessage, DEFAULT_MAX_FRAME_BYTES, type MllpEvent } from './framing.js';
