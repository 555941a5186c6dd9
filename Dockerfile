# The shiming API + SPA in one image. Build: docker build -t shiming .
FROM rust:1.95-bookworm AS build
WORKDIR /src
RUN rustup target add wasm32-unknown-unknown \
 && cargo install wasm-bindgen-cli --version 0.2.130
COPY . .
RUN cargo xtask spa && cargo build --release -p shiming-server

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /var/lib/shiming shiming \
 && mkdir -p /var/lib/shiming && chown shiming /var/lib/shiming
COPY --from=build /src/target/release/shiming /usr/local/bin/shiming
COPY --from=build /src/frontend/dist /srv/shiming/spa
ENV SHIMING_STATIC_DIR=/srv/shiming/spa \
    SHIMING_DATA_DIR=/var/lib/shiming \
    SHIMING_BIND=0.0.0.0:8080
USER shiming
EXPOSE 8080
CMD ["shiming", "serve"]
