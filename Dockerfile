# Circlekeeper: build on node:20-slim (glibc, so better-sqlite3 builds or downloads its binary as
# usual), run the compiled bot as the unprivileged `node` user. The same image runs the shard
# launcher (`node dist/launcher.js`, one process per shard) or the REST proxy (`node dist/proxy.js`)
# when given that command.

FROM node:20-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY src ./src
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/prisma ./prisma
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
# Exec form: node is PID 1 and receives SIGTERM itself.
CMD ["node", "dist/index.js"]
