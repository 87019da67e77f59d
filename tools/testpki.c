/* Test PKI and a local openssl peer for the `mote` tool: see testpki.h.
 * Commands run with fork/exec (argument vectors, no shell); the openssl
 * `ca` command issues every certificate so that validity can start in
 * the past. */
/* mkdtemp, gmtime_r, readlink, nanosleep, sockets */
#if !defined(_XOPEN_SOURCE)
#define _XOPEN_SOURCE 700
#endif
#if !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

#include "testpki.h"

#define PATHN      512
#define START_MS   10000 /* how long a server gets to listen */
#define MAX_SERVER 8     /* servers running at once */

static struct {
    pid_t pid;
    int fd; /* write end of its stdin pipe */
} servers[MAX_SERVER];

static const char *openssl_bin(void)
{
    const char *s = getenv("MOTE_OPENSSL");
    return s && *s ? s : "openssl";
}

static int join(char *out, const char *dir, const char *name)
{
    int n = snprintf(out, PATHN, "%s/%s", dir, name);
    if (n < 0 || n >= PATHN) {
        fprintf(stderr, "testpki: path too long: %s/%s\n", dir, name);
        return -1;
    }
    return 0;
}

static void sleep_ms(long ms)
{
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* Prints the end of a log file to stderr. */
static void print_tail(const char *path)
{
    char buf[600];
    size_t n;
    long size;
    FILE *f = fopen(path, "r");
    if (!f) return;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > (long)sizeof buf - 1)
        fseek(f, size - (long)(sizeof buf - 1), SEEK_SET);
    else
        fseek(f, 0, SEEK_SET);
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    fclose(f);
    fprintf(stderr, "testpki: end of %s:\n%s\n", path, buf);
}

/* fork/exec argv with stdin from in_fd (-1: /dev/null) and stdout+stderr to
 * log (appended, or truncated when trunc). die_with_parent: on Linux, the
 * child gets SIGKILL when the caller dies. Returns the pid or -1. */
static pid_t spawn(const char *const *argv, int in_fd, const char *log, int trunc,
                   int die_with_parent)
{
    pid_t pid, parent = getpid();
    int out, null_fd = -1;

    out = open(log, O_WRONLY | O_CREAT | O_CLOEXEC | (trunc ? O_TRUNC : O_APPEND), 0600);
    if (out < 0) {
        fprintf(stderr, "testpki: cannot open %s: %s\n", log, strerror(errno));
        return -1;
    }
    if (in_fd < 0) {
        null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null_fd < 0) {
            close(out);
            return -1;
        }
        in_fd = null_fd;
    }
    pid = fork();
    if (pid == 0) {
#if defined(__linux__)
        if (die_with_parent) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (getppid() != parent) _exit(127); /* the parent already died */
        }
#else
        (void)die_with_parent;
        (void)parent;
#endif
        if (dup2(in_fd, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) _exit(127);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    if (pid < 0) fprintf(stderr, "testpki: fork: %s\n", strerror(errno));
    close(out);
    if (null_fd >= 0) close(null_fd);
    return pid;
}

