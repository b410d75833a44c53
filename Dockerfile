# gh-mlops GitHub App image: `docker build -t gh-mlops-app .` then run with APP_ID, PRIVATE_KEY (or PRIVATE_KEY_PATH),
# WEBHOOK_SECRET, PORT (default 3000) and, for GitHub Enterprise, GITHUB_API_URL. See docs/app.md.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-slim
ENV NODE_ENV=production PORT=3000
WORKDIR /app
# dist/ plus the assets found by lib/package-root.ts (policies/, schema/, templates and contract schemas under lib/).
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/policies ./policies
COPY --from=build --chown=node:node /app/schema ./schema
COPY --from=build --chown=node:node /app/lib ./lib
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/cli.js", "app"]
