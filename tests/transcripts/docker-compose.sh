mkdir shop
cd shop
echo 'print("shop")' > app.py
printf 'FROM python:3.13\nWORKDIR /app\nCOPY . .\nCMD ["python", "-m", "http.server", "8000"]\n' > Dockerfile
cat <<'EOF' > compose.yaml
services:
  web:
    build: .
    ports:
      - "8000:8000"
    environment:
      DATABASE_URL: postgres://app:pw@db:5432/app
    depends_on:
      - db
      - cache
  db:
    image: postgres:18
    environment:
      POSTGRES_PASSWORD: pw
    volumes:
      - pgdata:/var/lib/postgresql
  cache:
    image: redis
volumes:
  pgdata:
EOF
docker compose up -d
docker compose ps
curl -s localhost:8000/ | grep -c app.py
docker compose exec -T web sh -c 'curl -s http://web:8000/ | head -n 2'
docker compose up -d
echo 'print("changed")' > app.py
docker compose up -d
docker compose up -d --build 2>&1 | grep -E "CACHED|Recreated|Running"
docker compose logs cache
docker network ls --format '{{.Name}}'
docker compose down
docker volume ls
docker compose down -v
docker compose up
^C
docker compose config | head -12
cd ..
docker compose up
