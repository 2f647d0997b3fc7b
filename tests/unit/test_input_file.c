/* test_input_file.c -- unit tests of the command's input opening
 * (cli/input_file.c, compiled into the test): gzip and zstd files made
 * here with zlib and libzstd read back byte for byte through the stream in
 * odd-sized reads; the decompression cap exact to the byte; truncated and
 * corrupt streams named; a name that lies about the bytes refused; plain
 * files, directories and missing files; the known kinds; and a directory
 * walk's order, hidden entries, unknown kinds and symbolic link loop.
 */
#include "../../cli/input_file.c" /* first: it sets _GNU_SOURCE */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

/* ===== Helpers ===== */

static char tmpdir[64];

static int setup_dir(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/dyad-input-file.XXXXXX");
  return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

/* tmpdir/name into out[n]. */
static void path_of(char *out, size_t n, const char *name) {
  snprintf(out, n, "%s/%s", tmpdir, name);
}

static void write_file(const char *path, const void *data, size_t len) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, len, f), len);
  assert_int_equal(fclose(f), 0);
}

/* Text of n bytes: numbered lines, so a misplaced block shows. */
static char *sample(size_t n) {
  char *s = malloc(n);
  assert_non_null(s);
  size_t k = 0;
  for (unsigned line = 0; k < n; line++) {
    char buf[64];
    int w = snprintf(buf, sizeof buf, "line %u: Russia attacked Ukraine.\n",
                     line * 2654435761u);
    for (int i = 0; i < w && k < n; i++)
      s[k++] = buf[i];
  }
  return s;
}

/* gzip of data (zlib, gzip wrapper); *out_len its length. */
static unsigned char *gzip_of(const char *data, size_t len, size_t *out_len) {
  z_stream z;
  memset(&z, 0, sizeof z);
  assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
                                Z_DEFAULT_STRATEGY),
                   Z_OK);
  size_t cap = deflateBound(&z, (uLong)len) + 64;
  unsigned char *out = malloc(cap);
  assert_non_null(out);
  z.next_in = (Bytef *)data;
  z.avail_in = (uInt)len;
  z.next_out = out;
  z.avail_out = (uInt)cap;
  assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
  *out_len = cap - z.avail_out;
  deflateEnd(&z);
  return out;
}

static unsigned char *zstd_of(const char *data, size_t len, size_t *out_len) {
  size_t cap = ZSTD_compressBound(len);
  unsigned char *out = malloc(cap);
  assert_non_null(out);
  /* With a checksum, as the zstd command writes by default. */
  ZSTD_CCtx *cx = ZSTD_createCCtx();
  assert_non_null(cx);
  assert_false(ZSTD_isError(ZSTD_CCtx_setParameter(cx, ZSTD_c_checksumFlag, 1)));
  size_t n = ZSTD_compress2(cx, out, cap, data, len);
  assert_false(ZSTD_isError(n));
  ZSTD_freeCCtx(cx);
  *out_len = n;
  return out;
}

/* Reads the whole stream in reads of 1, 7, 4093, ... bytes; returns the
 * bytes (caller frees) and their count in *n. */
static char *read_all(input_file *in, size_t *n) {
  static const size_t sizes[] = {1, 7, 4093, 65536, 3};
  size_t cap = 1 << 16, len = 0, i = 0;
  char *buf = malloc(cap);
  assert_non_null(buf);
  FILE *f = input_file_stream(in);
  for (;;) {
    size_t want = sizes[i++ % 5];
    if (len + want > cap) {
      cap = cap * 2 + want;
      buf = realloc(buf, cap);
      assert_non_null(buf);
    }
    size_t k = fread(buf + len, 1, want, f);
    len += k;
    if (k < want)
      break;
  }
  *n = len;
  return buf;
}

/* ===== Compressed files ===== */

static void roundtrip(const char *name, int zstd, size_t len) {
  char path[128];
  path_of(path, sizeof path, name);
  char *text = sample(len);
  size_t clen;
  unsigned char *c = zstd ? zstd_of(text, len, &clen)
                          : gzip_of(text, len, &clen);
  write_file(path, c, clen);
  char why[128];
  input_file *in = input_file_open(path, 0, why, sizeof why);
  assert_non_null(in);
  assert_string_equal(input_file_compression(in), zstd ? "zstd" : "gzip");
  size_t n;
  char *got = read_all(in, &n);
  assert_int_equal(n, len);
  assert_memory_equal(got, text, len);
  assert_null(input_file_error(in));
  assert_false(ferror(input_file_stream(in)));
  input_file_close(in);
  free(got);
  free(c);
  free(text);
}

static void test_gzip_roundtrip(void **state) {
  (void)state;
  roundtrip("a.jsonl.gz", 0, 300000);
  roundtrip("empty.txt.gz", 0, 0);
}

static void test_zstd_roundtrip(void **state) {
  (void)state;
  roundtrip("a.txt.zst", 1, 300000);
  roundtrip("empty.txt.zst", 1, 0);
}

