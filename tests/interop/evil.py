#!/usr/bin/env python3
"""Hostile peers for mote's negative TLS tests (127.0.0.1 only).

  evil.py flip LISTEN_PORT TARGET_PORT N   forward to the real server on
      TARGET_PORT, but flip one bit in the body of the Nth TLS record the
      server sends (counting from 1): the client must fail with bad_record_mac.
  evil.py garbage LISTEN_PORT               answer the ClientHello with
      bytes that are not TLS: the client must fail cleanly (decode error).

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


def flip(listen, target, nth):
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
            if count == nth and len(body) > 0:
                b = bytearray(body)
                b[len(b) // 2] ^= 0x01
                body = bytes(b)
            cli.sendall(hdr + body)
    except OSError:
        pass
    time.sleep(0.5)
    cli.close()
    srv.close()


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
    else:
        garbage(listen)


if __name__ == "__main__":
    main()
