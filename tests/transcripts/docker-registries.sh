docker pull alpine > /dev/null
docker tag alpine localhost:5000/my-alpine:v1
docker push localhost:5000/my-alpine:v1
docker run -d -p 5000:5000 --name registry registry:2 > /dev/null 2>&1
docker push localhost:5000/my-alpine:v1
docker rmi localhost:5000/my-alpine:v1
docker pull localhost:5000/my-alpine:v1
docker push learner/app
docker tag alpine learner/app
docker push learner/app
docker login -u learner -p secret
docker push learner/app
docker pull registry.example.com/app
