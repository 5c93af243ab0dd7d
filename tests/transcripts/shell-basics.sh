echo hello world
echo "quoted   spaces" 'and $HOME' "$HOME"
echo -n no newline; echo
printf '%s=%d\n' one 1 two 2
nosuchcommand --flag
echo "status was $?"
false || echo "false failed, so this runs"
true && echo "true succeeded, so this runs"
false && echo "never printed"
echo $(echo inner) and `echo backticks`
echo "$(id -u):$(id -g)"
NAME=world; echo "hello $NAME"
export GREETING=hi
env | grep GREETING
echo ${UNSET:-default}
echo 'unterminated
still quoted'
cat <<EOF
Heredoc with $NAME expanded
and $(echo substitution)
EOF
cat <<'EOF'
Quoted delimiter keeps $NAME
EOF
echo a &&
echo b
| oops
echo ok ;; echo not
if true; then echo x; fi
^C
echo "after ^C the status is $?"
echo unfinished 'quote
^C
echo "the half-typed command was dropped"
history | tail -n 3