/* The cap: exactly the decompressed size passes, one byte less fails. */
static void test_cap(void **state) {
  (void)state;
  const size_t len = 200000;
  char *text = sample(len);
  for (int zstd = 0; zstd < 2; zstd++) {
    char path[128];
    path_of(path, sizeof path, zstd ? "cap.zst" : "cap.gz");
    size_t clen;
    unsigned char *c = zstd ? zstd_of(text, len, &clen)
                            : gzip_of(text, len, &clen);
    write_file(path, c, clen);
    char why[128];
    input_file *in = input_file_open(path, len, why, sizeof why);
    assert_non_null(in);
    size_t n;
    char *got = read_all(in, &n);
    assert_int_equal(n, len);
    assert_null(input_file_error(in));
    input_file_close(in);
    free(got);

    in = input_file_open(path, len - 1, why, sizeof why);
    assert_non_null(in);
    got = read_all(in, &n);
    assert_true(n <= len - 1);
    assert_memory_equal(got, text, n); /* what came out was sound */
    assert_non_null(input_file_error(in));
    assert_non_null(strstr(input_file_error(in),
                           "decompresses to more than 199999 bytes"));
    assert_true(ferror(input_file_stream(in)));
    input_file_close(in);
    free(got);
    free(c);
  }
  free(text);
}

static void test_truncated(void **state) {
  (void)state;
  const size_t len = 100000;
  char *text = sample(len);
  for (int zstd = 0; zstd < 2; zstd++) {
    char path[128];
    path_of(path, sizeof path, zstd ? "cut.txt.zst" : "cut.txt.gz");
    size_t clen;
    unsigned char *c = zstd ? zstd_of(text, len, &clen)
                            : gzip_of(text, len, &clen);
    write_file(path, c, clen - 6); /* the last bytes cut off */
    char why[128];
    input_file *in = input_file_open(path, 0, why, sizeof why);
    assert_non_null(in);
    size_t n;
    char *got = read_all(in, &n);
    assert_true(n <= len);
    assert_memory_equal(got, text, n);
    assert_non_null(input_file_error(in));
    assert_non_null(strstr(input_file_error(in),
                           zstd ? "truncated zstd data" : "truncated gzip data"));
    input_file_close(in);
    free(got);
    free(c);
  }
  free(text);
}

static void test_corrupt(void **state) {
  (void)state;
  const size_t len = 100000;
  char *text = sample(len);
  for (int zstd = 0; zstd < 2; zstd++) {
    char path[128];
    path_of(path, sizeof path, zstd ? "bad.txt.zst" : "bad.txt.gz");
    size_t clen;
    unsigned char *c = zstd ? zstd_of(text, len, &clen)
                            : gzip_of(text, len, &clen);
    for (size_t i = clen / 3; i < clen / 3 + 64; i++)
      c[i] ^= 0x5a;
    write_file(path, c, clen);
    char why[128];
    input_file *in = input_file_open(path, 0, why, sizeof why);
    assert_non_null(in);
    size_t n;
    char *got = read_all(in, &n);
    /* Bytes may come out before the fault is found (gzip checks its CRC
     * at the end of a member), but the fault is always named. */
    assert_true(n <= len);
    assert_non_null(input_file_error(in));
    assert_true(ferror(input_file_stream(in)));
    assert_non_null(strstr(input_file_error(in),
                           zstd ? "corrupt zstd data" : "corrupt gzip data"));
    input_file_close(in);
    free(got);
    free(c);
  }
  free(text);
}

/* Concatenated members read as one stream. */
static void test_gzip_members(void **state) {
  (void)state;
  size_t l1, l2;
  unsigned char *a = gzip_of("first\n", 6, &l1);
  unsigned char *b = gzip_of("second\n", 7, &l2);
  unsigned char *ab = malloc(l1 + l2);
  assert_non_null(ab);
  memcpy(ab, a, l1);
  memcpy(ab + l1, b, l2);
  char path[128];
  path_of(path, sizeof path, "two.gz");
  write_file(path, ab, l1 + l2);
  char why[128];
  input_file *in = input_file_open(path, 0, why, sizeof why);
  assert_non_null(in);
  size_t n;
  char *got = read_all(in, &n);
  assert_int_equal(n, 13);
  assert_memory_equal(got, "first\nsecond\n", 13);
  assert_null(input_file_error(in));
  input_file_close(in);
  free(got);
  free(ab);
  free(a);
  free(b);
}

/* ===== Plain files, names, refusals ===== */

