import { loadCmsConfig } from '../src/settings/load-config';

export default () => {
  const config = loadCmsConfig();
  return {
    'users-permissions': { config: { jwtSecret: config.secrets.jwtSecret } },
    i18n: { enabled: true },
  };
};
