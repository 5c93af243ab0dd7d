mkdir multi
cd multi
echo 'package main' > main.go
cat <<'EOF' > Dockerfile
FROM golang:1.25 AS build
WORKDIR /src
COPY main.go .
RUN echo compiled > /src/app
FROM alpine AS test
RUN echo testing
FROM alpine
COPY --from=build /src/app /usr/local/bin/app
CMD ["cat", "/usr/local/bin/app"]
EOF
docker build -t multi .
docker run --rm multi
docker build --target build -t multi:build . 2>&1 | tail -n 3
echo node_modules > .dockerignore
mkdir node_modules
echo big > node_modules/lib.js
cat <<'EOF' > Dockerfile
FROM alpine
COPY . /ctx
RUN ls /ctx
EOF
docker build --progress=plain -t ctx . 2>&1 | grep '^#7'
docker images
