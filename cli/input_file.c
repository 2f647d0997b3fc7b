/* input_file.c -- the `dyad` command's inputs: plain files, standard input,
 * gzip and zstd streams decompressed on the fly (zlib, libzstd), and
 * recursive directory walks.  See input_file.h.
 *
 * A decompressed stream is a FILE* made with fopencookie (glibc; musl has
 * it too, the BSDs have funopen): its read function pulls 64 KiB of
 * compressed bytes at a time and decompresses into the reader's buffer, so
 * memory stays small whatever the file's size, and every existing reader
 * works unchanged.  This is why the file asks for _GNU_SOURCE; the rest of
 * the command and the library stay plain C11 + POSIX. */
#define _GNU_SOURCE
#include "input_file.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <zlib.h>
#include <zstd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

#define IBUF_SIZE ((size_t)1 << 16) /* compressed bytes read at a time */
#define MAGIC_LEN 4                 /* bytes read to tell the kind */
#define ZSTD_WINDOW_LOG_MAX 27      /* 128 MiB: zstd's own default limit */

enum { KIND_PLAIN, KIND_GZIP, KIND_ZSTD };

struct input_file {
  FILE *raw;   /* the file as stored (stdin for '-') */
  FILE *f;     /* what is read: raw, or the cookie stream over it */
  int is_stdin;
  int kind;    /* KIND_* */
  char *name;  /* for messages */
  char *inner; /* name without .gz/.zst */
  /* Compressed bytes read from raw and not yet used: ibuf[ipos..ilen). */
  unsigned char *ibuf;
  size_t ilen, ipos;
  int raw_eof;
  /* gzip: the inflate state; in_member while a member is begun and not
   * ended (the end of the file then means truncation). */
  z_stream z;
  int z_ready, in_member;
  /* zstd: the stream; zlast is the last hint (0: a frame just ended). */
  ZSTD_DStream *zs;
  size_t zlast;
  unsigned long long out, max_out; /* bytes delivered, and the cap */
  int done;
  char err[256]; /* why reading stopped, or "" */
};

/* ===== Names ===== */

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n > k && !strcmp(s + n - k, suffix);
}

int input_file_known_kind(const char *name) {
  static const char *const kinds[] = {".txt", ".text", ".jsonl", ".ndjson",
                                      ".json", ".xml", ".html", ".htm"};
  size_t n = strlen(name);
  /* Look past one compression suffix. */
  if (ends_with(name, ".gz"))
    n -= 3;
  else if (ends_with(name, ".zst"))
    n -= 4;
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    size_t k = strlen(kinds[i]);
    if (n > k && !strncmp(name + n - k, kinds[i], k))
      return 1;
  }
  return 0;
}

/* ===== Decompression ===== */

static void fail(input_file *in, const char *fmt, ...) {
  if (in->err[0])
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(in->err, sizeof in->err, fmt, ap);
  va_end(ap);
}

/* Tops up ibuf from the raw file when it is used up.  Returns -1 on a read
 * error (recorded). */
static int fill(input_file *in) {
  if (in->ipos < in->ilen || in->raw_eof)
    return 0;
  in->ilen = fread(in->ibuf, 1, IBUF_SIZE, in->raw);
  in->ipos = 0;
  if (in->ilen == 0) {
    if (ferror(in->raw)) {
      fail(in, "read error (%s)", strerror(errno ? errno : EIO));
      return -1;
    }
    in->raw_eof = 1;
  }
  return 0;
}

/* One step of gzip: decompresses what ibuf holds into buf[size].  Returns
 * the bytes made, or -1 on corrupt data (recorded). */
static long step_gzip(input_file *in, char *buf, size_t size) {
  if (in->ipos == in->ilen)
    return 0;
  if (!in->in_member)
    in->in_member = 1;
  in->z.next_in = in->ibuf + in->ipos;
  in->z.avail_in = (uInt)(in->ilen - in->ipos);
  in->z.next_out = (Bytef *)buf;
  in->z.avail_out = (uInt)size;
  int rc = inflate(&in->z, Z_NO_FLUSH);
  in->ipos = in->ilen - in->z.avail_in;
  long made = (long)(size - in->z.avail_out);
  if (rc == Z_STREAM_END) {
    /* A member ended; bytes after it start another member (gzip allows
     * concatenated members, as `cat a.gz b.gz` makes). */
    in->in_member = 0;
    inflateReset(&in->z);
  } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
    fail(in, "corrupt gzip data after %llu bytes (%s)", in->out,
         in->z.msg ? in->z.msg : "bad data");
    return -1;
  }
  return made;
}

