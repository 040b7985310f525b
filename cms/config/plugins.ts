import { loadCmsConfig } from '../src/settings/load-config';

export default () => {
  const config = loadCmsConfig();
  return {
    'users-permissions': { config: { jwtSecret: config.secrets.jwtSecret } },
    i18n: { enabled: true },
    // Strapi's own GraphQL is not a read path for partners (api/ is); it is enabled only for the
    // API benchmark's baseline (`KILDE_STRAPI_GRAPHQL=true`).
    graphql: {
      enabled: process.env.KILDE_STRAPI_GRAPHQL === 'true',
      config: { defaultLimit: 20, maxLimit: 100, landingPage: false },
    },
  };
};
