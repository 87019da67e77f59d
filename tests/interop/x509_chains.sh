#!/usr/bin/env bash
# Certificate chains made with openssl at test time, one per rule of mote's
# validator (positive and negative), each checked with `mote verify` (fed
# in three chunkings: 1, 64 and 4096 bytes, which must agree) and with
# `openssl verify` (-attime, -verify_hostname, -verify_ip, -purpose): both
# must give the expected verdict. The few places where mote is deliberately
# stricter or laxer than OpenSSL are cases of their own (diff_*), with each
# side's expected verdict. Also: every root of the Debian bundle converts.
#
#   bash tests/interop/x509_chains.sh [path/to/mote]     (default build/mote)
#
# Prints "x509: <case> ok|FAIL|skip ..." per case and "x509: N passed, N
# failed"; exits 1 if any case failed.
set -u
MOTE=${1:-build/mote}
case "$MOTE" in /*) ;; *) MOTE="$PWD/$MOTE" ;; esac
if [ ! -x "$MOTE" ]; then
    echo "x509: setup FAIL ($MOTE not built)"
    exit 1
fi
D=$(mktemp -d "${TMPDIR:-/tmp}/mote-x509.XXXXXX")
trap 'rm -rf "$D"' EXIT
cd "$D" || exit 1
NOW=$(date +%s)
DAY=86400
pass=0
failn=0
HAVE_ECDSA=0
nm "$MOTE" 2>/dev/null | grep -q ' T mote_ecdsa_verify' && HAVE_ECDSA=1

quiet() { "$@" >/dev/null 2>&1; }

# ---- keys (made once, shared by the cases) ----
genkey() { # name spec
    case $2 in
    rsa*) quiet openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${2#rsa}" -out "$1.key" ;;
    p256) quiet openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" ;;
    p384) quiet openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$1.key" ;;
    ed25519) quiet openssl genpkey -algorithm ED25519 -out "$1.key" ;;
    esac
}
for k in kroot kroot2 kint kint2 kleaf kother; do genkey $k rsa2048; done
genkey kroot4096 rsa4096
genkey kint3072 rsa3072
genkey kweak rsa1024
genkey kecroot p384
genkey kecint p256
genkey keclef p256
genkey ked ed25519

cat >ext.cnf <<'EOF'
[ca]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
[ca_pl0]
basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign,cRLSign
[ca_pl1]
basicConstraints=critical,CA:TRUE,pathlen:1
keyUsage=critical,keyCertSign,cRLSign
[ca_noku]
basicConstraints=critical,CA:TRUE
[ca_nocertsign]
basicConstraints=critical,CA:TRUE
keyUsage=critical,digitalSignature,cRLSign
[ca_false]
basicConstraints=critical,CA:FALSE
keyUsage=critical,keyCertSign,cRLSign
[ca_nobc]
keyUsage=critical,keyCertSign,cRLSign
[ca_eku_server]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
extendedKeyUsage=serverAuth
[ca_eku_client]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
extendedKeyUsage=clientAuth
[ca_nc_dns]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
nameConstraints=critical,permitted;DNS:example.com
[ca_nc_dns_excl]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
nameConstraints=critical,excluded;DNS:bad.example.com
[ca_nc_ip]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
nameConstraints=critical,permitted;IP:10.0.0.0/255.0.0.0,permitted;DNS:example.com
[ca_nc_ip_excl]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
nameConstraints=critical,excluded;IP:10.0.0.0/255.255.255.0
[ca_crit]
basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
1.3.6.1.4.1.55555.1=critical,ASN1:NULL
[leaf]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:www.example.com,DNS:*.example.org,IP:10.0.0.1,IP:2001:db8::1
[leaf_ec]
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:www.example.com
[leaf_client]
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth
subjectAltName=DNS:www.example.com
[leaf_noeku]
subjectAltName=DNS:www.example.com
[leaf_anyeku]
extendedKeyUsage=anyExtendedKeyUsage
subjectAltName=DNS:www.example.com
[leaf_ku_certsign]
keyUsage=critical,keyCertSign
subjectAltName=DNS:www.example.com
[leaf_nosan]
extendedKeyUsage=serverAuth
[leaf_cn_dns]
subjectAltName=DNS:other.example.com
[leaf_cn_ip]
subjectAltName=IP:10.0.0.1
[leaf_partial]
subjectAltName=DNS:w*.example.com
[leaf_star_com]
subjectAltName=DNS:*.com
[leaf_crit]
subjectAltName=DNS:www.example.com
1.3.6.1.4.1.55555.1=critical,ASN1:NULL
[leaf_noncrit]
subjectAltName=DNS:www.example.com
1.3.6.1.4.1.55555.1=ASN1:UTF8String:hello
[leaf_policy_crit]
subjectAltName=DNS:www.example.com
certificatePolicies=critical,2.23.140.1.2.1
[leaf_evil]
subjectAltName=DNS:www.evil.com
[leaf_bad]
subjectAltName=DNS:bad.example.com
[leaf_extra_san]
subjectAltName=DNS:www.example.com,DNS:www.evil.com
[leaf_ip2]
subjectAltName=IP:10.0.0.1,IP:10.1.2.3
[leaf_ip_other]
subjectAltName=IP:192.168.1.1
[leaf_self]
basicConstraints=CA:FALSE
subjectAltName=DNS:www.example.com
EOF

# cert NAME "SUBJECT" KEY ISSUER|self SECTION DAYS [openssl x509 -req options...]
cert() {
    local name=$1 subj=$2 key=$3 issuer=$4 sect=$5 days=$6
    shift 6
    quiet openssl req -new -key "$key.key" -subj "$subj" -out "$name.csr"
    if [ "$issuer" = self ]; then
        openssl x509 -req -in "$name.csr" -key "$key.key" -out "$name.pem" -days "$days" \
            -extfile ext.cnf -extensions "$sect" -set_serial "0x$(openssl rand -hex 8)" "$@" \
            >/dev/null 2>"$name.err"
    else
        openssl x509 -req -in "$name.csr" -CA "$issuer.pem" -CAkey "$(cat "$issuer.k").key" \
            -out "$name.pem" -days "$days" -extfile ext.cnf -extensions "$sect" \
            -set_serial "0x$(openssl rand -hex 8)" "$@" >/dev/null 2>"$name.err"
    fi || echo "x509: setup of $name failed: $(head -3 "$name.err")" >&2
    echo "$key" >"$name.k"
}

# ---- the shared PKI ----
cert root "/CN=mote test root" kroot self ca 3650
cert root2 "/CN=mote other root" kroot2 self ca 3650
cert int "/O=mote/CN=mote test int" kint root ca 1000
cert leaf "/CN=leaf" kleaf int leaf 365

# case NAME EXPECT_MOTE EXPECT_OPENSSL ROOTS "CHAIN FILES" [mote/openssl options]
#   EXPECT_MOTE: OK or a piece of the FAIL reason; EXPECT_OPENSSL: OK or FAIL
#   options: host=NAME ip=ADDR time=T purpose=server|client|any depth=N
check() {
    local name=$1 want=$2 want_ossl=$3 roots=$4 files=$5
    shift 5
    local mopts=() oopts=(-auth_level 2) o host="" purpose=server
    for o in "$@"; do
        case $o in
        host=*) mopts+=(--host "${o#host=}") oopts+=(-verify_hostname "${o#host=}") ;;
        ip=*) mopts+=(--host "${o#ip=}") oopts+=(-verify_ip "${o#ip=}") ;;
        time=*) mopts+=(--time "${o#time=}") oopts+=(-attime "${o#time=}") ;;
        purpose=*) purpose=${o#purpose=} ;;
        depth=*) oopts+=(-verify_depth "${o#depth=}") ;;
        esac
    done
    mopts+=(--purpose "$purpose")
    case $purpose in
    server) oopts+=(-purpose sslserver) ;;
    client) oopts+=(-purpose sslclient) ;;
    any) oopts+=(-purpose any) ;;
    esac
    local f first="" rest=()
    cat $files >"$name.chain.pem" 2>/dev/null
    for f in $files; do
        if [ -z "$first" ]; then first=$f; else rest+=("$f"); fi
    done
    local m1 m64 m4k ossl ok=1 why=""
    m64=$("$MOTE" verify --roots "$roots" "${mopts[@]}" --chunk 64 "$name.chain.pem" 2>&1)
    m1=$("$MOTE" verify --roots "$roots" "${mopts[@]}" --chunk 1 "$name.chain.pem" 2>&1)
    m4k=$("$MOTE" verify --roots "$roots" "${mopts[@]}" --chunk 4096 "$name.chain.pem" 2>&1)
    if [ "$m1" != "$m64" ] || [ "$m4k" != "$m64" ]; then
        ok=0
        why="chunkings disagree: '$m1' / '$m64' / '$m4k'"
    elif [ "$want" = OK ] && [ "$m64" != OK ]; then
        ok=0
        why="mote: $m64"
    elif [ "$want" != OK ] && [[ "$m64" != "FAIL: "*"$want"* ]]; then
        ok=0
        why="mote: $m64 (wanted FAIL: $want)"
    fi
    if [ "$want_ossl" != - ]; then
        if [ ${#rest[@]} -gt 0 ]; then
            cat "${rest[@]}" >"$name.untrusted.pem"
            oopts+=(-untrusted "$name.untrusted.pem")
        fi
        if openssl verify -CAfile "$roots" "${oopts[@]}" "$first" >"$name.ossl" 2>&1 &&
            grep -q ': OK$' "$name.ossl"; then
            ossl=OK
        else
            ossl=FAIL
        fi
        if [ "$ossl" != "$want_ossl" ]; then
            ok=0
            why="$why openssl: $ossl ($(grep -i error "$name.ossl" | head -1))"
        fi
    fi
    if [ $ok = 1 ]; then
        echo "x509: $name ok"
        pass=$((pass + 1))
    else
        echo "x509: $name FAIL ($why)"
        failn=$((failn + 1))
    fi
}
skip() {
    echo "x509: $1 skip ($2)"
}

# DER surgery: flip the byte at offset OFF (negative: from the end) of a PEM certificate
tamper() { # in.pem out.pem offset
    openssl x509 -in "$1" -outform DER -out "$1.der"
    python3 - "$1.der" "$3" <<'EOF'
import sys
p = sys.argv[1]; off = int(sys.argv[2]); b = bytearray(open(p, 'rb').read())
b[off] ^= 0x01
open(p, 'wb').write(b)
EOF
    { echo "-----BEGIN CERTIFICATE-----"; base64 -w 64 "$1.der"; echo "-----END CERTIFICATE-----"; } >"$2"
}
# offset of the first occurrence of a byte string (hex) in a certificate's DER
offset_of() { # pem hex
    openssl x509 -in "$1" -outform DER | python3 -c "import sys; d=sys.stdin.buffer.read(); print(d.find(bytes.fromhex('$2')))"
}

H=host=www.example.com

# ---- basic acceptance and host names ----
check rsa_chain OK OK root.pem "leaf.pem int.pem" $H
check rsa_chain_no_host OK OK root.pem "leaf.pem int.pem"
check host_wildcard OK OK root.pem "leaf.pem int.pem" host=api.example.org
check host_case OK OK root.pem "leaf.pem int.pem" host=WWW.Example.COM
check host_ipv4 OK OK root.pem "leaf.pem int.pem" ip=10.0.0.1
check host_ipv6 OK OK root.pem "leaf.pem int.pem" ip=2001:db8::1
check host_ipv6_long_form OK OK root.pem "leaf.pem int.pem" ip=2001:0db8:0:0:0:0:0:1
check host_mismatch "name mismatch" FAIL root.pem "leaf.pem int.pem" host=example.com
check host_wildcard_two_labels "name mismatch" FAIL root.pem "leaf.pem int.pem" host=a.b.example.org
check host_wildcard_bare "name mismatch" FAIL root.pem "leaf.pem int.pem" host=example.org
check host_ip_mismatch "name mismatch" FAIL root.pem "leaf.pem int.pem" ip=10.0.0.2
cert star_com "/CN=star" kleaf int leaf_star_com 365
check host_star_com "name mismatch" FAIL root.pem "star_com.pem int.pem" host=example.com

# ---- chain shapes ----
check with_root OK OK root.pem "leaf.pem int.pem root.pem" $H
cert leaf_direct "/CN=direct" kleaf root leaf 365
check issued_by_root OK OK root.pem "leaf_direct.pem" $H
check issued_by_root_plus_root OK OK root.pem "leaf_direct.pem root.pem" $H
cert other "/CN=unrelated" kother root2 leaf 365
check superfluous_unrelated OK OK root.pem "leaf.pem other.pem int.pem" $H
check superfluous_duplicate OK OK root.pem "leaf.pem int.pem int.pem" $H
check superfluous_after_anchor OK OK root.pem "leaf.pem int.pem other.pem root2.pem" $H
# same subject as int, another key: tried, fails to verify, skipped
cert int_wrongkey "/O=mote/CN=mote test int" kint2 root ca 1000
check same_name_wrong_key_first OK OK root.pem "leaf.pem int_wrongkey.pem int.pem" $H
check same_name_wrong_key_only "bad signature" FAIL root.pem "leaf.pem int_wrongkey.pem" $H
# a signature check per same-name candidate: at most MOTE_X509_MAX_TRIES (4) failures
check wrong_keys_4_then_right OK OK root.pem "leaf.pem int_wrongkey.pem int_wrongkey.pem int_wrongkey.pem int_wrongkey.pem int.pem" $H
check diff_wrong_keys_5 "bad signature" OK root.pem "leaf.pem int_wrongkey.pem int_wrongkey.pem int_wrongkey.pem int_wrongkey.pem int_wrongkey.pem int.pem" $H
check unknown_issuer "unknown issuer" FAIL root2.pem "leaf.pem int.pem" $H
check missing_intermediate "unknown issuer" FAIL root.pem "leaf.pem" $H
cat /etc/ssl/certs/ca-certificates.crt root.pem >bundle_plus.pem 2>/dev/null || cp root.pem bundle_plus.pem
check anchor_in_big_bundle OK OK bundle_plus.pem "leaf.pem int.pem" $H
# intermediate itself trusted (anchor at depth 1)
check anchor_is_intermediate OK - int.pem "leaf.pem int.pem" $H
# a pinned self-signed leaf
cert selfleaf "/CN=www.example.com" kleaf self leaf_self 365
check self_signed_leaf_trusted OK OK selfleaf.pem "selfleaf.pem" $H
check self_signed_leaf_untrusted "unknown issuer" FAIL root.pem "selfleaf.pem" $H

# ---- depth and pathLenConstraint ----
cert i1 "/CN=i1" kint root ca 1000
cert i2 "/CN=i2" kint2 i1 ca 1000
cert i3 "/CN=i3" kother i2 ca 1000
cert lf3 "/CN=lf3" kleaf i3 leaf 365
check depth_4 OK OK root.pem "lf3.pem i3.pem i2.pem i1.pem" $H
check out_of_order "unknown issuer" OK root.pem "lf3.pem i1.pem i2.pem i3.pem" $H # diff: mote needs leaf-first order
prev=root
chain_files=""
for n in 1 2 3 4 5 6 7 8; do
    cert d$n "/CN=deep $n" kint $prev ca 1000
    chain_files="d$n.pem $chain_files"
    prev=d$n
done
cert deepleaf "/CN=deep leaf" kleaf d8 leaf 365
check depth_9_too_long "path too long" FAIL root.pem "deepleaf.pem $chain_files" $H depth=7
cert d7leaf "/CN=deep7 leaf" kleaf d7 leaf 365
check depth_8_ok OK OK root.pem "d7leaf.pem d7.pem d6.pem d5.pem d4.pem d3.pem d2.pem d1.pem" $H depth=7
cert pl0 "/CN=pl0" kint root ca_pl0 1000
cert pl0leaf "/CN=pl0leaf" kleaf pl0 leaf 365
check pathlen0_ok OK OK root.pem "pl0leaf.pem pl0.pem" $H
cert pl0sub "/CN=pl0sub" kint2 pl0 ca 1000
cert pl0subleaf "/CN=pl0subleaf" kleaf pl0sub leaf 365
check pathlen0_exceeded "path too long" FAIL root.pem "pl0subleaf.pem pl0sub.pem pl0.pem" $H
cert pl1 "/CN=pl1" kint root ca_pl1 1000
cert pl1sub "/CN=pl1sub" kint2 pl1 ca 1000
cert pl1subleaf "/CN=pl1subleaf" kleaf pl1sub leaf 365
check pathlen1_ok OK OK root.pem "pl1subleaf.pem pl1sub.pem pl1.pem" $H

# ---- CA flags and key usage ----
for s in ca_false ca_nobc; do
    cert "i_$s" "/CN=i $s" kint root $s 1000
    cert "l_$s" "/CN=l $s" kleaf "i_$s" leaf 365
    check "issuer_$s" "not a CA" FAIL root.pem "l_$s.pem i_$s.pem" $H
done
cert i_v1 "/CN=i v1" kint root ca 1000
openssl x509 -req -in i_v1.csr -CA root.pem -CAkey kroot.key -out i_v1.pem -days 1000 \
    -set_serial 77 >/dev/null 2>&1 # no extensions: a v1 certificate
cert l_v1 "/CN=l v1" kleaf i_v1 leaf 365
check issuer_v1 "not a CA" FAIL root.pem "l_v1.pem i_v1.pem" $H
cert i_nocertsign "/CN=i nocertsign" kint root ca_nocertsign 1000
cert l_nocertsign "/CN=l nocertsign" kleaf i_nocertsign leaf 365
check issuer_ku_no_certsign "key usage" FAIL root.pem "l_nocertsign.pem i_nocertsign.pem" $H
cert i_noku "/CN=i noku" kint root ca_noku 1000
cert l_noku "/CN=l noku" kleaf i_noku leaf 365
check issuer_without_ku OK OK root.pem "l_noku.pem i_noku.pem" $H

# ---- purposes (extendedKeyUsage / keyUsage) ----
cert l_client "/CN=client" kleaf int leaf_client 365
check purpose_client OK OK root.pem "l_client.pem int.pem" $H purpose=client
check purpose_client_as_server "key usage" FAIL root.pem "l_client.pem int.pem" $H
check purpose_server_as_client "key usage" FAIL root.pem "leaf.pem int.pem" $H purpose=client
check purpose_any OK OK root.pem "l_client.pem int.pem" $H purpose=any
cert l_noeku "/CN=noeku" kleaf int leaf_noeku 365
check leaf_without_eku OK OK root.pem "l_noeku.pem int.pem" $H
cert l_anyeku "/CN=anyeku" kleaf int leaf_anyeku 365
check leaf_any_eku_only "key usage" FAIL root.pem "l_anyeku.pem int.pem" $H
cert l_kucs "/CN=kucs" kleaf int leaf_ku_certsign 365
check leaf_ku_certsign_only "key usage" FAIL root.pem "l_kucs.pem int.pem" $H
cert i_ekuc "/CN=i ekuc" kint root ca_eku_client 1000
cert l_ekuc "/CN=l ekuc" kleaf i_ekuc leaf 365
check issuer_eku_client_only "key usage" FAIL root.pem "l_ekuc.pem i_ekuc.pem" $H
cert i_ekus "/CN=i ekus" kint root ca_eku_server 1000
cert l_ekus "/CN=l ekus" kleaf i_ekus leaf 365
check issuer_eku_server OK OK root.pem "l_ekus.pem i_ekus.pem" $H

# ---- extensions ----
cert l_crit "/CN=crit" kleaf int leaf_crit 365
check leaf_unknown_critical "critical extension" FAIL root.pem "l_crit.pem int.pem" $H
cert l_noncrit "/CN=noncrit" kleaf int leaf_noncrit 365
check leaf_unknown_noncritical OK OK root.pem "l_noncrit.pem int.pem" $H
cert i_crit "/CN=i crit" kint root ca_crit 1000
cert l_icrit "/CN=l icrit" kleaf i_crit leaf 365
check issuer_unknown_critical "critical extension" FAIL root.pem "l_icrit.pem i_crit.pem" $H

# ---- validity ----
check expired_leaf "expired" FAIL root.pem "leaf.pem int.pem" $H time=$((NOW + 400 * DAY))
check not_yet_valid "not yet valid" FAIL root.pem "leaf.pem int.pem" $H time=$((NOW - 2 * DAY))
cert i_short "/CN=i short" kint root ca 30
cert l_long "/CN=l long" kleaf i_short leaf 365
check expired_intermediate "expired" FAIL root.pem "l_long.pem i_short.pem" $H time=$((NOW + 60 * DAY))
na=$(date -d "$(openssl x509 -in leaf.pem -noout -enddate | cut -d= -f2)" +%s)
nb=$(date -d "$(openssl x509 -in leaf.pem -noout -startdate | cut -d= -f2)" +%s)
# RFC 5280 4.1.2.5: valid "from notBefore through notAfter, inclusive";
# OpenSSL takes the notAfter second itself as expired
check diff_at_not_after OK FAIL root.pem "leaf.pem int.pem" $H time=$na
check after_not_after "expired" FAIL root.pem "leaf.pem int.pem" $H time=$((na + 1))
check at_not_before OK OK root.pem "leaf.pem int.pem" $H time=$nb
check before_not_before "not yet valid" FAIL root.pem "leaf.pem int.pem" $H time=$((nb - 1))
# an intermediate whose validity starts later (openssl ca sets the dates)
mkdir -p cadb && : >cadb/index.txt && echo 1000 >cadb/serial
cat >ca.cnf <<EOF
[ca]
default_ca = d
[d]
database = cadb/index.txt
new_certs_dir = cadb
serial = cadb/serial
default_md = sha256
policy = p
unique_subject = no
[p]
commonName = supplied
EOF
quiet openssl req -new -key kint.key -subj "/CN=i future" -out i_future.csr
quiet openssl ca -batch -config ca.cnf -cert root.pem -keyfile kroot.key -in i_future.csr \
    -out i_future.pem -notext -startdate "$(date -u -d @$((NOW + 10 * DAY)) +%Y%m%d%H%M%SZ)" \
    -enddate "$(date -u -d @$((NOW + 900 * DAY)) +%Y%m%d%H%M%SZ)" -extfile ext.cnf -extensions ca
echo kint >i_future.k
cert l_future "/CN=l future" kleaf i_future leaf 365
check intermediate_not_yet_valid "not yet valid" FAIL root.pem "l_future.pem i_future.pem" $H
check intermediate_valid_later OK OK root.pem "l_future.pem i_future.pem" $H time=$((NOW + 20 * DAY))
# GeneralizedTime (years from 2050) in notAfter, then in notBefore
quiet openssl req -new -key kleaf.key -subj "/CN=gt" -out l_gt.csr
quiet openssl ca -batch -config ca.cnf -cert int.pem -keyfile kint.key -in l_gt.csr -out l_gt.pem \
    -notext -startdate 20240101000000Z -enddate 20510101000000Z -extfile ext.cnf -extensions leaf
check generalized_time_not_after OK OK root.pem "l_gt.pem int.pem" $H
quiet openssl ca -batch -config ca.cnf -cert int.pem -keyfile kint.key -in l_gt.csr -out l_gt2.pem \
    -notext -startdate 20500101000000Z -enddate 20510101000000Z -extfile ext.cnf -extensions leaf
check generalized_time_not_before "not yet valid" FAIL root.pem "l_gt2.pem int.pem" $H

# ---- signatures and keys ----
cert l_sha384 "/CN=sha384" kleaf int leaf 365 -sha384
check sha384_rsa OK OK root.pem "l_sha384.pem int.pem" $H
cert l_sha512 "/CN=sha512" kleaf int leaf 365 -sha512
check sha512_rsa OK OK root.pem "l_sha512.pem int.pem" $H
cert l_pss "/CN=pss" kleaf int leaf 365 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest
check rsa_pss OK OK root.pem "l_pss.pem int.pem" $H
cert l_pss384 "/CN=pss384" kleaf int leaf 365 -sha384 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:max
check rsa_pss_sha384_max_salt OK OK root.pem "l_pss384.pem int.pem" $H
cert l_sha1 "/CN=sha1" kleaf int leaf 365 -sha1
check sha1_signature "weak signature hash" FAIL root.pem "l_sha1.pem int.pem" $H
cert l_md5 "/CN=md5" kleaf int leaf 365 -md5
check md5_signature "weak signature hash" FAIL root.pem "l_md5.pem int.pem" $H
cert r4096 "/CN=root 4096" kroot4096 self ca 3650
cert i3072 "/CN=int 3072" kint3072 r4096 ca 1000
cert l3072 "/CN=leaf under 3072" kleaf i3072 leaf 365
check rsa_4096_3072 OK OK r4096.pem "l3072.pem i3072.pem" $H
cert l_weak "/CN=weak" kweak int leaf 365
check weak_leaf_key "weak key" FAIL root.pem "l_weak.pem int.pem" $H
cert i_weak "/CN=i weak" kweak root ca 1000
cert l_iweak "/CN=l iweak" kleaf i_weak leaf 365
check weak_intermediate_key "weak key" FAIL root.pem "l_iweak.pem i_weak.pem" $H
sigoff=$(($(openssl x509 -in leaf.pem -outform DER | wc -c) - 10))
tamper leaf.pem leaf_badsig.pem $sigoff
check tampered_signature "bad signature" FAIL root.pem "leaf_badsig.pem int.pem" $H
cnoff=$(offset_of leaf.pem "$(printf leaf | od -An -tx1 | tr -d ' \n')")
tamper leaf.pem leaf_badtbs.pem "$cnoff"
check tampered_tbs "bad signature" FAIL root.pem "leaf_badtbs.pem int.pem" $H
ioff=$(offset_of int.pem "$(printf 'mote test int' | od -An -tx1 | tr -d ' \n')")
tamper int.pem int_badname.pem "$ioff"
check tampered_issuer_subject "unknown issuer" FAIL root.pem "leaf.pem int_badname.pem" $H
cert l_ed "/CN=ed leaf" ked int leaf 365
check ed25519_leaf_key OK OK root.pem "l_ed.pem int.pem" $H
cert i_ed "/CN=i ed" ked root ca 1000
cert l_ued "/CN=under ed" kleaf i_ed leaf 365
check ed25519_signed OK OK root.pem "l_ued.pem i_ed.pem" $H
cert edroot "/CN=ed root" ked self ca 3650
cert edint "/CN=ed int" ked edroot ca 1000
cert edleaf "/CN=ed leaf" ked edint leaf 365
check ed25519_chain OK OK edroot.pem "edleaf.pem edint.pem" $H
check ed25519_chain_with_root OK OK edroot.pem "edleaf.pem edint.pem edroot.pem" $H
edoff=$(($(openssl x509 -in edleaf.pem -outform DER | wc -c) - 3))
tamper edleaf.pem edleaf_bad.pem $edoff
check ed25519_tampered "bad signature" FAIL edroot.pem "edleaf_bad.pem edint.pem" $H
cnoff=$(offset_of edleaf.pem "$(printf 'ed leaf' | od -An -tx1 | tr -d ' \n')")
tamper edleaf.pem edleaf_badtbs.pem "$cnoff"
check ed25519_tampered_tbs "bad signature" FAIL edroot.pem "edleaf_badtbs.pem edint.pem" $H
if [ $HAVE_ECDSA = 1 ]; then
    cert ecroot "/CN=ec root" kecroot self ca 3650
    cert ecint "/CN=ec int" kecint ecroot ca 1000
    cert eclf "/CN=ec leaf" keclef ecint leaf_ec 365
    check ecdsa_p384_p256 OK OK ecroot.pem "eclf.pem ecint.pem" $H
    cert eclf384 "/CN=ec leaf 384" keclef ecint leaf_ec 365 -sha384
    check ecdsa_sha384_on_p256 OK OK ecroot.pem "eclf384.pem ecint.pem" $H
    cert mixint "/CN=mixed int" kecint root ca 1000
    cert mixlf "/CN=mixed leaf" kleaf mixint leaf 365
    check mixed_rsa_ec_rsa OK OK root.pem "mixlf.pem mixint.pem" $H
    esoff=$(($(openssl x509 -in eclf.pem -outform DER | wc -c) - 5))
    tamper eclf.pem eclf_bad.pem $esoff
    check ecdsa_tampered "bad signature" FAIL ecroot.pem "eclf_bad.pem ecint.pem" $H
else
    skip ecdsa_chains "no ECDSA verify in this build yet"
fi

# ---- name constraints ----
cert i_nc "/CN=i nc" kint root ca_nc_dns 1000
cert l_nc_ok "/CN=nc ok" kleaf i_nc leaf_ec 365
check nc_dns_permitted OK OK root.pem "l_nc_ok.pem i_nc.pem" $H
cert l_nc_evil "/CN=nc evil" kleaf i_nc leaf_evil 365
check nc_dns_not_permitted "name constraints" FAIL root.pem "l_nc_evil.pem i_nc.pem" host=www.evil.com
cert l_nc_extra "/CN=nc extra" kleaf i_nc leaf_extra_san 365
check diff_nc_other_san_outside OK FAIL root.pem "l_nc_extra.pem i_nc.pem" $H
cert i_ncx "/CN=i ncx" kint root ca_nc_dns_excl 1000
cert l_ncx_bad "/CN=ncx bad" kleaf i_ncx leaf_bad 365
check nc_dns_excluded "name constraints" FAIL root.pem "l_ncx_bad.pem i_ncx.pem" host=bad.example.com
cert l_ncx_ok "/CN=ncx ok" kleaf i_ncx leaf_ec 365
check nc_dns_excluded_other OK OK root.pem "l_ncx_ok.pem i_ncx.pem" $H
cert i_ncip "/CN=i ncip" kint root ca_nc_ip 1000
cert l_ncip "/CN=ncip" kleaf i_ncip leaf_ip2 365
check nc_ip_permitted OK OK root.pem "l_ncip.pem i_ncip.pem" ip=10.1.2.3
cert l_ncip_bad "/CN=ncip bad" kleaf i_ncip leaf_ip_other 365
check nc_ip_not_permitted "name constraints" FAIL root.pem "l_ncip_bad.pem i_ncip.pem" ip=192.168.1.1
cert i_ncipx "/CN=i ncipx" kint root ca_nc_ip_excl 1000
cert l_ncipx "/CN=ncipx" kleaf i_ncipx leaf_ip2 365
check nc_ip_excluded "name constraints" FAIL root.pem "l_ncipx.pem i_ncipx.pem" ip=10.0.0.1

# the subject CN counts only when the leaf has no dNSName SAN (RFC 6125 6.4.4)
cert l_nosan "/O=mote/CN=www.example.com" kleaf int leaf_nosan 365
check cn_fallback_no_san OK OK root.pem "l_nosan.pem int.pem" $H
check cn_fallback_no_san_mismatch "name mismatch" FAIL root.pem "l_nosan.pem int.pem" host=example.com
check cn_fallback_not_for_ip "name mismatch" FAIL root.pem "l_nosan.pem int.pem" ip=10.0.0.1
cert l_cn_dns "/CN=www.example.com" kleaf int leaf_cn_dns 365
check cn_ignored_with_dns_san "name mismatch" FAIL root.pem "l_cn_dns.pem int.pem" $H
cert l_cn_ip "/CN=www.example.com" kleaf int leaf_cn_ip 365
check cn_fallback_ip_san_only OK OK root.pem "l_cn_ip.pem int.pem" $H

# ---- where mote deliberately differs from OpenSSL ----
cert l_partial "/CN=partial" kleaf int leaf_partial 365
check diff_partial_wildcard "name mismatch" OK root.pem "l_partial.pem int.pem" $H
cert l_policy "/CN=policy" kleaf int leaf_policy_crit 365
check diff_critical_policies "critical extension" OK root.pem "l_policy.pem int.pem" $H

# ---- malformed input ----
openssl x509 -in leaf.pem -outform DER -out leaf.der
head -c 500 leaf.der >trunc.der
{ echo "-----BEGIN CERTIFICATE-----"; base64 -w 64 trunc.der; echo "-----END CERTIFICATE-----"; } >trunc.pem
check truncated_leaf "malformed encoding" FAIL root.pem "trunc.pem int.pem" $H
python3 - leaf.der <<'EOF'
import sys
b = bytearray(open(sys.argv[1], 'rb').read())
b[3] += 1  # 30 82 hi lo: claim one byte more
open('long.der', 'wb').write(b + b'\x00')
EOF
{ echo "-----BEGIN CERTIFICATE-----"; base64 -w 64 long.der; echo "-----END CERTIFICATE-----"; } >long.pem
check trailing_byte_inside "malformed encoding" FAIL root.pem "long.pem int.pem" $H
: >empty.pem
check empty_chain "no certificate" - root.pem "empty.pem"

# ---- every root of the Debian bundle converts (mote ta) and parses ----
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    n=$(grep -c 'BEGIN CERTIFICATE' /etc/ssl/certs/ca-certificates.crt)
    if "$MOTE" ta /etc/ssl/certs/ca-certificates.crt >ta.c 2>ta.err &&
        grep -q "^mote ta: $n trust anchors" ta.err && grep -q ", 0 left out" ta.err; then
        echo "x509: debian_bundle_converts ok ($n roots)"
        pass=$((pass + 1))
    else
        echo "x509: debian_bundle_converts FAIL ($(cat ta.err))"
        failn=$((failn + 1))
    fi
else
    skip debian_bundle_converts "no /etc/ssl/certs/ca-certificates.crt (install ca-certificates)"
fi

echo "x509: $pass passed, $failn failed"
[ $failn -eq 0 ]