/* One step of zstd, as step_gzip. */
static long step_zstd(input_file *in, char *buf, size_t size) {
  ZSTD_inBuffer zi = {in->ibuf, in->ilen, in->ipos};
  ZSTD_outBuffer zo = {buf, size, 0};
  size_t rc = ZSTD_decompressStream(in->zs, &zo, &zi);
  if (ZSTD_isError(rc)) {
    fail(in, "corrupt zstd data after %llu bytes (%s)", in->out,
         ZSTD_getErrorName(rc));
    return -1;
  }
  /* A call that neither read nor wrote (the end of the input) keeps the
   * last hint: after a frame ends zstd already asks for the next one's
   * header, which must not read as a frame left open. */
  if (zi.pos != in->ipos || zo.pos)
    in->zlast = rc;
  in->ipos = zi.pos;
  return (long)zo.pos;
}

/* The cookie's read function: decompressed bytes into buf, 0 at the end,
 * -1 with errno set once the stream has failed (corrupt, truncated, over
 * the cap, or a read error); the reason stays in in->err. */
static ssize_t cookie_read(void *cookie, char *buf, size_t size) {
  input_file *in = cookie;
  if (in->err[0]) {
    errno = EIO;
    return -1;
  }
  if (in->done || size == 0)
    return 0;
  if (size > ((size_t)1 << 30))
    size = (size_t)1 << 30;
  if (in->kind == KIND_PLAIN) {
    /* Standard input that is not compressed: the peeked bytes, then the
     * rest of the stream. */
    if (in->ipos < in->ilen) {
      size_t k = in->ilen - in->ipos;
      if (k > size)
        k = size;
      memcpy(buf, in->ibuf + in->ipos, k);
      in->ipos += k;
      return (ssize_t)k;
    }
    size_t k = fread(buf, 1, size, in->raw);
    if (k == 0 && ferror(in->raw)) {
      fail(in, "read error (%s)", strerror(errno ? errno : EIO));
      errno = EIO;
      return -1;
    }
    return (ssize_t)k;
  }
  for (;;) {
    if (fill(in) < 0)
      break;
    size_t before = in->ipos;
    long made = in->kind == KIND_GZIP ? step_gzip(in, buf, size)
                                      : step_zstd(in, buf, size);
    if (made < 0)
      break;
    if (made > 0) {
      in->out += (unsigned long long)made;
      if (in->out > in->max_out) {
        fail(in, "decompresses to more than %llu bytes "
                 "(--max-decompressed; a decompression bomb?)",
             in->max_out);
        break;
      }
      return (ssize_t)made;
    }
    if (in->ipos == in->ilen && in->raw_eof) {
      int open_frame = in->kind == KIND_GZIP ? in->in_member : in->zlast != 0;
      if (open_frame) {
        fail(in, "truncated %s data (the file ends inside a %s after "
                 "%llu bytes)",
             in->kind == KIND_GZIP ? "gzip" : "zstd",
             in->kind == KIND_GZIP ? "member" : "frame", in->out);
        break;
      }
      in->done = 1;
      return 0;
    }
    /* No output and no input used with input at hand: the decompressor is
     * stuck, which sound data never does. */
    if (in->ipos == before && in->ipos < in->ilen) {
      fail(in, "corrupt %s data after %llu bytes (no progress)",
           in->kind == KIND_GZIP ? "gzip" : "zstd", in->out);
      break;
    }
  }
  errno = EIO;
  return -1;
}

/* The cookie's close function: the input_file is freed by
 * input_file_close, not here. */
static int cookie_close(void *cookie) {
  (void)cookie;
  return 0;
}

/* ===== Opening and closing ===== */

