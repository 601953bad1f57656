# Build stage: the TypeScript compiler and the other dev dependencies stay here.
FROM node:24-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime stage (Node 24, in support; the dev and CI machines run the same code on Node 20): production dependencies, the compiled code, and the files it reads at run time from
# the package root (see src/paths.ts).
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schema.graphql ./
COPY cypher ./cypher
USER node
EXPOSE 4000
# The image has no curl; Node's fetch asks readiness, which runs a real query and answers within a second.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/index.js"]
