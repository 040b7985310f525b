import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::question-answer.question-answer');
