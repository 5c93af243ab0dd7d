mkdir app
cd app
echo 'print("hello from the app")' > app.py
echo flask > requirements.txt
cat <<EOF > Dockerfile
FROM python:3.13
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
EOF
docker build -t hello .
docker build -t hello .
echo 'print("changed")' > app.py
docker build -t hello .
echo gunicorn >> requirements.txt
docker build -t hello .
docker images
docker history hello
docker run --rm hello cat /app/app.py
cat <<EOF > Dockerfile
FROM alpine
FROOM alpine
EOF
docker build .
cat <<EOF > Dockerfile
FROM alpine
RUN false
EOF
docker build .
cat <<EOF > Dockerfile
FROM alpine
COPY missing.txt /
EOF
docker build .