/* Waits for pid; returns 0 if it exited with status 0. */
static int reap(pid_t pid)
{
    int st;
    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static int run(const char *const *argv, const char *log, int trunc)
{
    pid_t pid = spawn(argv, -1, log, trunc, 0);
    if (pid < 0 || reap(pid) != 0) {
        fprintf(stderr, "testpki: `%s %s` failed\n", argv[0], argv[1]);
        print_tail(log);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ chain */

struct alg {
    const char *name;
    const char *args[7]; /* genpkey arguments */
};

static const struct alg algs[] = {
    {"rsa2048", {"-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", NULL}},
    {"rsa3072", {"-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:3072", NULL}},
    {"rsa4096", {"-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096", NULL}},
    {"rsapss2048", {"-algorithm", "RSA-PSS", "-pkeyopt", "rsa_keygen_bits:2048", NULL}},
    {"p256",
     {"-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-pkeyopt",
      "ec_param_enc:named_curve", NULL}},
    {"p384",
     {"-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-pkeyopt",
      "ec_param_enc:named_curve", NULL}},
    {"p521",
     {"-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521", "-pkeyopt",
      "ec_param_enc:named_curve", NULL}},
    {"ed25519", {"-algorithm", "ED25519", NULL}},
    {"ed448", {"-algorithm", "ED448", NULL}},
};

static const struct alg *find_alg(const char *name, size_t len)
{
    size_t i;
    for (i = 0; i < sizeof algs / sizeof algs[0]; i++) {
        if (strlen(algs[i].name) == len && memcmp(algs[i].name, name, len) == 0) return &algs[i];
    }
    return NULL;
}

/* kind -> leaf and CA algorithms. */
static int parse_kind(const char *kind, const struct alg **leaf, const struct alg **ca)
{
    size_t n = strlen(kind);
    static const char rsaroot[] = "-rsaroot", ecroot[] = "-ecroot";
    if (n > sizeof rsaroot - 1 && strcmp(kind + n - (sizeof rsaroot - 1), rsaroot) == 0) {
        *leaf = find_alg(kind, n - (sizeof rsaroot - 1));
        *ca = find_alg("rsa2048", 7);
    } else if (n > sizeof ecroot - 1 && strcmp(kind + n - (sizeof ecroot - 1), ecroot) == 0) {
        *leaf = find_alg(kind, n - (sizeof ecroot - 1));
        *ca = find_alg("p256", 4);
    } else {
        *leaf = *ca = find_alg(kind, n);
    }
    return *leaf && *ca ? 0 : -1;
}

/* GeneralizedTime YYYYMMDDHHMMSSZ, now + days. */
static int gtime(char out[16], long days)
{
    time_t t = time(NULL) + (time_t)(days * 86400L);
    struct tm tm;
    if (!gmtime_r(&t, &tm)) return -1;
    return strftime(out, 16, "%Y%m%d%H%M%SZ", &tm) == 15 ? 0 : -1;
}

struct chain {
    const char *dir;
    char cadir[PATHN], cnf[PATHN], log[PATHN], csr[PATHN];
    char from[16], to[16];
};

static int write_conf(const struct chain *c, int rsa_leaf)
{
    char db[PATHN];
    const char *ku = rsa_leaf ? "digitalSignature,keyEncipherment" : "digitalSignature";
    FILE *f;
    if (join(db, c->cadir, "index.txt") != 0) return -1;
    f = fopen(db, "w");
    if (!f) return -1;
    fclose(f);
    f = fopen(c->cnf, "w");
    if (!f) return -1;
    fprintf(f,
            "[ ca ]\ndefault_ca = mote_ca\n"
            "[ mote_ca ]\ndatabase = %s/index.txt\nnew_certs_dir = %s\nserial = "
            "%s/serial\n"
            "default_md = default\npolicy = mote_policy\nunique_subject = no\n"
            "email_in_dn = no\ncopy_extensions = none\n"
            "[ mote_policy ]\norganizationName = optional\ncommonName = supplied\n",
            c->cadir, c->cadir, c->cadir);
    fprintf(f, "[ root_ext ]\nbasicConstraints = critical,CA:TRUE\n"
               "keyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n"
               "authorityKeyIdentifier = keyid:always\n"
               "[ int_ext ]\nbasicConstraints = critical,CA:TRUE,pathlen:0\n"
               "keyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n"
               "authorityKeyIdentifier = keyid:always\n");
    fprintf(f,
            "[ leaf_ext ]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = "
            "critical,%s\n"
            "extendedKeyUsage = serverAuth\n"
            "subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1\n"
            "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid:always\n"
            "[ wronghost_ext ]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = "
            "critical,%s\n"
            "extendedKeyUsage = serverAuth\nsubjectAltName = DNS:other.example\n"
            "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid:always\n"
            "[ client_ext ]\nbasicConstraints = critical,CA:FALSE\n"
            "keyUsage = critical,digitalSignature\nextendedKeyUsage = clientAuth\n"
            "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid:always\n",
            ku, ku);
    return fclose(f) == 0 ? 0 : -1;
}

/* One certificate for key (a file in dir): self-signed unless issuer
 * ("int" or "root") is given. from/to: validity. */
static int issue(struct chain *c, const char *key, const char *subj, const char *ext,
                 const char *from, const char *to, const char *out, const char *issuer)
{
    char keyp[PATHN], outp[PATHN], icert[PATHN], ikey[PATHN];
    const char *req[] = {openssl_bin(), "req", "-new", "-key", keyp,
                         "-subj",       subj,  "-out", c->csr, NULL};
    const char *ca[24] = {
        openssl_bin(), "ca",   "-batch",   "-config", c->cnf,         "-in",
        c->csr,        "-out", outp,       "-notext", "-rand_serial", "-preserveDN",
        "-startdate",  from,   "-enddate", to,        "-extensions",  ext};
    int n = 18;

    if (join(keyp, c->dir, key) != 0 || join(outp, c->dir, out) != 0) return -1;
    if (issuer) {
        char name[32];
        snprintf(name, sizeof name, "%s.pem", issuer);
        if (join(icert, c->dir, name) != 0) return -1;
        snprintf(name, sizeof name, "%s.key", issuer);
        if (join(ikey, c->dir, name) != 0) return -1;
        ca[n++] = "-cert";
        ca[n++] = icert;
        ca[n++] = "-keyfile";
        ca[n++] = ikey;
    } else {
        ca[n++] = "-selfsign";
        ca[n++] = "-keyfile";
        ca[n++] = keyp;
    }
    ca[n] = NULL;
    if (run(req, c->log, 0) != 0 || run(ca, c->log, 0) != 0) return -1;
    unlink(c->csr);
    return 0;
}

/* Appends [ impostor_ext ]: a CA with root.pem's subjectKeyIdentifier. */
static int add_impostor_ext(struct chain *c)
{
    char root[PATHN], out[PATHN], line[256], ski[256] = "";
    const char *argv[] = {openssl_bin(),          "x509", "-in", root, "-noout", "-ext",
                          "subjectKeyIdentifier", NULL};
    FILE *f;
    if (join(root, c->dir, "root.pem") != 0 || join(out, c->cadir, "ski.txt") != 0) return -1;
    if (run(argv, out, 1) != 0) return -1;
    f = fopen(out, "r");
    if (!f) return -1;
    while (fgets(line, sizeof line, f)) {
        char *s = line, *e;
        while (*s == ' ' || *s == '\t')
            s++;
        e = s + strlen(s);
        while (e > s && (e[-1] == '\n' || e[-1] == '\r' || e[-1] == ' '))
            *--e = 0;
        if (e - s >= 5 && strspn(s, "0123456789ABCDEFabcdef:") == (size_t)(e - s)) {
            memcpy(ski, s, (size_t)(e - s) + 1);
        }
    }
    fclose(f);
    if (!ski[0]) {
        fprintf(stderr, "testpki: no subjectKeyIdentifier in %s\n", root);
        return -1;
    }
    f = fopen(c->cnf, "a");
    if (!f) return -1;
    fprintf(f,
            "[ impostor_ext ]\nbasicConstraints = critical,CA:TRUE\n"
            "keyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = %s\n",
            ski);
    return fclose(f) == 0 ? 0 : -1;
}

/* dir/out = concatenation of the dir/names (NULL-terminated). */
static int concat(const char *dir, const char *out, const char *const *names)
{
    char p[PATHN], buf[4096];
    size_t n;
    int rc = 0;
    FILE *o, *in;
    if (join(p, dir, out) != 0 || !(o = fopen(p, "w"))) return -1;
    for (; *names && rc == 0; names++) {
        if (join(p, dir, *names) != 0 || !(in = fopen(p, "r"))) {
            rc = -1;
            break;
        }
        while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
            if (fwrite(buf, 1, n, o) != n) rc = -1;
        }
        fclose(in);
    }
    if (fclose(o) != 0) rc = -1;
    return rc;
}

/* Generates the five keys at once (RSA-4096 generation dominates). */
static int make_keys(struct chain *c, const struct alg *leaf, const struct alg *ca)
{
    static const char *const names[5] = {"root.key", "int.key", "leaf.key", "client.key",
                                         "other-root.key"};
    char out[5][PATHN];
    pid_t pids[5];
    int i, rc = 0;
    for (i = 0; i < 5; i++) {
        const struct alg *a = (i == 2 || i == 3) ? leaf : ca;
        const char *argv[12];
        int n = 0, j;
        argv[n++] = openssl_bin();
        argv[n++] = "genpkey";
        for (j = 0; a->args[j]; j++)
            argv[n++] = a->args[j];
        argv[n++] = "-out";
        if (join(out[i], c->dir, names[i]) != 0) return -1;
        argv[n++] = out[i];
        argv[n] = NULL;
        pids[i] = spawn(argv, -1, c->log, 0, 0);
    }
    for (i = 0; i < 5; i++) {
        if (pids[i] < 0 || reap(pids[i]) != 0) rc = -1;
    }
    if (rc != 0) {
        fprintf(stderr, "testpki: key generation failed\n");
        print_tail(c->log);
    }
    return rc;
}

static int remove_flat(const char *dir)
{
    char p[PATHN];
    struct dirent *e;
    int rc = 0;
    DIR *d = opendir(dir);
    if (!d) return -1;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (join(p, dir, e->d_name) != 0 || unlink(p) != 0) rc = -1;
    }
    closedir(d);
    if (rmdir(dir) != 0) rc = -1;
    return rc;
}

int mote_testpki_make_chain(const char *dir, const char *kind)
{
    const struct alg *leaf, *ca;
    struct chain c;
    char expfrom[16], expto[16], later[16], subj[160];
    static const char *const chain[] = {"leaf.pem", "int.pem", NULL};
    static const char *const full[] = {"leaf.pem", "int.pem", "root.pem", NULL};
    static const char *const client[] = {"client.pem", "int.pem", NULL};

    if (!dir || !kind || parse_kind(kind, &leaf, &ca) != 0) {
        fprintf(stderr, "testpki: unknown chain kind '%s'\n", kind ? kind : "(null)");
        return -1;
    }
    memset(&c, 0, sizeof c);
    c.dir = dir;
    if (join(c.cadir, dir, "ca") != 0 || join(c.cnf, c.cadir, "ca.cnf") != 0 ||
        join(c.log, c.cadir, "openssl.log") != 0 || join(c.csr, c.cadir, "req.csr") != 0)
        return -1;
    if (mkdir(c.cadir, 0700) != 0 && errno != EEXIST) {
        fprintf(stderr, "testpki: mkdir %s: %s\n", c.cadir, strerror(errno));
        return -1;
    }
    if (gtime(c.from, -1) != 0 || gtime(c.to, 365) != 0 || gtime(expfrom, -366) != 0 ||
        gtime(expto, -1) != 0 || gtime(later, 1) != 0)
        return -1;
    if (write_conf(&c, strncmp(leaf->name, "rsa", 3) == 0 && leaf->name[3] != 'p') != 0) {
        fprintf(stderr, "testpki: cannot write %s\n", c.cnf);
        return -1;
    }
    if (make_keys(&c, leaf, ca) != 0) return -1;

    snprintf(subj, sizeof subj, "/O=mote test/CN=mote test root (%s)", kind);
    if (issue(&c, "root.key", subj, "root_ext", c.from, c.to, "root.pem", NULL) != 0) return -1;
    snprintf(subj, sizeof subj, "/O=mote test/CN=mote test intermediate (%s)", kind);
    if (issue(&c, "int.key", subj, "int_ext", c.from, c.to, "int.pem", "root") != 0) return -1;
    if (issue(&c, "leaf.key", "/O=mote test/CN=localhost", "leaf_ext", c.from, c.to, "leaf.pem",
              "int") != 0 ||
        issue(&c, "client.key", "/O=mote test/CN=mote test client", "client_ext", c.from, c.to,
              "client.pem", "int") != 0 ||
        issue(&c, "leaf.key", "/O=mote test/CN=localhost", "leaf_ext", expfrom, expto,
              "expired.pem", "int") != 0 ||
        issue(&c, "leaf.key", "/O=mote test/CN=localhost", "leaf_ext", later, c.to, "notyet.pem",
              "int") != 0 ||
        issue(&c, "leaf.key", "/O=mote test/CN=other.example", "wronghost_ext", c.from, c.to,
              "wronghost.pem", "int") != 0)
        return -1;
    snprintf(subj, sizeof subj, "/O=mote test/CN=mote test untrusted root (%s)", kind);
    if (issue(&c, "other-root.key", subj, "root_ext", c.from, c.to, "untrusted-root.pem", NULL) !=
        0)
        return -1;
    snprintf(subj, sizeof subj, "/O=mote test/CN=mote test root (%s)", kind);
    if (add_impostor_ext(&c) != 0 || issue(&c, "other-root.key", subj, "impostor_ext", c.from, c.to,
                                           "impostor-root.pem", NULL) != 0)
        return -1;
    if (concat(dir, "chain.pem", chain) != 0 || concat(dir, "fullchain.pem", full) != 0 ||
        concat(dir, "client-chain.pem", client) != 0) {
        fprintf(stderr, "testpki: cannot write the chain files in %s\n", dir);
        return -1;
    }
    remove_flat(c.cadir); /* the CA database is of no further use */
    return 0;
}

/* ------------------------------------------------------------ servers */

int mote_testpki_free_port(void)
{
    struct sockaddr_in a;
    socklen_t len = sizeof a;
    int port = -1, s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) return -1;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (bind(s, (struct sockaddr *)&a, sizeof a) == 0 &&
        getsockname(s, (struct sockaddr *)&a, &len) == 0)
        port = ntohs(a.sin_port);
    close(s);
    if (port <= 0) fprintf(stderr, "testpki: no free port: %s\n", strerror(errno));
    return port;
}

