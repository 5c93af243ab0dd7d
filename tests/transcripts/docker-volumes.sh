docker volume create pgdata
docker volume ls
docker run -d --name db -e POSTGRES_PASSWORD=secret -v pgdata:/var/lib/postgresql postgres > /dev/null 2>&1
docker volume ls
docker volume rm pgdata
docker exec db sh -c 'echo "precious rows" > /var/lib/postgresql/data.txt'
docker rm -f db
docker run --rm -v pgdata:/data alpine cat /data/data.txt
docker run --name scratchpad alpine sh -c 'echo lost > /note.txt'
docker rm scratchpad
docker run --rm alpine cat /note.txt
mkdir site
echo '<h1>Hello from the host</h1>' > site/index.html
docker run -d --name web -p 8080:80 -v ./site:/usr/share/nginx/html:ro nginx > /dev/null 2>&1
docker exec web cat /usr/share/nginx/html/index.html
docker exec web sh -c 'echo x > /usr/share/nginx/html/new.html'
docker run --rm -v "$PWD/site":/out alpine sh -c 'echo "from a container" > /out/from-container.txt'
ls -l site
docker run --rm -v nginx-html:/usr/share/nginx/html nginx ls /usr/share/nginx/html
docker volume ls
docker run --rm --mount type=bind,source=/dev/noexist,target=/x alpine true
docker run --rm --read-only alpine touch /x
docker run --rm --read-only --tmpfs /tmp alpine sh -c 'touch /tmp/x && echo tmpfs is writable'
docker inspect --format '{{range .Mounts}}{{.Type}} {{.Source}} -> {{.Destination}} rw={{.RW}}{{println}}{{end}}' web
docker run -d --name r redis > /dev/null 2>&1
docker volume ls -q | wc -l
docker rm -f -v r
docker volume ls -q | wc -l
docker volume prune -f
docker volume inspect pgdata
