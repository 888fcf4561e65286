# Pulse: API, workers and CLI in one image. Build: docker build -t pulse .
# Run:   docker run --env-file pulse.env -p 8080:8080 pulse <command>   (e.g. `config check`)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY jobs ./jobs
COPY emulator ./emulator
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production LOG_FORMAT=json PULSE_HTTP_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
COPY playbooks ./playbooks
USER node
ENTRYPOINT ["node", "dist/src/main/cli.js"]
CMD ["--help"]