/* Does process pid own the socket with this inode? */
static int owns_inode(pid_t pid, unsigned long inode)
{
    char dirp[64], p[PATHN], link[64], want[64];
    struct dirent *e;
    int found = 0;
    DIR *d;
    snprintf(dirp, sizeof dirp, "/proc/%ld/fd", (long)pid);
    snprintf(want, sizeof want, "socket:[%lu]", inode);
    d = opendir(dirp);
    if (!d) return 0;
    while (!found && (e = readdir(d)) != NULL) {
        ssize_t n;
        if (join(p, dirp, e->d_name) != 0) continue;
        n = readlink(p, link, sizeof link - 1);
        if (n <= 0) continue;
        link[n] = 0;
        found = strcmp(link, want) == 0;
    }
    closedir(d);
    return found;
}

/* 1 once pid listens on 127.0.0.1:port (or 0.0.0.0:port). From
 * /proc/net/tcp where there is one, else by connecting. */
static int listening(pid_t pid, int port)
{
    char line[512], local[80];
    unsigned lport, st;
    unsigned long inode;
    int found = 0;
    FILE *f = fopen("/proc/net/tcp", "r");
    if (!f) {
        struct sockaddr_in a;
        int s = socket(AF_INET, SOCK_STREAM, 0);
        if (s < 0) return 0;
        memset(&a, 0, sizeof a);
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons((unsigned short)port);
        found = connect(s, (struct sockaddr *)&a, sizeof a) == 0;
        close(s);
        return found;
    }
    while (!found && fgets(line, sizeof line, f)) {
        if (sscanf(line,
                   " %*[^:]: %79[0-9A-Fa-f]:%x %*[0-9A-Fa-f]:%*x %x %*x:%*x "
                   "%*x:%*x %*x %*u %*u %lu",
                   local, &lport, &st, &inode) != 4)
            continue;
        if (st != 0x0A || lport != (unsigned)port) continue;
        if (strcmp(local, "0100007F") != 0 && strcmp(local, "00000000") != 0) continue;
        found = owns_inode(pid, inode);
    }
    fclose(f);
    return found;
}

