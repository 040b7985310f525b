FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci && npm run build && (cd cms && NODE_ENV=production npx strapi build) && npm prune --omit=dev
ENV NODE_ENV=production
