#!/usr/bin/env python3
"""Hostile peers for mote's negative TLS tests (127.0.0.1 only).

  evil.py flip LISTEN_PORT TARGET_PORT N   forward to the real server on
      TARGET_PORT, but flip one bit in the body of the Nth TLS record the
      server sends (counting from 1): the client must fail with bad_record_mac.
  evil.py garbage LISTEN_PORT               answer the ClientHello with
      bytes that are not TLS: the client must fail cleanly (decode error).
  evil.py flipccs LISTEN_PORT TARGET_PORT  like flip, for the first record
      after the server's ChangeCipherSpec (the first protected one).
  evil.py downgrade LISTEN_PORT TARGET_PORT  forward, but end the random of
      the server's ServerHello with TLS 1.3's downgrade sentinel
      "DOWNGRD\x01": a client that offered TLS 1.3 must refuse the TLS 1.2
      answer (illegal_parameter).
  evil.py suite LISTEN_PORT TARGET_PORT HEX  forward, but put the cipher
      suite HEX (e.g. cca9) in the server's ServerHello: a server that
      resumes a session with another suite than the session's must be
      refused (illegal_parameter).

Prints the port it listens on and serves exactly one connection, then exits
(it also exits after 20 s, so a test can never hang on it)."""
import os, socket, sys, threading, time, signal

signal.alarm(20)


def read_exact(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    try:
        dst.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def relay(listen, target, change):
    """Forward one connection; change(count, hdr, body) may rewrite each
    server record (count from 1) and returns the body to send."""
    cli, _ = listen.accept()
    srv = socket.create_connection(("127.0.0.1", target))
    threading.Thread(target=pump, args=(cli, srv), daemon=True).start()
    count = 0
    try:
        while True:
            hdr = read_exact(srv, 5)
            if hdr is None:
                break
            body = read_exact(srv, (hdr[3] << 8) | hdr[4])
            if body is None:
                break
            count += 1
            cli.sendall(hdr + change(count, hdr, body))
    except OSError:
        pass
    time.sleep(0.5)
    cli.close()
    srv.close()


def flipped(body):
    b = bytearray(body)
    if b:
        b[len(b) // 2] ^= 0x01
    return bytes(b)


def flip(listen, target, nth):
    relay(listen, target, lambda n, hdr, body: flipped(body) if n == nth else body)


def flipccs(listen, target):
    seen = {"ccs": None}

    def change(n, hdr, body):
        if hdr[0] == 20 and seen["ccs"] is None:
            seen["ccs"] = n
        return flipped(body) if seen["ccs"] is not None and n == seen["ccs"] + 1 else body

    relay(listen, target, change)


def downgrade(listen, target):
    def change(n, hdr, body):
        # the first record starts with the ServerHello: type, length(3),
        # version(2), random(32)
        if n == 1 and hdr[0] == 22 and len(body) >= 38 and body[0] == 2:
            body = body[:30] + b"DOWNGRD\x01" + body[38:]
        return body

    relay(listen, target, change)


def suite(listen, target, new):
    def change(n, hdr, body):
        # ServerHello: type, length(3), version(2), random(32), session id, suite
        if n == 1 and hdr[0] == 22 and len(body) >= 39 and body[0] == 2:
            at = 39 + body[38]
            body = body[:at] + new + body[at + 2:]
        return body

    relay(listen, target, change)


def garbage(listen):
    cli, _ = listen.accept()
    cli.recv(4096)
    # a handshake record header whose body is nonsense, then random bytes
    cli.sendall(b"\x16\x03\x03\x00\x10" + b"\xff" * 16 + os.urandom(200))
    time.sleep(1)
    cli.close()


def main():
    mode = sys.argv[1]
    listen = socket.socket()
    listen.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listen.bind(("127.0.0.1", int(sys.argv[2])))
    listen.listen(1)
    print(listen.getsockname()[1], flush=True)
    if mode == "flip":
        flip(listen, int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "flipccs":
        flipccs(listen, int(sys.argv[3]))
    elif mode == "downgrade":
        downgrade(listen, int(sys.argv[3]))
    elif mode == "suite":
        suite(listen, int(sys.argv[3]), bytes.fromhex(sys.argv[4]))
    else:
        garbage(listen)


if __name__ == "__main__":
    main()