static int file_has(const char *path, const char *needle)
{
    char buf[4096];
    size_t n;
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    return strstr(buf, needle) != NULL;
}

int mote_testpki_start_openssl(const char *dir, int port, const char *const *extra_args, pid_t *pid)
{
    char cert[PATHN], key[PATHN], chain[PATHN], log[PATHN], accept[32], name[40];
    const char *argv[48];
    int n = 0, slot, i, st, pfd[2];
    pid_t p;

    if (!dir || !pid || port <= 0 || port > 65535) return -1;
    *pid = -1;
    for (slot = 0; slot < MAX_SERVER && servers[slot].pid > 0; slot++) {
    }
    if (slot == MAX_SERVER) {
        fprintf(stderr, "testpki: more than %d servers\n", MAX_SERVER);
        return -1;
    }
    snprintf(accept, sizeof accept, "127.0.0.1:%d", port);
    snprintf(name, sizeof name, "s_server.%d.log", port);
    if (join(cert, dir, "leaf.pem") != 0 || join(key, dir, "leaf.key") != 0 ||
        join(chain, dir, "int.pem") != 0 || join(log, dir, name) != 0)
        return -1;
    argv[n++] = openssl_bin();
    argv[n++] = "s_server";
    argv[n++] = "-accept";
    argv[n++] = accept;
    argv[n++] = "-cert";
    argv[n++] = cert;
    argv[n++] = "-key";
    argv[n++] = key;
    argv[n++] = "-cert_chain";
    argv[n++] = chain;
    for (i = 0; extra_args && extra_args[i]; i++) {
        if (n == (int)(sizeof argv / sizeof argv[0]) - 1) {
            fprintf(stderr, "testpki: too many s_server arguments\n");
            return -1;
        }
        argv[n++] = extra_args[i];
    }
    argv[n] = NULL;

    /* stdin: a pipe whose write end stays open here until stop. */
    if (pipe(pfd) != 0) return -1;
    fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
    fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
    p = spawn(argv, pfd[0], log, 1, 1);
    close(pfd[0]);
    if (p < 0) {
        close(pfd[1]);
        return -1;
    }
    servers[slot].pid = p;
    servers[slot].fd = pfd[1];

    for (i = 0; i < START_MS / 20; i++) {
        pid_t w = waitpid(p, &st, WNOHANG);
        if (w == p || (w < 0 && errno != EINTR)) {
            servers[slot].pid = 0;
            close(pfd[1]);
            if (file_has(log, "in use") || file_has(log, "bind")) return MOTE_TESTPKI_EXITED;
            fprintf(stderr, "testpki: openssl s_server exited at start\n");
            print_tail(log);
            return -1;
        }
        if (listening(p, port)) {
            *pid = p;
            return 0;
        }
        sleep_ms(20);
    }
    fprintf(stderr, "testpki: openssl s_server did not listen on %s within %d ms\n", accept,
            START_MS);
    print_tail(log);
    mote_testpki_stop(p);
    return -1;
}