static char *dup_str(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

static void set_why(char *why, size_t n, const char *msg) {
  if (n)
    snprintf(why, n, "%s", msg);
}

input_file *input_file_open(const char *path, unsigned long long max_out,
                            char *why, size_t n) {
  input_file *in = calloc(1, sizeof *in);
  if (!in) {
    set_why(why, n, "out of memory");
    return NULL;
  }
  in->is_stdin = !strcmp(path, "-");
  in->max_out = max_out ? max_out : INPUT_FILE_MAX_OUT_DEFAULT;
  size_t plen = strlen(path);
  size_t ilen = plen;
  int named_gz = !in->is_stdin && ends_with(path, ".gz");
  int named_zst = !in->is_stdin && ends_with(path, ".zst");
  if (named_gz)
    ilen -= 3;
  else if (named_zst)
    ilen -= 4;
  in->name = in->is_stdin ? dup_str("<stdin>", 7) : dup_str(path, plen);
  in->inner = in->is_stdin ? dup_str("", 0) : dup_str(path, ilen);
  in->ibuf = malloc(IBUF_SIZE);
  if (!in->name || !in->inner || !in->ibuf) {
    set_why(why, n, "out of memory");
    input_file_close(in);
    return NULL;
  }
  errno = 0;
  in->raw = in->is_stdin ? stdin : fopen(path, "rb");
  if (!in->raw) {
    set_why(why, n, strerror(errno ? errno : ENOENT));
    input_file_close(in);
    return NULL;
  }
  struct stat st;
  if (!in->is_stdin && fstat(fileno(in->raw), &st) == 0 &&
      S_ISDIR(st.st_mode)) {
    set_why(why, n, "is a directory");
    input_file_close(in);
    return NULL;
  }
  /* The first bytes tell the kind. */
  while (in->ilen < MAGIC_LEN) {
    size_t k = fread(in->ibuf + in->ilen, 1, MAGIC_LEN - in->ilen, in->raw);
    if (k == 0)
      break;
    in->ilen += k;
  }
  if (ferror(in->raw)) {
    set_why(why, n, strerror(errno ? errno : EIO));
    input_file_close(in);
    return NULL;
  }
  const unsigned char *m = in->ibuf;
  if (in->ilen >= 2 && m[0] == 0x1f && m[1] == 0x8b)
    in->kind = KIND_GZIP;
  else if (in->ilen >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f &&
           m[3] == 0xfd)
    in->kind = KIND_ZSTD;
  if ((named_gz && in->kind != KIND_GZIP) ||
      (named_zst && in->kind != KIND_ZSTD)) {
    set_why(why, n, named_gz ? "named .gz but not gzip data"
                             : "named .zst but not zstd data");
    input_file_close(in);
    return NULL;
  }
  if (in->kind == KIND_PLAIN && !in->is_stdin &&
      fseek(in->raw, 0, SEEK_SET) == 0) {
    /* A plain file that can be rewound is read as it is. */
    in->ilen = 0;
    in->f = in->raw;
    return in;
  }
  if (in->kind == KIND_GZIP) {
    if (inflateInit2(&in->z, 15 + 16) != Z_OK) {
      set_why(why, n, "out of memory (zlib)");
      input_file_close(in);
      return NULL;
    }
    in->z_ready = 1;
  } else if (in->kind == KIND_ZSTD) {
    in->zs = ZSTD_createDStream();
    if (!in->zs || ZSTD_isError(ZSTD_initDStream(in->zs)) ||
        ZSTD_isError(ZSTD_DCtx_setParameter(in->zs, ZSTD_d_windowLogMax,
                                            ZSTD_WINDOW_LOG_MAX))) {
      set_why(why, n, "out of memory (zstd)");
      input_file_close(in);
      return NULL;
    }
    in->zlast = 1;
  }
  cookie_io_functions_t io = {cookie_read, NULL, NULL, cookie_close};
  in->f = fopencookie(in, "rb", io);
  if (!in->f) {
    set_why(why, n, "out of memory");
    input_file_close(in);
    return NULL;
  }
  return in;
}

FILE *input_file_stream(const input_file *in) { return in->f; }

const char *input_file_name(const input_file *in) { return in->name; }

const char *input_file_inner_name(const input_file *in) { return in->inner; }

const char *input_file_compression(const input_file *in) {
  return in->kind == KIND_GZIP ? "gzip"
         : in->kind == KIND_ZSTD ? "zstd"
                                 : NULL;
}

const char *input_file_error(const input_file *in) {
  return in->err[0] ? in->err : NULL;
}

unsigned long long input_file_offset(const input_file *in) {
  if (!in || in->is_stdin || !in->raw)
    return 0;
  off_t at = ftello(in->raw);
  return at > 0 ? (unsigned long long)at : 0;
}

void input_file_close(input_file *in) {
  if (!in)
    return;
  if (in->f && in->f != in->raw)
    fclose(in->f);
  if (in->raw && !in->is_stdin)
    fclose(in->raw);
  if (in->z_ready)
    inflateEnd(&in->z);
  ZSTD_freeDStream(in->zs);
  free(in->ibuf);
  free(in->name);
  free(in->inner);
  free(in);
}

/* ===== Walking directories ===== */

#define WALK_MAX_DEPTH 64
#define WALK_MAX_ENTRIES ((size_t)1 << 20)

/* The directories being walked, outermost first: one met again below
 * itself is a symbolic link loop. */
typedef struct walk {
  const input_walker *w;
  dev_t dev[WALK_MAX_DEPTH + 1];
  ino_t ino[WALK_MAX_DEPTH + 1];
  size_t depth;
  size_t files;
} walk;

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void walk_dir(walk *k, const char *dir, const struct stat *st);

/* One entry of a directory: a file of a known kind is handed on, a
 * directory walked, anything else passed over with its reason. */
static void walk_entry(walk *k, const char *path, const char *name) {
  struct stat st;
  if (stat(path, &st) != 0) {
    k->w->skip(k->w->ctx, path, strerror(errno));
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    walk_dir(k, path, &st);
  } else if (!S_ISREG(st.st_mode)) {
    k->w->skip(k->w->ctx, path, "not a regular file");
  } else if (!input_file_known_kind(name)) {
    k->w->skip(k->w->ctx, path, "not a known input kind (.txt .text .jsonl "
                                ".ndjson .json .xml .html .htm, or .gz/.zst)");
  } else {
    k->files++;
    k->w->file(k->w->ctx, path);
  }
}

/* Reads the names of dir (hidden ones left out), sorts them in byte order
 * and walks each. */
static void walk_dir(walk *k, const char *dir, const struct stat *st) {
  for (size_t i = 0; i < k->depth; i++)
    if (k->dev[i] == st->st_dev && k->ino[i] == st->st_ino) {
      k->w->skip(k->w->ctx, dir, "symbolic link loop");
      return;
    }
  if (k->depth == WALK_MAX_DEPTH) {
    k->w->skip(k->w->ctx, dir, "directories nested too deep (over 64)");
    return;
  }
  DIR *d = opendir(dir);
  if (!d) {
    k->w->skip(k->w->ctx, dir, strerror(errno));
    return;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  int too_many = 0, nomem = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue; /* hidden, and "." and ".." */
    if (n == WALK_MAX_ENTRIES) {
      too_many = 1;
      break;
    }
    if (n == cap) {
      size_t nc = cap ? cap * 2 : 64;
      char **nn = realloc(names, nc * sizeof *names);
      if (!nn) {
        nomem = 1;
        break;
      }
      names = nn;
      cap = nc;
    }
    if (!(names[n] = dup_str(e->d_name, strlen(e->d_name)))) {
      nomem = 1;
      break;
    }
    n++;
  }
  closedir(d);
  if (too_many || nomem) {
    k->w->skip(k->w->ctx, dir, too_many ? "more than a million entries"
                                        : "out of memory");
  } else {
    if (n > 1)
      qsort(names, n, sizeof *names, cmp_names);
    k->dev[k->depth] = st->st_dev;
    k->ino[k->depth] = st->st_ino;
    k->depth++;
    size_t dlen = strlen(dir);
    int slash = dlen && dir[dlen - 1] == '/';
    char path[PATH_MAX];
    for (size_t i = 0; i < n; i++) {
      int w = snprintf(path, sizeof path, "%s%s%s", dir, slash ? "" : "/",
                       names[i]);
      if (w < 0 || (size_t)w >= sizeof path)
        k->w->skip(k->w->ctx, names[i], "path too long");
      else
        walk_entry(k, path, names[i]);
    }
    k->depth--;
  }
  for (size_t i = 0; i < n; i++)
    free(names[i]);
  free(names);
}

size_t input_walk(const char *path, const input_walker *w) {
  walk k;
  memset(&k, 0, sizeof k);
  k.w = w;
  struct stat st;
  if (strcmp(path, "-") && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    walk_dir(&k, path, &st);
    return k.files;
  }
  w->file(w->ctx, path);
  return 1;
}