static void test_plain_and_refusals(void **state) {
  (void)state;
  char path[128], why[128];
  path_of(path, sizeof path, "plain.txt");
  write_file(path, "Russia attacked Ukraine.", 24);
  input_file *in = input_file_open(path, 0, why, sizeof why);
  assert_non_null(in);
  assert_null(input_file_compression(in));
  assert_string_equal(input_file_name(in), path);
  size_t n;
  char *got = read_all(in, &n);
  assert_int_equal(n, 24);
  assert_memory_equal(got, "Russia attacked Ukraine.", 24);
  free(got);
  input_file_close(in);

  /* A gzip file under a plain name is still gzip. */
  size_t clen;
  unsigned char *c = gzip_of("abc", 3, &clen);
  path_of(path, sizeof path, "gz-inside.txt");
  write_file(path, c, clen);
  in = input_file_open(path, 0, why, sizeof why);
  assert_non_null(in);
  assert_string_equal(input_file_compression(in), "gzip");
  assert_string_equal(input_file_inner_name(in), path);
  input_file_close(in);
  free(c);

  path_of(path, sizeof path, "liar.jsonl.gz");
  write_file(path, "{\"text\":\"x\"}\n", 13);
  assert_null(input_file_open(path, 0, why, sizeof why));
  assert_string_equal(why, "named .gz but not gzip data");
  path_of(path, sizeof path, "liar.txt.zst");
  write_file(path, "hi", 2);
  assert_null(input_file_open(path, 0, why, sizeof why));
  assert_string_equal(why, "named .zst but not zstd data");

  assert_null(input_file_open(tmpdir, 0, why, sizeof why));
  assert_string_equal(why, "is a directory");
  path_of(path, sizeof path, "nothere.txt");
  assert_null(input_file_open(path, 0, why, sizeof why));
  assert_string_equal(why, "No such file or directory");

  /* The inner name drops one compression suffix. */
  c = zstd_of("abc", 3, &clen);
  path_of(path, sizeof path, "docs.jsonl.zst");
  write_file(path, c, clen);
  in = input_file_open(path, 0, why, sizeof why);
  assert_non_null(in);
  char want[128];
  path_of(want, sizeof want, "docs.jsonl");
  assert_string_equal(input_file_inner_name(in), want);
  input_file_close(in);
  free(c);
  input_file_close(NULL);
}

static void test_known_kind(void **state) {
  (void)state;
  assert_true(input_file_known_kind("a.txt"));
  assert_true(input_file_known_kind("dir/a.jsonl.gz"));
  assert_true(input_file_known_kind("a.html.zst"));
  assert_true(input_file_known_kind("Validate.text"));
  assert_true(input_file_known_kind("x.htm"));
  assert_false(input_file_known_kind("a.md"));
  assert_false(input_file_known_kind("a.gz"));
  assert_false(input_file_known_kind("a.txt.gz.gz"));
  assert_false(input_file_known_kind(".txt"));
  assert_false(input_file_known_kind("a.txt.bz2"));
}

/* ===== Walking ===== */

typedef struct seen {
  char log[2048];
} seen;

static void on_file(void *ctx, const char *path) {
  seen *s = ctx;
  size_t n = strlen(s->log);
  snprintf(s->log + n, sizeof s->log - n, "F %s\n", path + strlen(tmpdir));
}

static void on_skip(void *ctx, const char *path, const char *why) {
  seen *s = ctx;
  size_t n = strlen(s->log);
  snprintf(s->log + n, sizeof s->log - n, "S %s (%.20s)\n",
           path + strlen(tmpdir), why);
}

static void test_walk(void **state) {
  (void)state;
  char p[256];
  const char *dirs[] = {"w", "w/b", "w/a", "w/a/deep", "w/.git"};
  for (size_t i = 0; i < 5; i++) {
    path_of(p, sizeof p, dirs[i]);
    assert_int_equal(mkdir(p, 0755), 0);
  }
  const char *files[] = {"w/z.txt", "w/B.jsonl", "w/b/x.xml.zst",
                         "w/a/deep/y.html", "w/a/notes.md", "w/.hidden.txt",
                         "w/.git/HEAD.txt", "w/a.json"};
  for (size_t i = 0; i < 8; i++) {
    path_of(p, sizeof p, files[i]);
    write_file(p, "x", 1);
  }
  path_of(p, sizeof p, "w/b/up");
  assert_int_equal(symlink("..", p), 0);

  seen s;
  memset(&s, 0, sizeof s);
  input_walker w = {&s, on_file, on_skip};
  path_of(p, sizeof p, "w");
  assert_int_equal(input_walk(p, &w), 5);
  /* Byte order at each level: "B.jsonl" < "a" < "a.json" < "b" < "z.txt";
   * hidden entries never show; the link back up is a loop. */
  assert_string_equal(s.log, "F /w/B.jsonl\n"
                             "F /w/a/deep/y.html\n"
                             "S /w/a/notes.md (not a known input ki)\n"
                             "F /w/a.json\n"
                             "S /w/b/up (symbolic link loop)\n"
                             "F /w/b/x.xml.zst\n"
                             "F /w/z.txt\n");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_gzip_roundtrip),
      cmocka_unit_test(test_zstd_roundtrip),
      cmocka_unit_test(test_cap),
      cmocka_unit_test(test_truncated),
      cmocka_unit_test(test_corrupt),
      cmocka_unit_test(test_gzip_members),
      cmocka_unit_test(test_plain_and_refusals),
      cmocka_unit_test(test_known_kind),
      cmocka_unit_test(test_walk),
  };
  return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
