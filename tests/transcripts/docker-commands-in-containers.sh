docker run alpine echo hello from alpine
docker run alpine sh -c 'echo "I am $(whoami) on $(hostname)"; ls /; cat /etc/os-release | head -n 2; nope'
echo "exit $?"
docker run debian sh -c 'nope'
docker run --rm -e GREETING=hi alpine env
docker run alpine id
docker run -w /tmp alpine pwd
