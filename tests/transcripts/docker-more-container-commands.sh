docker run -d --name web -p 8080:80 nginx > /dev/null 2>&1
docker exec web sh -c 'echo changed > /usr/share/nginx/html/index.html; touch /tmp/new'
docker diff web
docker port web
docker port web 80
docker top web
docker pause web
docker ps --format '{{.Names}} {{.Status}}'
docker unpause web
docker rename web site
docker cp site:/usr/share/nginx/html/index.html .
cat index.html
docker commit site mysite:v1
docker images --format '{{.Repository}}:{{.Tag}}'
docker run -d --name flaky --restart on-failure:3 alpine false
sleep 5
docker ps -a --filter name=flaky --format '{{.Status}}'
docker inspect --format '{{.RestartCount}}' flaky
docker run -d --name always --restart always alpine false
sleep 1h
docker inspect --format '{{.RestartCount}} {{.State.Status}}' always
docker stop always
docker ps -a --filter name=always --format '{{.Status}}'
docker run -d --name sleeper alpine sleep 30
docker wait sleeper
docker stats --no-stream site
