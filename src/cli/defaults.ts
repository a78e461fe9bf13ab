// Defaults shared by the commands.
export const DEFAULTS = {
  host: "127.0.0.1",
  port: 4566,
  dataDir: ".keyless",
  account: "123456789012",
  region: "us-east-1",
  propagationDelaySeconds: 2,
} as const;

export const ENV = {
  rootAccessKeyId: "KEYLESS_ROOT_ACCESS_KEY_ID",
  rootSecretAccessKey: "KEYLESS_ROOT_SECRET_ACCESS_KEY",
  endpoint: "KEYLESS_ENDPOINT",
} as const;

export const defaultEndpoint = (): string =>
  process.env[ENV.endpoint] ?? `http://${DEFAULTS.host}:${DEFAULTS.port}`;
