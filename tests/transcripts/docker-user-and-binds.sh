mkdir project
cd project
docker run --rm -v "$PWD":/usr/src/app -w /usr/src/app alpine touch as-root.txt
docker run --rm --user "$(id -u):$(id -g)" -v "$PWD":/usr/src/app -w /usr/src/app alpine sh -c 'touch as-me.txt; id; whoami'
ls -l
rm as-root.txt
docker run -it --user 1000:1000 debian bash
whoami
exit
