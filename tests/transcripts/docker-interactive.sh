docker run -it alpine sh
ls
cd /tmp
echo "written inside" > note.txt
cat note.txt
bash
exit 3
echo "the container's shell exited with $?"
docker ps -a --format '{{.Names}} {{.Status}}'
docker run -it --name deb debian bash
whoami
^P^Q
docker ps --format '{{.Names}} {{.Status}}'
docker exec deb cat /etc/os-release
docker exec -it deb sh
echo in exec
^D
docker ps --format '{{.Names}} {{.Status}}'
docker attach deb
exit
docker ps -a --format '{{.Names}} {{.Status}}'
docker run -d --name web nginx
docker exec web ls /usr/share/nginx/html
docker exec web nope
docker exec deb ls
