# The churn example (examples/churn-service) in a container: it runs the demo story once, then keeps
# serving the model and the dashboard on port 3000. With DATABASE_URL (see docker-compose.yml) it
# uses PostgreSQL and pg-boss; without it, SQLite inside the container.
#
# Untested here: the machine this was written on has no Docker engine. See docs/guides/quick-start.md.
FROM node:20-bookworm-slim

WORKDIR /app

# The whole workspace: the example is built together with the packages it uses.
COPY . .

# better-sqlite3 installs a prebuilt binary for linux x64/arm64 with glibc (bookworm), so no compiler
# is needed. The build needs the dev dependencies (turbo, tsup, typescript), so they stay.
RUN npm ci && npm run build

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000

EXPOSE 3000

# Plain node on the built output; no tsx at runtime. For the service alone on real time, without
# the replayed story: CMD ["node", "examples/churn-service/dist/serve.js"]
CMD ["node", "examples/churn-service/dist/demo.js", "--data-directory", "/app/.driftwatch-demo"]
