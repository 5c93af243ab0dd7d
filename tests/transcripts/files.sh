pwd
ls
mkdir app
cd app
pwd
cat <<EOF > Dockerfile
FROM python:3.13-slim
WORKDIR /app
COPY . .
CMD ["python", "-m", "http.server", "8000"]
EOF
echo "flask" > requirements.txt
echo "gunicorn" >> requirements.txt
cat requirements.txt
ls
ls -l
ls -la
wc -l Dockerfile requirements.txt
grep -n CMD Dockerfile
head -n 2 Dockerfile
tail -1 Dockerfile
sort -r requirements.txt
cp Dockerfile Dockerfile.bak
mv Dockerfile.bak backup
ls -1
cat missing.txt
mkdir app2 app2
mkdir -p deep/er/est
ls deep/er
rm deep
rm -r deep
rmdir nope
touch /etc/forbidden
cd /nonexistent
cd ..
ls -d app
cd -
ls /root
ls -l /etc/hostname
cat /etc/hostname
echo oops > /etc/hostname
ls nothing here 2>/dev/null; echo "exit $?"
ls nothing 2>&1 | wc -l
ls -z
sleep 2
date
sleep 1m
date
