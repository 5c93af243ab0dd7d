docker run -d --name web -p 8080:80 nginx > /dev/null 2>&1
curl localhost:8080
curl -i http://localhost:8080/nope
curl localhost:9999
curl web
docker run --rm alpine ping -c 1 web
docker run --rm alpine sh -c 'wget -qO- http://172.17.0.2 | head -n 4'
docker network create appnet
docker run -d --name db --network appnet -e POSTGRES_PASSWORD=pw postgres > /dev/null 2>&1
docker run -d --name api --network appnet --network-alias backend nginx > /dev/null
docker run --rm --network appnet alpine ping -c 2 db
docker run --rm --network appnet alpine nslookup backend
docker run --rm --network appnet alpine wget -qO- http://api/ | grep title
docker run --rm alpine nslookup db
docker network ls
docker network rm appnet
docker network connect appnet web
docker exec web curl -s http://backend/ | grep -c nginx
docker run -d --name other -p 8080:80 nginx
docker run --rm --network none alpine ping -c 1 web
docker inspect --format '{{.NetworkSettings.IPAddress}}' web
docker inspect --format '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{end}}' web
docker network inspect --format '{{json .IPAM.Config}}' appnet
docker network inspect --format '{{nope}}' bridge
echo "status $?"
