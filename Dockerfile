# The harness as a container image: what every pod of `harness k8s`'s Job runs (node /app/bin/harness.mjs shard …).
# Build it from the repository root and push it where the cluster pulls from (docs/kubernetes.md):
#   docker build -t registry.example/marketplace-load-harness:0.1.0 .

FROM node:20-slim AS dependencies
# better-sqlite3 builds from source when no prebuilt binary fits: node-gyp needs Python, make and a C++ compiler.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# node-gyp builds against this image's own Node headers instead of downloading them. Production dependencies only:
# tsx runs the TypeScript, nothing at run time imports a devDependency.
ENV npm_config_nodedir=/usr/local
RUN npm ci --omit=dev --no-audit --no-fund \
 && test -f node_modules/better-sqlite3/build/Release/better_sqlite3.node

# The run-time image has no compilers: only Node, the dependencies built above and the project.
FROM node:20-slim
WORKDIR /app
COPY --from=dependencies /app/node_modules ./node_modules
COPY . .
# bin/harness.mjs reinstalls when npm's record of node_modules is older than the lockfile; this one is current.
RUN touch node_modules/.package-lock.json
# The image's unprivileged user (uid 1000): the Job's pods run as it, and it owns nothing it could change in /app.
USER node
ENTRYPOINT ["node", "bin/harness.mjs"]
