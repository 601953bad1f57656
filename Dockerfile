# Build stage: the TypeScript compiler and the other dev dependencies stay here.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime stage: production dependencies, the compiled code, and the files it reads at run time from
# the package root (see src/paths.ts).
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schema.graphql ./
COPY cypher ./cypher
USER node
EXPOSE 4000
CMD ["node", "dist/src/index.js"]
