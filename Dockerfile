# Dockside as a container: build with Rust on Debian, serve with Debian's nginx and brotli
# module and the same configuration the end-to-end tests run (deploy/nginx/).
#
#   docker build -t dockside .                                   # site at /
#   docker build --build-arg PUBLIC_URL=/some/path/ -t dockside .  # site under a sub-path
#   docker run --rm -p 8080:80 dockside                          # http://127.0.0.1:8080
#
# Under a sub-path, also set `set $dockside_base /some/path/;` in deploy/nginx/nginx.conf and
# the site lands in /usr/share/nginx/html/some/path/ (see below).

FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
# scripts/setup --build installs the wasm target, Trunk, wasm-bindgen-cli and npm's wasm-opt.
RUN scripts/setup --build
ARG PUBLIC_URL=/
RUN scripts/build --public-url "$PUBLIC_URL" --dist /site

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-static \
    && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/*
COPY deploy/nginx/nginx.conf /etc/nginx/nginx.conf
COPY deploy/nginx/dockside.conf deploy/nginx/dockside-headers.conf /etc/nginx/dockside/
ARG PUBLIC_URL=/
COPY --from=build /site /usr/share/nginx/html${PUBLIC_URL}
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
