import { loadCmsConfig } from '../src/settings/load-config';

export default () => {
  const config = loadCmsConfig();
  return {
    // Tests and benchmarks run the CMS without building the admin bundle.
    serveAdminPanel: config.serveAdmin,
    auth: { secret: config.secrets.adminJwtSecret },
    apiToken: { salt: config.secrets.apiTokenSalt },
    transfer: { token: { salt: config.secrets.transferTokenSalt } },
    secrets: { encryptionKey: config.secrets.encryptionKey },
    flags: { nps: false, promoteEE: false },
  };
};
