#!/usr/bin/env python3
"""Hostile TLS clients for mote's server tests (127.0.0.1 only).

  hostile_client.py hello PORT CASE   send one crafted ClientHello (CASE
      below) and print what came back: "alert N" (the first alert's
      description), "handshake" (the server answered with a handshake
      message and no alert), or "closed" / "timeout".
  hostile_client.py flip LISTEN_PORT TARGET_PORT N   a proxy for one
      connection: forward to the server on TARGET_PORT, but flip one bit in
      the body of the Nth record the client sends (counting from 1). Prints
      the port it listens on.

Cases: ok (a valid TLS 1.3 ClientHello: the server answers), split (the
same in two records), dup_ext (an
unknown extension twice), dup_known (supported_groups twice), trunc (a
length that runs past the message), no_key_share, no_sigalgs, no_common_group,
share_not_offered (a key share for a group not in supported_groups),
sslv3 (legacy_version 3.0, no supported_versions), tls12_only
(supported_versions 1.2 only), bad_compression, oversize (a 3000-byte
ClientHello), unexpected (a Finished instead of a ClientHello), appdata
(an application-data record first), hrr_wrong_share (after a
HelloRetryRequest, a second ClientHello with the refused share again),
psk_not_last (pre_shared_key before another extension).
Everything exits within 20 s."""
import os, socket, struct, sys, threading, signal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evil import pump  # server -> client, unchanged

signal.alarm(20)


def ext(t, body):
    return struct.pack(">HH", t, len(body)) + body


def u16list(vals, lenbytes=2):
    b = b"".join(struct.pack(">H", v) for v in vals)
    return len(b).to_bytes(lenbytes, "big") + b


def share(group, n):
    e = struct.pack(">HH", group, n) + os.urandom(n)
    return ext(51, struct.pack(">H", len(e)) + e)


X25519, P256 = 0x1D, 0x17
SV13 = ext(43, u16list([0x0304], 1))
GROUPS = ext(10, u16list([X25519, P256]))
SIGALGS = ext(13, u16list([0x0403, 0x0804, 0x0807, 0x0503]))


def client_hello(exts, version=0x0303, suites=(0x1301, 0x1302, 0x1303), comp=b"\x01\x00",
                 sid=None, rec_version=0x0301):
    sid = os.urandom(32) if sid is None else sid
    e = b"".join(exts)
    body = (struct.pack(">H", version) + os.urandom(32) + bytes([len(sid)]) + sid +
            u16list(suites) + comp + struct.pack(">H", len(e)) + e)
    hs = b"\x01" + len(body).to_bytes(3, "big") + body
    return record(22, hs, rec_version)


def record(t, body, version=0x0303):
    return struct.pack(">BHH", t, version, len(body)) + body


def base(extra=()):
    return [SV13, GROUPS, SIGALGS, share(X25519, 32)] + list(extra)


def read_records(s, want_hs=1):
    """Records until an alert, EOF or want_hs handshake records."""
    s.settimeout(5)
    buf, hs = b"", 0
    try:
        while True:
            while len(buf) >= 5 and len(buf) >= 5 + struct.unpack(">H", buf[3:5])[0]:
                n = struct.unpack(">H", buf[3:5])[0]
                t, body, buf = buf[0], buf[5:5 + n], buf[5 + n:]
                if t == 21 and len(body) == 2:
                    return "alert %d" % body[1]
                if t == 22:
                    hs += 1
                    if hs >= want_hs:
                        return "handshake"
            data = s.recv(65536)
            if not data:
                return "closed"
            buf += data
    except socket.timeout:
        return "timeout"
    except OSError:
        return "closed"


def hello(port, case):
    s = socket.create_connection(("127.0.0.1", port))
    if case == "ok":
        msg = client_hello(base())
    elif case == "split":  # a valid ClientHello in two records (legal): the server answers
        rec = client_hello(base())
        hs = rec[5:]
        msg = record(22, hs[:60], 0x0301) + record(22, hs[60:], 0x0301)
    elif case == "dup_ext":
        msg = client_hello(base([ext(0x7777, b"a"), ext(0x7777, b"b")]))
    elif case == "dup_known":
        msg = client_hello(base([GROUPS]))
    elif case == "trunc":
        e = share(X25519, 32)
        e = e[:2] + struct.pack(">H", len(e)) + e[4:]  # key_share length runs 4 bytes past
        msg = client_hello([SV13, GROUPS, SIGALGS, e])
    elif case == "no_key_share":
        msg = client_hello([SV13, GROUPS, SIGALGS])
    elif case == "no_sigalgs":
        msg = client_hello([SV13, GROUPS, share(X25519, 32)])
    elif case == "no_common_group":
        msg = client_hello([SV13, ext(10, u16list([0x0019, 0x001E])), SIGALGS, share(0x001E, 56)])
    elif case == "share_not_offered":
        msg = client_hello([SV13, ext(10, u16list([P256])), SIGALGS, share(X25519, 32)])
    elif case == "sslv3":
        msg = client_hello([GROUPS, SIGALGS], version=0x0300, suites=(0x002F, 0x0035),
                           rec_version=0x0300)
    elif case == "tls12_only":
        msg = client_hello([ext(43, u16list([0x0303], 1)), GROUPS, SIGALGS],
                           suites=(0xC02B, 0xC02F))
    elif case == "bad_compression":
        msg = client_hello(base(), comp=b"\x02\x01\x00")
    elif case == "oversize":
        msg = client_hello(base([ext(21, bytes(3000))]))
    elif case == "unexpected":
        msg = record(22, b"\x14\x00\x00\x20" + bytes(32))
    elif case == "appdata":
        msg = record(23, b"hello")
    elif case == "psk_not_last":
        psk = ext(41, struct.pack(">H", 7) + struct.pack(">H", 1) + b"x" + bytes(4) +
                  struct.pack(">H", 33) + b"\x20" + bytes(32))
        msg = client_hello([SV13, GROUPS, SIGALGS, share(X25519, 32), psk, ext(45, b"\x01\x01")])
    elif case == "hrr_wrong_share":
        # the server is run with --groups p256: the x25519 share gets a retry
        sid = os.urandom(32)
        s.sendall(client_hello(base(), sid=sid))
        first = read_records(s)
        if first != "handshake":
            print("no retry: " + first)
            return
        msg = client_hello(base(), sid=sid, rec_version=0x0303)
    else:
        print("unknown case " + case)
        sys.exit(2)
    s.sendall(msg)
    print(read_records(s))


def flip(listen_port, target, nth):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", listen_port))
    ls.listen(1)
    print(ls.getsockname()[1], flush=True)
    cli, _ = ls.accept()
    srv = socket.create_connection(("127.0.0.1", target))

    threading.Thread(target=pump, args=(srv, cli), daemon=True).start()
    buf, count = b"", 0
    try:
        while True:
            d = cli.recv(65536)
            if not d:
                break
            buf += d
            while len(buf) >= 5 and len(buf) >= 5 + struct.unpack(">H", buf[3:5])[0]:
                n = struct.unpack(">H", buf[3:5])[0]
                rec, buf = bytearray(buf[:5 + n]), buf[5 + n:]
                count += 1
                if count == nth and n > 0:
                    rec[5 + n // 2] ^= 0x01
                srv.sendall(bytes(rec))
    except OSError:
        pass
    try:
        srv.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    signal.alarm(3)
    threading.Event().wait(2)


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "hello":
        hello(int(sys.argv[2]), sys.argv[3])
    elif len(sys.argv) >= 5 and sys.argv[1] == "flip":
        flip(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    else:
        print(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
