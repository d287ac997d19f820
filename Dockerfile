# Trame: API server + web app in one image. SQLite by default (volume /data); PostgreSQL with DATABASE_URL.
#   docker build -t trame . && docker run -p 3000:3000 -v trame-data:/data trame
FROM node:20-bookworm-slim AS build
# better-sqlite3 and argon2 are native modules: build them against this Node.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --no-audit --no-fund --ignore-scripts && npm rebuild better-sqlite3 argon2
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATABASE_PATH=/data/trame.sqlite
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "scripts/start.mjs"]