int mote_testpki_start_openssl_free(const char *dir, const char *const *extra_args, int *port,
                                    pid_t *pid)
{
    int tries, rc;
    for (tries = 0; tries < 5; tries++) {
        int p = mote_testpki_free_port();
        if (p < 0) return -1;
        rc = mote_testpki_start_openssl(dir, p, extra_args, pid);
        if (rc == 0) {
            *port = p;
            return 0;
        }
        if (rc != MOTE_TESTPKI_EXITED) return -1;
    }
    fprintf(stderr, "testpki: openssl s_server found no free port in 5 tries\n");
    return -1;
}

void mote_testpki_stop(pid_t pid)
{
    int i, st;
    if (pid <= 0) return;
    kill(pid, SIGTERM);
    for (i = 0; i < 100; i++) {
        pid_t w = waitpid(pid, &st, WNOHANG);
        if (w == pid || (w < 0 && errno != EINTR)) break;
        sleep_ms(20);
    }
    if (i == 100) {
        kill(pid, SIGKILL);
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
        }
    }
    for (i = 0; i < MAX_SERVER; i++) {
        if (servers[i].pid == pid) {
            close(servers[i].fd);
            servers[i].pid = 0;
        }
    }
}

/* ------------------------------------------------------------ directories */

int mote_testpki_tempdir(const char *tag, char *out, size_t outlen)
{
    const char *tmp = getenv("TMPDIR");
    int n;
    if (!tmp || !*tmp) tmp = "/tmp";
    if (!tag || strchr(tag, '/')) tag = "test";
    n = snprintf(out, outlen, "%s/mote-%s.XXXXXX", tmp, tag);
    if (n < 0 || (size_t)n >= outlen) return -1;
    if (!mkdtemp(out)) {
        fprintf(stderr, "testpki: mkdtemp %s: %s\n", out, strerror(errno));
        return -1;
    }
    return 0;
}

int mote_testpki_remove_dir(const char *dir)
{
    char p[PATHN];
    struct dirent *e;
    struct stat sb;
    int rc = 0;
    DIR *d;
    if (!dir) return -1;
    d = opendir(dir);
    if (!d) return -1;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if (join(p, dir, e->d_name) != 0 || lstat(p, &sb) != 0) {
            rc = -1;
            continue;
        }
        if (S_ISDIR(sb.st_mode)) {
            if (remove_flat(p) != 0) rc = -1;
        } else if (unlink(p) != 0) {
            rc = -1;
        }
    }
    closedir(d);
    if (rmdir(dir) != 0) rc = -1;
    return rc;
}
