#!/bin/sh
# xen-info-field FORMAT FIELD WANT: the value of FIELD that xen-info prints
# (FORMAT `text`, xl's layout, or `json`, where strings are quoted) is
# WANT, which must not be empty. Written into dom0 by `cargo xtask dom0`.
format=$1
field=$2
want=$3
if [ "$format" = json ]; then
    got=$(/bin/xen-info --json --backend privcmd | sed -n "s/^  \"$field\": //p" | sed "s/,$//")
else
    got=$(/bin/xen-info --backend privcmd | sed -n "s/^$field *: //p")
fi
echo "got [$got] want [$want]"
test -n "$want" && test "$got" = "$want"
