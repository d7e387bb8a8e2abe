export { compose, type Service } from "./compose.js";
export { type Config, ConfigError, loadConfig } from "./config.js";
export { createUploadHandler, type S3UploadEvent } from "./handle-upload.js";
export { createHttpServer } from "./http-server.js";
