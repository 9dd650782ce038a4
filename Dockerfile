# syntax=docker/dockerfile:1
#
# The image of one naperj service:
#
#   docker build --build-arg SERVICE=submissions -t naperj/submissions:0.1.0 .
#
# SERVICE is one of submissions, expert-network, community-engagement, reporting. Keys,
# certificates and passwords are mounted when the container runs (docker-compose.yml,
# k8s/), never built in. The base is the Node the project is tested on (package.json:
# engines and the "node" devDependency); bump both together.

FROM node:24.21.0-bookworm-slim AS build
ARG SERVICE
RUN case "$SERVICE" in submissions|expert-network|community-engagement|reporting) ;; \
      *) echo "--build-arg SERVICE=<submissions|expert-network|community-engagement|reporting> is required (got \"$SERVICE\")" >&2; exit 1 ;; \
    esac
WORKDIR /workspace
# Nx runs once per build: no daemon to leave behind, no remote cache to ask.
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
# tsc --build of the service also builds the libraries it references.
# Sync generators keep the repository's tsconfig references; they are checked there, not in an image.
RUN npx nx run "$SERVICE:build" --output-style=static --skip-sync
# What the runtime needs of the workspace: the manifests npm links by, the libraries' and the
# service's builds, and the reporting dashboard's browser code.
RUN mkdir /out \
 && cp --parents package.json package-lock.json libs/*/package.json "services/$SERVICE/package.json" /out/ \
 && cp -r --parents libs/*/dist "services/$SERVICE/dist" /out/ \
 && if [ -d "services/$SERVICE/web" ]; then cp -r --parents "services/$SERVICE/web" /out/; fi

FROM node:24.21.0-bookworm-slim AS production-dependencies
ARG SERVICE
WORKDIR /app
COPY --from=build /out/ ./
# The production dependencies, and links to this service's workspace and the libraries it uses only.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --workspace "services/$SERVICE" --include-workspace-root --ignore-scripts --no-audit --no-fund

FROM node:24.21.0-bookworm-slim AS runtime
ARG SERVICE
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-dependencies --chown=root:root /app/ ./
# Built at build time, so the entry point needs no build argument.
RUN ln -s "services/$SERVICE/dist/main.js" main.js
# The image's files stay root's: the service can read them and change none.
USER node
# The port its own country gives the service: us 41xx, mx 42xx, ca 43xx (PORT, libs/contracts
# LOCAL_SERVICE_PORTS); the container listens on whatever PORT says.
EXPOSE 4101 4102 4103 4104 4201 4202 4203 4204 4301 4302 4303 4304
# The slim image has no curl: Node asks the liveness endpoint on the configured port.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health/live`, { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--disable-warning=TimeoutNegativeWarning", "main.js"]
