docker run hello
docker run alpine echo hello from alpine
docker ps
docker ps -a
docker run -d --name web -p 8080:80 nginx
docker ps
docker run -d --name web nginx
docker run -d -p 8080:80 nginx
docker images
docker stop web
docker ps -a
docker rm web
docker run --rm alpine
docker run -d --name sleeper alpine sleep 300
docker stop sleeper
docker run -d --name topper alpine top -b
docker stop topper
docker ps -a --format "table {{.Names}}\t{{.Status}}"
docker inspect --format '{{.State.Status}} {{.State.ExitCode}}' sleeper topper
docker run postgres
docker run --restart always --rm alpine
docker run --bogus alpine
docker run alpine bash
docker frobnicate
docker logs nosuch
docker rm topper sleeper
docker run nginx
echo ignored while attached
^C
echo "exit $?"
docker run -d --name s2 alpine sleep 5
sleep 6
docker ps -a --filter name=s2
