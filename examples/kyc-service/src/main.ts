import { compose } from "./compose.js";
import { ConfigError, loadConfig } from "./config.js";
import { createHttpServer } from "./http-server.js";

try {
  const service = compose(loadConfig(process.env));
  const server = createHttpServer(service);
  server.listen(service.config.port, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : service.config.port;
    console.log(`kyc-service listening on http://localhost:${port}`);
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
