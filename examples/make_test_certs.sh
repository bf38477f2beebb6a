#!/bin/sh
# make_test_certs.sh DIR SUBJECT_ALT_NAMES: a test CA (DIR/ca.pem) and a server certificate it signed
# (DIR/server.pem, key DIR/server.key, PKCS#8) for the names given, e.g.
# "DNS:localhost,IP:127.0.0.1,IP:::1". Both expire in two days.
set -eu
cd "$1"
printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$2" > ext
ec="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
openssl req -x509 $ec -keyout ca.key -out ca.pem -days 2 -subj "/CN=wslua test CA"
openssl req $ec -keyout server.key -out server.csr -subj "/CN=localhost"
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 \
  -extfile ext
