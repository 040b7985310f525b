import { loadCmsConfig } from '../src/settings/load-config';

export default () => {
  const config = loadCmsConfig();
  return {
    host: config.host,
    port: config.port,
    url: config.publicUrl,
    app: { keys: config.secrets.appKeys },
    // Kilde sends no telemetry, and the admin's update checks need an internet we do not assume.
    telemetry: false,
  };
};
