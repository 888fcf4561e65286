# syntax=docker/dockerfile:1
#
# Pulse: the API, the workers and the CLI in one image; the command picks the role.
#
#   docker build -t pulse .
#   docker run -d --env-file pulse.env -v "$PWD/config:/app/config:ro" -p 127.0.0.1:8080:8080 pulse
#       (`pulse serve`, the default command)
#   docker run -d --env-file pulse.env -v "$PWD/config:/app/config:ro" --no-healthcheck pulse worker
#       (work the queues and keep the orgs' schedules)
#   docker run --rm --env-file pulse.env -v "$PWD/config:/app/config:ro" pulse doctor --org NAME
#
# There is no scheduler process: every `pulse worker` keeps the orgs' schedules
# (`pulse worker --no-schedule` only works jobs). The HEALTHCHECK probes the API, so run workers
# with --no-healthcheck (compose disables it for them). See docs/operations.md.

# Node 20, as .nvmrc and package.json's engines say.
FROM node:20-bookworm-slim AS base
WORKDIR /app
# swagger-ui-dist's install script would report the install to Scarf.
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# Compiles src/, jobs/ and emulator/ (tsconfig.build.json) to dist/; needs the dev dependencies.
FROM base AS build
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY jobs ./jobs
COPY emulator ./emulator
RUN npm run build && chmod 755 dist/src/main/cli.js

# The production dependencies alone: what the runtime image gets as node_modules.
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM base AS runtime
ENV NODE_ENV=production \
    PULSE_HTTP_HOST=0.0.0.0
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Read at run time from Pulse's package root (the directory of package.json): config/ holds
# default.yaml, health-model.yaml and sla.yaml, playbooks/ the diagnostics playbooks, web/ the
# console and the API docs page. Files stay root-owned: the process cannot change them.
COPY package.json ./
COPY config ./config
COPY playbooks ./playbooks
COPY web ./web
RUN ln -s /app/dist/src/main/cli.js /usr/local/bin/pulse
# The node user (uid 1000) of the official image.
USER node
# http.port's default; with another PULSE_HTTP_PORT, publish that port (the healthcheck follows it).
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PULSE_HTTP_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/dist/src/main/cli.js"]
CMD ["serve"]
